import { test } from "node:test";
import assert from "node:assert/strict";
import { olsLine } from "../../lib/stats/olsLine.js";
import { near } from "../support/approx.js";

test("olsLine on a small example", () => {
  // Sxy = 6, Sxx = 10, Syy = 6: slope 0.6, intercept 4 − 0.6·3 = 2.2, R² = 36/60 = 0.6.
  const line = olsLine(Object.freeze([1, 2, 3, 4, 5]), Object.freeze([2, 4, 5, 4, 5]));
  near(line.slope, 0.6);
  near(line.intercept, 2.2);
  near(line.r2, 0.6);
});

test("olsLine recovers an exact line", () => {
  const line = olsLine(Float64Array.from([-1, 0, 2, 5]), Float64Array.from([5, 3, -1, -7]));
  near(line.slope, -2);
  near(line.intercept, 3);
  near(line.r2, 1);
});

test("olsLine R² equals Pearson r squared", () => {
  const line = olsLine([1, 2, 3, 4, 5, 6], [6, 4, 5, 3, 1, 2]);
  near(line.slope, -31 / 35);
  near(line.intercept, 3.5 + (31 / 35) * 3.5);
  near(line.r2, (31 / 35) ** 2);
});

test("olsLine with two points passes through both", () => {
  const line = olsLine([1, 3], [10, 4]);
  near(line.slope, -3);
  near(line.intercept, 13);
  near(line.r2, 1);
});

test("olsLine with constant x or y", () => {
  assert.deepEqual(olsLine([2, 2, 2], [1, 2, 3]), { slope: null, intercept: null, r2: null });
  assert.deepEqual(olsLine([1, 2, 3], [0.7, 0.7, 0.7]), { slope: 0, intercept: 0.7, r2: null });
});

test("olsLine rejects short, unequal or non-finite input", () => {
  assert.throws(() => olsLine([], []), /at least 2 pairs, got 0/);
  assert.throws(() => olsLine([1], [1]), /at least 2 pairs, got 1/);
  assert.throws(() => olsLine([1, 2], [1, 2, 3]), /same length/);
  assert.throws(() => olsLine([1, 2, null as unknown as number], [1, 2, 3]), /pair 2 is not finite/);
});
