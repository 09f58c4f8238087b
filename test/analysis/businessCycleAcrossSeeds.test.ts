import { test } from "node:test";
import assert from "node:assert/strict";
import type { BusinessCycleRow } from "../../lib/analysis/businessCycle.js";
import { compareBusinessCycles, seedBusinessCycles } from "../../lib/analysis/businessCycleAcrossSeeds.js";
import { CYCLE_SERIES } from "../../lib/analysis/quarterlySeries.js";
import { businessCycleTable } from "../../lib/analysis/businessCycle.js";
import { quarterlySeries } from "../../lib/analysis/quarterlySeries.js";
import { runSeeds } from "../../lib/run/runSeeds.js";

/** A table in which every statistic of every series is `value`. */
function table(value: number | null): BusinessCycleRow[] {
  return CYCLE_SERIES.map((series) => ({ series, sd: value, relative_sd: value, autocorr_1: value } as BusinessCycleRow));
}

test("compareBusinessCycles places the US value among the seeds' values", () => {
  const perSeed = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => table(v));
  const rows = compareBusinessCycles(perSeed, table(3.5), ["relative_sd", "autocorr_1"]);
  assert.equal(rows.length, 10);
  assert.deepEqual(rows.slice(0, 2).map((r) => [r.series, r.statistic]), [["real_gdp", "relative_sd"], ["real_gdp", "autocorr_1"]]);
  const first = rows[0];
  assert.equal(first.us, 3.5);
  assert.equal(first.model.n, 10);
  assert.equal(first.model.median, 5.5);
  assert.equal(first.us_quantile, 0.3); // 1, 2, 3 are ≤ 3.5
  assert.equal(first.us_within_80, true); // q10 = 1.9, q90 = 9.1
  assert.equal(compareBusinessCycles(perSeed, table(0.5), ["sd"])[0].us_within_80, false);
  assert.equal(compareBusinessCycles(perSeed, table(0.5), ["sd"])[0].us_quantile, 0);
  // An undefined statistic (a constant series) is counted as missing, not compared.
  const undefinedUs = compareBusinessCycles([...perSeed, table(null)], table(null), ["sd"])[0];
  assert.deepEqual([undefinedUs.model.missing, undefinedUs.us_quantile, undefinedUs.us_within_80], [1, null, null]);
  assert.throws(() => compareBusinessCycles([], table(1)), /at least one seed/);
});

test("seedBusinessCycles is each in-memory run's own table", async () => {
  const runs = await runSeeds({ policy: "cats", households: 10, months: 36 }, [1, 2]);
  const tables = seedBusinessCycles(runs, 10);
  assert.deepEqual(tables[1], businessCycleTable(quarterlySeries(runs[1].monthly!, 10)));
  assert.notDeepEqual(tables[0], tables[1]);
  assert.throws(() => seedBusinessCycles([{ seed: 9, annual: runs[0].annual }], 10), /seed 9 has no monthly rows/);
});
