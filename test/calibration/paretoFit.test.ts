import assert from "node:assert/strict";
import { test } from "node:test";
import {
  fitLognormalBody,
  fitParetoTailIndex,
  fitShiftedLomax,
  fitTwoPieceWages,
  oewsQuantiles,
  officialWageQuantile,
  quantileFitQuality,
  shiftedLomaxMean,
  shiftedLomaxQuantile,
  topTailQuantiles,
  twoPieceCdf,
  twoPieceMean,
  twoPieceQuantile,
  usWageTargets,
  wagesFromQuantile,
  type TwoPieceWageModel,
} from "../../lib/calibration/paretoFit.js";
import { closeTo } from "../support/approx.js";
import { officialWages } from "../../lib/economy/wages.js";

const KNOWN: TwoPieceWageModel = { mu: Math.log(20), sigma: 0.6, alpha: 2.5, threshold: 0.9 };
const BODY_Q = [0.1, 0.25, 0.5, 0.75, 0.9];
const TAIL_Q = [0.9, 0.95, 0.99, 0.999];
const pointsOf = (qs: number[], f: (q: number) => number) => qs.map((q) => ({ q, value: f(q) }));

test("fitTwoPieceWages recovers known lognormal-body and Pareto-tail parameters exactly", () => {
  const body = pointsOf(BODY_Q, (q) => twoPieceQuantile(q, KNOWN));
  // The tail index is scale-free: tail points in other units (×2080, annual) identify the same α.
  const tail = pointsOf(TAIL_Q, (q) => 2080 * twoPieceQuantile(q, KNOWN));
  const fit = fitTwoPieceWages(body, tail);
  assert.ok(closeTo(fit.model.mu, KNOWN.mu, 1e-9), `mu ${fit.model.mu}`);
  assert.ok(closeTo(fit.model.sigma, KNOWN.sigma, 1e-9), `sigma ${fit.model.sigma}`);
  assert.ok(closeTo(fit.model.alpha, KNOWN.alpha, 1e-9), `alpha ${fit.model.alpha}`);
  assert.ok(closeTo(fit.body.r2 as number, 1, 1e-12) && closeTo(fit.tail.r2 as number, 1, 1e-12));
  const quality = quantileFitQuality([...body, ...tail.slice(1).map((p) => ({ q: p.q, value: p.value / 2080 }))], (q) =>
    twoPieceQuantile(q, fit.model),
  );
  assert.ok(quality.maxAbsRelError < 1e-9 && quality.rmsRelError < 1e-9);
});

test("the two-piece quantile is continuous at the threshold and Pareto above it", () => {
  const w90 = twoPieceQuantile(0.9, KNOWN);
  assert.ok(closeTo(twoPieceQuantile(0.9 + 1e-12, KNOWN), w90, 1e-9));
  // Ten times rarer means 10^(1/α) times richer.
  assert.ok(closeTo(twoPieceQuantile(0.99, KNOWN) / w90, 10 ** (1 / 2.5), 1e-12));
  assert.ok(closeTo(twoPieceQuantile(0.5, KNOWN), 20, 1e-12));
});

test("twoPieceCdf inverts twoPieceQuantile in the body and the tail", () => {
  for (const q of [0.01, 0.1, 0.5, 0.89, 0.9, 0.95, 0.999, 0.99999]) {
    assert.ok(closeTo(twoPieceCdf(twoPieceQuantile(q, KNOWN), KNOWN), q, 1e-9), `q = ${q}`);
  }
  assert.equal(twoPieceCdf(0, KNOWN), 0);
});

test("twoPieceMean matches a numerical integral of the quantile function", () => {
  const n = 2_000_000;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += twoPieceQuantile((i + 0.5) / n, KNOWN);
  // The midpoint rule misses a little of the Pareto tail's last cell; α = 2.5 keeps that well under 0.1 %.
  assert.ok(Math.abs(sum / n / twoPieceMean(KNOWN) - 1) < 1e-3);
  assert.equal(twoPieceMean({ ...KNOWN, alpha: 1 }), Infinity);
});

test("fitParetoTailIndex: hand example and input checks", () => {
  const fit = fitParetoTailIndex([{ q: 0.9, value: 10 }, { q: 0.99, value: 10 * Math.sqrt(10) }]);
  assert.ok(closeTo(fit.alpha, 2, 1e-12));
  assert.throws(() => fitParetoTailIndex([{ q: 0.9, value: 10 }]), /at least 2/);
  assert.throws(() => fitParetoTailIndex([{ q: 0.9, value: 10 }, { q: 1, value: 20 }]), /0 < q < 1/);
  assert.throws(() => fitLognormalBody([{ q: 0.1, value: 20 }, { q: 0.9, value: 10 }]), /rise/);
});

test("fitShiftedLomax recovers a known shift + scale·Lomax(shape)", () => {
  const known = { shape: 3, scale: 20, shift: 10 };
  const points = pointsOf([0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999], (q) => shiftedLomaxQuantile(q, known));
  const fit = fitShiftedLomax(points);
  assert.ok(closeTo(fit.shape, 3, 1e-6), `shape ${fit.shape}`);
  assert.ok(closeTo(fit.scale, 20, 1e-5), `scale ${fit.scale}`);
  assert.ok(closeTo(fit.shift, 10, 1e-5), `shift ${fit.shift}`);
});

test("fitShiftedLomax of the official draw's own quantiles gives back Lomax(8), 949 and 1", () => {
  const official = { shape: 8, scale: 949, shift: 1 };
  const fit = fitShiftedLomax(pointsOf([0.1, 0.3, 0.5, 0.7, 0.9, 0.99], (q) => shiftedLomaxQuantile(q, official)));
  assert.ok(closeTo(fit.shape, 8, 1e-5) && closeTo(fit.scale, 949, 1e-4) && closeTo(fit.shift, 1, 1e-4));
});

test("quantileFitQuality: relative errors, max and RMS by hand", () => {
  const q = quantileFitQuality([{ q: 0.5, value: 10 }, { q: 0.9, value: 20 }], (p) => (p === 0.5 ? 11 : 18));
  assert.deepEqual(q.points.map((p) => Number(p.relError.toFixed(12))), [0.1, -0.1]);
  assert.ok(closeTo(q.maxAbsRelError, 0.1, 1e-12) && closeTo(q.rmsRelError, 0.1, 1e-12));
});

test("US targets: OEWS 2022 body and the W-2 tail shape rescaled to OEWS p90", () => {
  assert.deepEqual(oewsQuantiles(2022).map((p) => p.value), [13.14, 16.03, 22.26, 35.32, 53.03]);
  assert.deepEqual(topTailQuantiles().map((p) => p.q), [0.9, 0.95, 0.99, 0.999]);
  const targets = usWageTargets(2022);
  assert.equal(targets.length, 8);
  assert.ok(closeTo(targets[5].value, (53.03 * 147900) / 106900, 1e-12));
  // The US tail index from W-2 p90…p99.9 is about 2 (calibration.md: ≈ 2.05 from the end points).
  const fit = fitTwoPieceWages(oewsQuantiles(2022), topTailQuantiles());
  assert.ok(fit.model.alpha > 1.95 && fit.model.alpha < 2.15, `alpha ${fit.model.alpha}`);
});

test("wagesFromQuantile evaluates at the mid-points (i + ½)/N", () => {
  assert.deepEqual(Array.from(wagesFromQuantile(4, (q) => q)), [0.125, 0.375, 0.625, 0.875]);
});

test("officialWageQuantile is the official draw: its mean is the engine's exact wages' mean, capped at 950", async () => {
  const exact = officialWages(1000).reduce((a, b) => a + b, 0) / 1000;
  const n = 1_000_000;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += officialWageQuantile((i + 0.5) / n);
  assert.ok(Math.abs(sum / n / exact - 1) < 1e-6, `${sum / n} vs ${exact}`);
  assert.equal(officialWageQuantile(0.999), 950);
  assert.ok(closeTo(shiftedLomaxMean({ shape: 3, scale: 20, shift: 10 }), 20, 1e-12));
  assert.equal(shiftedLomaxMean({ shape: 1, scale: 20, shift: 10 }), Infinity);
});
