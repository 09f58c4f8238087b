import { test } from "node:test";
import assert from "node:assert/strict";
import { isConstant } from "../../lib/stats/isConstant.js";

test("isConstant compares exactly", () => {
  assert.equal(isConstant([0.1, 0.1, 0.1]), true);
  assert.equal(isConstant(Float64Array.from([2, 2])), true);
  assert.equal(isConstant([7]), true);
  assert.equal(isConstant([1, 1, 1 + 1e-15]), false);
  assert.equal(isConstant([]), true);
});
