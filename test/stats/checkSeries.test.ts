import { test } from "node:test";
import assert from "node:assert/strict";
import { checkSeries } from "../../lib/stats/checkSeries.js";

test("checkSeries accepts valid pairs", () => {
  assert.doesNotThrow(() => checkSeries("f", [1, 2, 3], Float64Array.from([4, 5, 6]), 3));
});

test("checkSeries names the function and the problem", () => {
  assert.throws(() => checkSeries("pearson", [1, 2], [4, 5], 3), /^Error: pearson: needs at least 3 pairs, got 2$/);
  assert.throws(() => checkSeries("olsLine", [1], [4, 5], 1), /olsLine: x and y must have the same length/);
  assert.throws(() => checkSeries("f", [1, -Infinity], [4, 5], 1), /f: pair 1 is not finite \(x = -Infinity, y = 5\)/);
});
