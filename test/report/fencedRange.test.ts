import { test } from "node:test";
import assert from "node:assert/strict";
import { fencedRange } from "../../lib/report/fencedRange.js";

test("fencedRange: the span inside Tukey's far-out fences plus 5 %, and the indices left out", () => {
  // quartiles 2 and 4 (linear interpolation), IQR 2, fences 2 − 6 = −4 and 4 + 6 = 10: 100 is out; span 1…4, margin 0.15
  const { range, outside } = fencedRange([1, 2, 3, 4, 100]);
  assert.ok(Math.abs(range[0] - 0.85) < 1e-12 && Math.abs(range[1] - 4.15) < 1e-12, String(range));
  assert.deepEqual(outside, [4]);
  // nothing far out: the whole span, nothing left out
  assert.deepEqual(fencedRange([-2, 0, 2]).outside, []);
  assert.deepEqual(fencedRange([-2, 0, 2]).range, [-2.2, 2.2]);
  // one value: a unit-wide margin instead of a zero-width axis
  assert.deepEqual(fencedRange([5]).range, [4.95, 5.05]);
  // both tails, with the inner fences (k = 1.5)
  assert.deepEqual(fencedRange([-50, 1, 2, 3, 4, 5, 60], 1.5).outside, [0, 6]);
});
