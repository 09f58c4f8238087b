import { test } from "node:test";
import assert from "node:assert/strict";
import { gini } from "../../lib/stats/gini.js";
import { near } from "../support/approx.js";

test("gini of hand-computed distributions", () => {
  assert.equal(gini([1, 1, 1, 1]), 0);
  near(gini([0, 0, 0, 1]), 0.75, 1e-12); // one holder of everything: (n − 1)/n
  near(gini([1, 2, 3, 4]), 0.25, 1e-12); // (−3·1 − 1·2 + 1·3 + 3·4)/(4·10) = 10/40
  near(gini([4, 1, 3, 2]), 0.25, 1e-12); // order does not matter
  near(gini([3, 1]), 0.25, 1e-12); // (−1·1 + 1·3)/(2·4)
  assert.equal(gini([42]), 0);
});

test("gini is scale invariant", () => {
  near(gini([10, 20, 30, 40]), 0.25, 1e-12);
  near(gini([0.001, 0.002, 0.003, 0.004]), 0.25, 1e-12);
});

test("gini of an all-zero distribution is 0", () => {
  assert.equal(gini([0, 0, 0]), 0);
});

test("gini with negative values evaluates the same formula (documented: can exceed 1)", () => {
  // sorted (−2, 1, 3): (−2·(−2) + 0·1 + 2·3)/(3·2) = 10/6
  near(gini([3, -2, 1]), 10 / 6, 1e-12);
});

test("gini does not modify its input", () => {
  const values = Object.freeze([5, 1, 4, 2, 3]);
  gini(values);
  assert.deepEqual(values, [5, 1, 4, 2, 3]);
  const typed = Float64Array.from([5, 1, 4]);
  gini(typed);
  assert.deepEqual(Array.from(typed), [5, 1, 4]);
});

test("gini of a million values is exact: values 1..n give (n − 1)/(3n)", () => {
  const n = 1_000_000;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = n - i; // reversed, so the sort does work
  const g = gini(values);
  near(g, (n - 1) / (3 * n), 1e-9);
  assert.equal(values[0], n);
});

test("gini rejects empty and non-finite input", () => {
  assert.throws(() => gini([]), /at least one value/);
  assert.throws(() => gini([1, NaN]), /value 1 is not finite/);
  assert.throws(() => gini(new Float64Array([Infinity])), /value 0 is not finite/);
});
