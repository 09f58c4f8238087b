import { test } from "node:test";
import assert from "node:assert/strict";
import { relationRow } from "../../lib/analysis/relationRow.js";

test("relationRow flattens the statistics and drops the points", () => {
  const fit = { r: -0.5, p: 0.03, n: 19, ci95: [-0.8, -0.05] as [number, number], slope: -2, intercept: 0.1, x: [1], y: [2], years: [2002] };
  assert.deepEqual(relationRow("cats", "Phillips curve", fit), {
    run: "cats", relation: "Phillips curve", r: -0.5, p: 0.03, ci95_low: -0.8, ci95_high: -0.05, n: 19, slope: -2,
  });
  const undefinedFit = { ...fit, r: null, p: null, ci95: null, slope: null, intercept: null };
  const empty = relationRow("x", "y", undefinedFit);
  assert.equal(empty.ci95_low, null);
  assert.equal(empty.ci95_high, null);
  assert.equal(empty.r, null);
});
