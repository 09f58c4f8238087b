import { test } from "node:test";
import assert from "node:assert/strict";
import { jobTitles } from "../../lib/calibration/index.js";

test("ten buckets of ten distinct titles, lowest-paid first", () => {
  const buckets = jobTitles();
  assert.equal(buckets.length, 10);
  assert.ok(buckets.every((b) => b.length === 10));
  assert.equal(new Set(buckets.flat()).size, 100);
  assert.ok(buckets[0].includes("cashier") && buckets[0].includes("intern"));
  assert.ok(buckets[9].includes("surgeon") && buckets[9].includes("founder"));
});
