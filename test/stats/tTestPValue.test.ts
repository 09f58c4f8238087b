import { test } from "node:test";
import assert from "node:assert/strict";
import { tTestPValue } from "../../lib/stats/tTestPValue.js";
import { near } from "../support/approx.js";

// Closed form for 3 dof: F(t) = 1/2 + (1/π)·(t/(√3·(1 + t²/3)) + atan(t/√3)).
const closedForm3 = (t: number) =>
  2 * (0.5 - (t / (Math.sqrt(3) * (1 + (t * t) / 3)) + Math.atan(t / Math.sqrt(3))) / Math.PI);

test("tTestPValue matches the closed-form t(3) tail", () => {
  for (const t of [0.3, 1, 2.1213203435596424, 4, 12]) near(tTestPValue(t, 3), closedForm3(t));
  near(tTestPValue(2.1213203435596424, 3), 0.12402706265755463);
});

test("tTestPValue is two-sided and symmetric", () => {
  assert.equal(tTestPValue(-2.5, 10), tTestPValue(2.5, 10));
  // t(1) is the Cauchy distribution: P(|T| ≥ 1) = 1/2. jStat's continued fraction is least precise for
  // tiny dof near the centre (error 3e-9 here), hence the wider tolerance.
  near(tTestPValue(1, 1), 0.5, 1e-8);
  near(tTestPValue(0, 7), 1, 5e-8); // jStat's worst case is t = 0 (documented)
});

test("tTestPValue matches scipy for 17 and 18 dof", () => {
  // scipy.stats.t.sf(|t|, dof) * 2
  near(tTestPValue(-1.0034444763928222, 18), 0.32894604785600617);
  near(tTestPValue(-2.2648576511190323, 17), 0.036879614002096094);
  near(tTestPValue(5, 18), 9.28414255737681e-5, 1e-12);
});

test("tTestPValue gives 0 for an infinite statistic", () => {
  assert.equal(tTestPValue(Infinity, 5), 0);
  assert.equal(tTestPValue(-Infinity, 5), 0);
});

test("tTestPValue rejects NaN and bad degrees of freedom", () => {
  assert.throws(() => tTestPValue(NaN, 5), /t is NaN/);
  assert.throws(() => tTestPValue(1, 0), /degrees of freedom/);
  assert.throws(() => tTestPValue(1, -3), /degrees of freedom/);
  assert.throws(() => tTestPValue(1, NaN), /degrees of freedom/);
});
