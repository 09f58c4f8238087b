import { test } from "node:test";
import assert from "node:assert/strict";
import { pairedDefined } from "../../lib/stats/pairedDefined.js";

test("pairedDefined drops pairs where either value is undefined", () => {
  const x = Object.freeze([null, 5, 6, 7, NaN, 9]);
  const y = Object.freeze([1, 2, null, 4, 5, Infinity]);
  assert.deepEqual(pairedDefined(x, y), { x: [5, 7], y: [2, 4], index: [1, 3] });
  assert.deepEqual(x, [null, 5, 6, 7, NaN, 9]);
});

test("pairedDefined keeps everything when all is defined, including zeros", () => {
  assert.deepEqual(pairedDefined([0, -1, 2], [3, 0, -0.5]), { x: [0, -1, 2], y: [3, 0, -0.5], index: [0, 1, 2] });
});

test("pairedDefined accepts Float64Array and returns plain arrays", () => {
  const out = pairedDefined(Float64Array.from([1, NaN, 3]), Float64Array.from([4, 5, 6]));
  assert.deepEqual(out, { x: [1, 3], y: [4, 6], index: [0, 2] });
});

test("pairedDefined of empty or all-undefined input is empty", () => {
  assert.deepEqual(pairedDefined([], []), { x: [], y: [], index: [] });
  assert.deepEqual(pairedDefined([null, 1], [2, null]), { x: [], y: [], index: [] });
});

test("pairedDefined rejects series of different lengths", () => {
  assert.throws(() => pairedDefined([1, 2], [1]), /same length, got 2 and 1/);
});
