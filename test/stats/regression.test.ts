import { test } from "node:test";
import assert from "node:assert/strict";
import { olsLine } from "../../lib/stats/olsLine.js";
import { pearson } from "../../lib/stats/pearson.js";
import { ols } from "../../lib/stats/regression.js";
import { near } from "../support/approx.js";

const X = Object.freeze([[0, 0], [1, 0], [0, 1], [1, 1], [2, 1]].map((r) => Object.freeze(r)));
const Y = Object.freeze([1, 3, 2, 5, 6]);

test("ols on a small example, by hand", () => {
  // With the intercept column: XᵀX = [[5,4,3],[4,6,3],[3,3,3]], Xᵀy = [17,20,13];
  // (XᵀX)⁻¹ = [[3/5,−1/5,−2/5],[−1/5,2/5,−1/5],[−2/5,−1/5,14/15]], so β = (1, 2, 4/3).
  // Residuals (0, 0, −1/3, 2/3, −1/3): RSS = 2/3, σ² = RSS/(5 − 3) = 1/3; TSS = 86/5, R² = 1 − (2/3)/(86/5) = 124/129.
  // Var(β) = σ²·diag((XᵀX)⁻¹) = (1/5, 2/15, 14/45). With 2 degrees of freedom the t CDF has a closed form,
  // so p = 1 − |t|/√(2 + t²): t = √5 → 1 − √(5/7); t = √30 → 1 − √(30/32).
  const fit = ols(X, Y, ["x1", "x2"]);
  assert.equal(fit.n, 5);
  assert.equal(fit.dof, 2);
  near(fit.sigma, Math.sqrt(1 / 3));
  near(fit.r2, 124 / 129);
  assert.deepEqual(fit.coefficients.map((c) => c.name), ["intercept", "x1", "x2"]);
  const [b0, b1, b2] = fit.coefficients;
  near(b0.estimate, 1);
  near(b1.estimate, 2);
  near(b2.estimate, 4 / 3);
  near(b0.se, Math.sqrt(1 / 5));
  near(b1.se, Math.sqrt(2 / 15));
  near(b2.se, Math.sqrt(14 / 45));
  near(b0.t, Math.sqrt(5));
  near(b1.t, Math.sqrt(30));
  near(b2.t, 4 / 3 / Math.sqrt(14 / 45));
  near(b0.p, 1 - Math.sqrt(5 / 7), 1e-7);
  near(b1.p, 1 - Math.sqrt(30 / 32), 1e-7);
  const t2 = 4 / 3 / Math.sqrt(14 / 45);
  near(b2.p, 1 - t2 / Math.sqrt(2 + t2 * t2), 1e-7);
  assert.ok(fit.coefficients.every((c) => c.dropped === null));
  assert.deepEqual(fit.notes, []);
});

test("ols with one regressor agrees with the simple line and Pearson's test", () => {
  const x = [1, 2, 3, 4, 5, 6];
  const y = [6, 4, 5, 3, 1, 2];
  const fit = ols(x.map((v) => [v]), y, ["x"]);
  const line = olsLine(x, y);
  near(fit.coefficients[0].estimate, line.intercept!);
  near(fit.coefficients[1].estimate, line.slope!);
  near(fit.r2, line.r2!);
  near(fit.coefficients[1].p, pearson(x, y).p!, 1e-9);
});

test("ols does not depend on the units of a regressor except through its coefficient", () => {
  const scaled = X.map(([a, b]) => [a * 1000, b / 7]);
  const fit = ols(scaled, Y, ["x1", "x2"]);
  near(fit.coefficients[1].estimate, 2 / 1000);
  near(fit.coefficients[2].estimate, (4 / 3) * 7);
  near(fit.coefficients[1].t, Math.sqrt(30));
  near(fit.r2, 124 / 129);
});

test("ols drops a constant regressor and fits the rest", () => {
  const fit = ols(X.map(([a, b]) => [a, 0.03, b]), Y, ["x1", "rate", "x2"]);
  const rate = fit.coefficients[2];
  assert.deepEqual(rate, { name: "rate", estimate: null, se: null, t: null, p: null, dropped: "constant" });
  near(fit.coefficients[1].estimate, 2);
  near(fit.coefficients[3].estimate, 4 / 3);
  near(fit.coefficients[3].se, Math.sqrt(14 / 45));
  assert.equal(fit.dof, 2);
  assert.deepEqual(fit.notes, ["rate dropped: constant"]);
});

test("ols drops a regressor that is a combination of earlier ones", () => {
  // x3 = 2·x1 − x2 + 5: exactly collinear with the intercept, x1 and x2.
  const fit = ols(X.map(([a, b]) => [a, b, 2 * a - b + 5]), Y, ["x1", "x2", "x3"]);
  assert.equal(fit.coefficients[3].dropped, "collinear with earlier columns");
  assert.equal(fit.coefficients[3].estimate, null);
  near(fit.coefficients[2].estimate, 4 / 3);
  assert.equal(fit.dof, 2);
  assert.deepEqual(fit.notes, ["x3 dropped: collinear with earlier columns"]);
});

test("ols with a constant response estimates the level and tests nothing", () => {
  const fit = ols(X, [1, 1, 1, 1, 1], ["x1", "x2"]);
  assert.deepEqual(
    fit.coefficients.map((c) => [c.estimate, c.se, c.t, c.p]),
    [[1, null, null, null], [0, null, null, null], [0, null, null, null]],
  );
  assert.equal(fit.r2, null);
  assert.deepEqual(fit.notes, ["y is constant: nothing to explain, no tests"]);
});

test("ols without residual degrees of freedom estimates but does not test", () => {
  const fit = ols([[0], [1]], [3, 5], ["x"]);
  near(fit.coefficients[0].estimate, 3);
  near(fit.coefficients[1].estimate, 2);
  assert.equal(fit.coefficients[1].se, null);
  assert.equal(fit.coefficients[1].p, null);
  assert.equal(fit.dof, 0);
  assert.equal(fit.sigma, null);
  near(fit.r2, 1);
  assert.equal(fit.notes.length, 1);
});

test("ols with a perfect fit has p ≈ 0", () => {
  const fit = ols([[0], [1], [2], [3]], [1, 3, 5, 7], ["x"]);
  near(fit.coefficients[1].estimate, 2);
  assert.ok(fit.coefficients[1].p! < 1e-12);
});

test("ols rejects mismatched shapes and non-finite values", () => {
  assert.throws(() => ols([], [], []), /no observations/);
  assert.throws(() => ols([[1], [2]], [1], ["x"]), /2 rows but y has 1/);
  assert.throws(() => ols([[1, 2], [2]], [1, 2], ["a", "b"]), /row 1 of X has 1 values/);
  assert.throws(() => ols([[1], [NaN]], [1, 2], ["x"]), /X\[1\]\[0\] \(x\) is not finite/);
  assert.throws(() => ols([[1], [2]], [1, Infinity], ["x"]), /y\[1\] is not finite/);
});
