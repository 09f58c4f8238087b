import { test } from "node:test";
import assert from "node:assert/strict";
import { sweepProgressLine } from "../../lib/cli/progress.js";

test("the sweep's progress line: runs finished of the total, those complete before, failures, elapsed and ETA from the pace", () => {
  assert.equal(
    sweepProgressLine({ total: 40, skipped: 10, done: 8, failed: 2, elapsedMs: 20_000 }),
    "[###############...............]  50% runs 20/40 (10 already complete)  failed 2  elapsed 20s  ETA 40s",
  );
  assert.equal(
    sweepProgressLine({ total: 4, skipped: 0, done: 0, failed: 0, elapsedMs: 0, status: "calls 12, $0.01" }),
    "[..............................]   0% runs 0/4  failed 0  elapsed 0s  ETA 0s  calls 12, $0.01",
  );
});
