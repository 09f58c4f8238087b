import { test } from "node:test";
import assert from "node:assert/strict";
import { seriesRange } from "../../lib/stats/seriesRange.js";

test("seriesRange over defined values only", () => {
  const values = Object.freeze([null, 0.02, -0.01, 0.05, NaN]);
  const range = seriesRange(values);
  assert.equal(range.min, -0.01);
  assert.equal(range.max, 0.05);
  assert.ok(Math.abs((range.mean as number) - 0.02) < 1e-15);
  assert.deepEqual(Object.keys(range), ["min", "max", "mean"]);
});

test("seriesRange of a single value", () => {
  assert.deepEqual(seriesRange([3]), { min: 3, max: 3, mean: 3 });
});

test("seriesRange with nothing defined is all null", () => {
  assert.deepEqual(seriesRange([]), { min: null, max: null, mean: null });
  assert.deepEqual(seriesRange([null, null]), { min: null, max: null, mean: null });
});
