import { test } from "node:test";
import assert from "node:assert/strict";
import { describeSample } from "../../lib/stats/describeSample.js";
import { near } from "../support/approx.js";

test("describeSample: count, mean, sd, quantiles; nulls counted as missing", () => {
  const d = describeSample([1, 2, null, 3, 4, 5, Number.NaN]);
  assert.equal(d.n, 5);
  assert.equal(d.missing, 2);
  near(d.mean, 3);
  near(d.sd, Math.sqrt(2.5)); // Σ(x − 3)² = 10, / (n − 1) = 2.5
  assert.equal(d.min, 1);
  near(d.q10, 1.4);
  near(d.median, 3);
  near(d.q90, 4.6);
  assert.equal(d.max, 5);
});

test("describeSample: one value has no sd; no value gives nulls", () => {
  const one = describeSample([0.7]);
  assert.equal(one.n, 1);
  assert.equal(one.sd, null);
  assert.equal(one.median, 0.7);
  assert.deepEqual(describeSample([null, null]), {
    n: 0, missing: 2, mean: null, sd: null, min: null, q10: null, median: null, q90: null, max: null,
  });
});
