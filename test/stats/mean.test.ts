import { test } from "node:test";
import assert from "node:assert/strict";
import { mean } from "../../lib/stats/mean.js";

test("mean of hand-computed values", () => {
  assert.equal(mean([1, 2, 3, 4]), 2.5);
  assert.equal(mean(Float64Array.from([-1, 1])), 0);
  assert.equal(mean([7]), 7);
});

test("mean rejects empty input", () => {
  assert.throws(() => mean([]), /at least one value/);
});
