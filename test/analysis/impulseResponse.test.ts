import assert from "node:assert/strict";
import { test } from "node:test";
import type { SeedRun } from "../../lib/analysis/acrossSeeds.js";
import { impulseResponse } from "../../lib/analysis/impulseResponse.js";
import type { MonthlyRow } from "../../lib/economy/rows.js";
import { runSeeds } from "../../lib/run/runSeeds.js";

/** A 6-month run whose real GDP is `gdp` per month and whose employment is `employed` of 10 households. */
const run = (seed: number, gdp: number[], employed: number[]): SeedRun => ({
  seed,
  annual: [],
  monthly: gdp.map((g, k) => ({ month: k + 1, year: 2001, real_gdp: g, goods_sold: g, price: 1, mean_wage: 1, employed: employed[k] }) as unknown as MonthlyRow),
});

test("impulseResponse: per-seed scenario minus baseline, in % for levels and pp for unemployment, median and band", () => {
  const base = [run(1, [10, 10, 10, 10, 10, 10], [9, 9, 9, 9, 9, 9]), run(2, [10, 10, 10, 10, 10, 10], [9, 9, 9, 9, 9, 9]), run(3, [10, 10, 10, 10, 10, 10], [9, 9, 9, 9, 9, 9])];
  const shocked = [run(1, [10, 10, 10, 9, 9, 9], [9, 9, 9, 8, 8, 8]), run(2, [10, 10, 10, 8, 8, 8], [9, 9, 9, 7, 7, 7]), run(3, [10, 10, 10, 10, 10, 10], [9, 9, 9, 9, 9, 9])];
  const gdp = impulseResponse(base, shocked, 10, "real_gdp");
  assert.deepEqual([gdp.year, gdp.quarter, gdp.seeds], [[2001, 2001], [1, 2], 3]);
  assert.equal(gdp.median[0], 0);
  assert.ok(Math.abs(gdp.median[1]! - 100 * Math.log(0.9)) < 1e-9); // the quarter's 27 against 30, seed 1
  assert.ok(Math.abs(gdp.lower[1]! - 100 * (Math.log(0.8) + 0.2 * (Math.log(0.9) - Math.log(0.8)))) < 1e-9); // type-7 q10 of log 0.8, 0.9, 1
  assert.ok(Math.abs(gdp.upper[1]! - 20 * Math.log(0.9)) < 1e-9); // q90: log 0.9 + 0.8·(0 − log 0.9)
  const u = impulseResponse(base, shocked, 10, "unemployment");
  assert.deepEqual(u.median.map((v) => Math.round(v! * 1e9) / 1e9), [0, 10]); // +10, +20, 0 pp
  assert.throws(() => impulseResponse(base, shocked.slice(0, 2), 10, "real_gdp"), /same seeds/);
});

test("impulseResponse of a scenario that changes nothing before its date is zero there", async () => {
  const seeds = [1, 2];
  const options = { policy: "cats" as const, households: 20, months: 24, startYear: 2008 };
  const base = await runSeeds(options, seeds);
  const crisis = await runSeeds({ ...options, scenario: "data/scenarios/2008-financial-crisis.json" }, seeds);
  const gdp = impulseResponse(base, crisis, 20, "mean_wage");
  assert.deepEqual(gdp.median.slice(0, 2), [0, 0]); // 2008Q1–Q2, before the September news and wage cut
  assert.ok(gdp.median.slice(3).some((v) => v !== 0));
});
