import { test } from "node:test";
import assert from "node:assert/strict";
import { quantile, quantiles } from "../../lib/stats/quantile.js";
import { near } from "../support/approx.js";

test("quantile interpolates between order statistics (type 7, numpy's default)", () => {
  // numpy.percentile([3, 1, 4, 1, 5, 9, 2, 6], [0, 25, 50, 90, 100]) = [1, 1.75, 3.5, 6.9, 9]
  const values = Object.freeze([3, 1, 4, 1, 5, 9, 2, 6]);
  near(quantile(values, 0), 1);
  near(quantile(values, 0.25), 1.75);
  near(quantile(values, 0.5), 3.5);
  near(quantile(values, 0.9), 6.9);
  near(quantile(values, 1), 9);
  near(quantile([1, 2, 3, 4, 5], 0.1), 1.4);
  assert.deepEqual(values, [3, 1, 4, 1, 5, 9, 2, 6], "input not sorted in place");
});

test("quantile of one value is that value; Float64Array accepted", () => {
  assert.equal(quantile([7], 0.3), 7);
  near(quantile(Float64Array.from([4, 1, 3, 2]), 0.5), 2.5);
});

test("quantile rejects empty input, p outside [0, 1] and non-finite values", () => {
  assert.throws(() => quantile([], 0.5), /at least one value/);
  assert.throws(() => quantile([1, 2], 1.5), /p must be in \[0, 1\]/);
  assert.throws(() => quantile([1, 2], Number.NaN), /p must be in \[0, 1\]/);
  assert.throws(() => quantile([1, Number.NaN], 0.5), /finite/);
});

test("quantiles sorts once and gives each quantile's value; a null among the values is refused, not read as 0", () => {
  // numpy.percentile([3, 1, 4, 1, 5, 9, 2, 6], [2.5, 97.5]) = [1.0, 8.475]
  assert.deepEqual(quantiles([3, 1, 4, 1, 5, 9, 2, 6], [0.025, 0.975]).map((v) => Number(v.toFixed(12))), [1, 8.475]);
  assert.deepEqual(quantiles([3, 1, 4, 1, 5, 9, 2, 6], [0.25, 0.5, 0.9]), [0.25, 0.5, 0.9].map((p) => quantile([3, 1, 4, 1, 5, 9, 2, 6], p)));
  assert.throws(() => quantiles([1, null as unknown as number], [0.5]), /finite, got null/);
});
