import { test } from "node:test";
import assert from "node:assert/strict";
import { pearson, pearsonR } from "../../lib/stats/pearson.js";
import { near } from "../support/approx.js";

test("pearson on a small positive example", () => {
  // By hand: deviations dx = (-2, -1, 0, 1, 2), dy = (-2, 0, 1, 0, 1); Sxy = 6, Sxx = 10, Syy = 6, so
  // r = 6/sqrt(60) = sqrt(0.6) and t = sqrt(0.6 · 3/0.4) = sqrt(4.5); p from the closed-form t(3) CDF;
  // interval by mpmath.
  const x = Object.freeze([1, 2, 3, 4, 5]);
  const y = Object.freeze([2, 4, 5, 4, 5]);
  const c = pearson(x, y);
  near(c.r, Math.sqrt(0.6));
  near(c.r, 0.7745966692414834);
  near(c.p, 0.12402706265755463);
  assert.equal(c.n, 5);
  assert.ok(c.ci95);
  near(c.ci95[0], -0.34008203518751046);
  near(c.ci95[1], 0.98423575515072666);
});

test("pearson on a negative example", () => {
  // r = -31/35 exactly; p and interval from mpmath.
  const c = pearson([1, 2, 3, 4, 5, 6], [6, 4, 5, 3, 1, 2]);
  near(c.r, -31 / 35);
  near(c.p, 0.018845481049562682);
  assert.ok(c.ci95);
  near(c.ci95[0], -0.98747049638036478);
  near(c.ci95[1], -0.2637127251261088);
});

test("pearson on US unemployment vs hourly-earnings growth, 2001–2020 (calibration.md)", () => {
  const unemployment = [
    4.74, 5.78, 5.99, 5.54, 5.08, 4.61, 4.62, 5.8, 9.28, 9.61, 8.93, 8.08, 7.36, 6.16, 5.28, 4.88, 4.36, 3.89,
    3.68, 8.1,
  ];
  const aheGrowth = [
    3.77, 2.92, 2.67, 2.1, 2.75, 3.88, 3.99, 3.78, 2.99, 2.39, 2.03, 1.48, 2.07, 2.31, 2.08, 2.44, 2.34, 2.98,
    3.54, 5.03,
  ];
  // mpmath / scipy.stats.pearsonr: a weak negative wage-Phillips relation, not significant (2020 outlier).
  const c = pearson(unemployment, aheGrowth);
  near(c.r, -0.23016415682951241);
  near(c.p, 0.32894604785600617);
  assert.equal(c.n, 20);
  assert.ok(c.ci95);
  near(c.ci95[0], -0.61050366194281637);
  near(c.ci95[1], 0.23643845475949875);
  // Without the 2020 composition effect the relation is significant at 5%.
  const pre2020 = pearson(unemployment.slice(0, 19), aheGrowth.slice(0, 19));
  near(pre2020.r, -0.48145347292520792);
  near(pre2020.p, 0.036879614002096094);
});

test("pearson accepts Float64Array and does not modify its inputs", () => {
  const x = Float64Array.from([1, 2, 3, 4, 5]);
  const y = Float64Array.from([2, 4, 5, 4, 5]);
  const c = pearson(x, y);
  near(c.r, 0.7745966692414834);
  assert.deepEqual(Array.from(x), [1, 2, 3, 4, 5]);
  assert.deepEqual(Array.from(y), [2, 4, 5, 4, 5]);
});

test("pearson is invariant to affine rescaling", () => {
  const a = pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);
  const b = pearson([0.01, 0.02, 0.03, 0.04, 0.05], [-20, -40, -50, -40, -50]);
  near(b.r, -(a.r as number));
  near(b.p, a.p as number);
});

test("pearson of perfectly collinear data gives |r| = 1 and p = 0", () => {
  const up = pearson([1, 2, 3, 4], [3, 5, 7, 9]);
  assert.equal(up.r, 1);
  assert.equal(up.p, 0);
  assert.deepEqual(up.ci95, [1, 1]);
  const down = pearson([0, 1, 2], [4, 2, 0]);
  assert.equal(down.r, -1);
  assert.equal(down.p, 0);
  assert.equal(down.ci95, null); // n = 3: no Fisher interval
});

test("pearson of a constant series is undefined: nulls, not an error", () => {
  assert.deepEqual(pearson([0.1, 0.1, 0.1, 0.1], [1, 2, 3, 4]), { r: null, p: null, n: 4, ci95: null });
  assert.deepEqual(pearson([1, 2, 3], [5, 5, 5]), { r: null, p: null, n: 3, ci95: null });
});

test("pearson with n = 3 has a p-value but no interval", () => {
  // r = 0.5 exactly; t = 0.5·sqrt(1/0.75); t(1) is Cauchy: p = 1 − 2·atan(t)/π.
  const c = pearson([1, 2, 3], [1, 3, 2]);
  near(c.r, 0.5);
  near(c.p, 1 - (2 * Math.atan(0.5 / Math.sqrt(0.75))) / Math.PI);
  assert.equal(c.ci95, null);
});

test("pearson rejects short, unequal or non-finite input", () => {
  assert.throws(() => pearson([], []), /at least 3 pairs, got 0/);
  assert.throws(() => pearson([1, 2], [3, 4]), /at least 3 pairs, got 2/);
  assert.throws(() => pearson([1, 2, 3], [1, 2]), /same length/);
  assert.throws(() => pearson([1, NaN, 3], [1, 2, 3]), /pair 1 is not finite/);
  assert.throws(() => pearson([1, 2, 3], [1, 2, Infinity]), /pair 2 is not finite/);
});

test("pearsonR is pearson's r to the last bit, and null for a constant series", () => {
  const x = [0.3, 1.7, 2.2, 4.1, 4.9, 6.3];
  const y = [1.1, 0.7, 2.9, 3.3, 5.6, 5.2];
  assert.equal(pearsonR(x, y), pearson(x, y).r);
  assert.equal(pearsonR(x, [2, 2, 2, 2, 2, 2]), null);
});
