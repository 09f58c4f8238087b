/**
 * Effects of a sweep: per-run statistics by DuckDB over annual.csv equal the same aggregates computed by hand from
 * each run's own annual.csv; the utility from the files equals lib/rl's meanUtility of the same run; effects are
 * the paired differences from the reference cell.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { mean } from "../../lib/stats/mean.js";
import { runStatistics, sweepEffects, type RunStatistics } from "../../lib/experiment/effects.js";
import { readExperiment } from "../../lib/experiment/experimentFile.js";
import { runSweep } from "../../lib/experiment/sweep.js";
import { createSimulation } from "../../lib/run/createSimulation.js";
import { meanUtility } from "../../lib/training/evaluate.js";
import { parseCsv } from "../../lib/run/csv.js";
import { loadSweepFrames } from "../../lib/notebook/sweepFrames.js";
import { near } from "../support/approx.js";

// Decisions recorded (a rule cell's sweep default is none): the utility is computed from them.
const EXPERIMENT = { name: "effects", base: { policy: "composite", households: 30, months: 36, decisions: "all" }, arms: [{ name: "equal" }, { name: "welfare", redistribution: "welfare-optimal" }], seeds: [1, 2, 3], reference: "equal" };
let tmp: string;
let out: string;
let stats: RunStatistics[];
before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-effects-"));
  const file = path.join(tmp, "effects.json");
  fs.writeFileSync(file, JSON.stringify(EXPERIMENT));
  out = path.join(tmp, "out");
  const result = await runSweep(readExperiment(file), { out, jobs: 2 });
  assert.equal(result.failed.length, 0);
  stats = await runStatistics(out);
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const sd = (v: number[]) => Math.sqrt(v.reduce((a, x) => a + (x - mean(v)) ** 2, 0) / (v.length - 1));

test("run statistics are the aggregates of each run's annual rows (undefined years skipped)", () => {
  assert.deepEqual(stats.map((s) => `${s.cell}/${s.seed}`), ["equal/1", "equal/2", "equal/3", "welfare/1", "welfare/2", "welfare/3"]);
  for (const s of stats) {
    const annual = parseCsv(fs.readFileSync(path.join(out, "runs", s.cell, `seed-${s.seed}`, "annual.csv"), "utf8"));
    const col = (name: string) => annual.map((r) => r[name]).filter((v): v is number => typeof v === "number");
    near(s.values.unemployment, mean(col("unemployment_rate")), 1e-12);
    near(s.values.inflation_volatility, sd(col("price_inflation")), 1e-12);
    assert.equal(col("price_inflation").length, 2, "year 1 has no inflation");
    near(s.values.gini_income, mean(col("gini_income")), 1e-12);
  }
});

test("the utility read from a run's files equals lib/rl's meanUtility of the same run", async () => {
  const options = { ...EXPERIMENT.base, policy: "composite" as const, decisions: "all" as const, redistribution: "welfare-optimal" as const, seed: 2 };
  const { simulation } = await createSimulation(options);
  const expected = await meanUtility(simulation.policy, options);
  const s = stats.find((r) => r.cell === "welfare" && r.seed === 2)!;
  near(s.values.utility, expected, 1e-9 * Math.abs(expected));
});

test("a sweep of rule cells that records no decisions has no utility: null, not a number from nothing", async () => {
  const file = path.join(tmp, "no-decisions.json");
  fs.writeFileSync(file, JSON.stringify({ ...EXPERIMENT, name: "no-decisions", base: { policy: "cats", households: 10, months: 24 }, seeds: [1] }));
  const dir = path.join(tmp, "no-decisions");
  assert.equal((await runSweep(readExperiment(file), { out: dir, jobs: 1 })).failed.length, 0);
  assert.deepEqual((await runStatistics(dir)).map((r) => r.values.utility), [null, null]);
});

test("effects are the paired differences from the reference cell, seed by seed", () => {
  const effects = sweepEffects(out, stats);
  const unemployment = effects.find((e) => e.statistic === "unemployment")!;
  assert.equal(unemployment.cell, "welfare");
  assert.equal(unemployment.reference, "equal");
  const value = (cell: string, seed: number) => stats.find((r) => r.cell === cell && r.seed === seed)!.values.unemployment!;
  const differences = [1, 2, 3].map((seed) => value("welfare", seed) - value("equal", seed));
  assert.equal(unemployment.n, 3);
  near(unemployment.mean, mean(differences), 1e-15);
  assert.ok(unemployment.tCi![0] <= unemployment.mean! && unemployment.mean! <= unemployment.tCi![1]);
  assert.deepEqual(effects.map((e) => e.statistic), ["unemployment", "inflation_mean", "inflation_volatility", "gini_income", "real_gdp_growth", "utility"]);
});

test("loadSweepFrames: the collected tables as DataFrames; a sweep not collected yet is named", () => {
  const frames = loadSweepFrames(out);
  assert.deepEqual(frames.runs.shape[0], 6);
  assert.equal(frames.annual.shape[0], 6 * 3);
  assert.deepEqual(frames.annual.columns.slice(0, 4), ["cell", "arm", "seed", "year"]);
  assert.equal(frames.monthly.shape[0], 6 * 36);
  assert.throws(() => loadSweepFrames(tmp), /annual\.csv is missing|runs\.csv is missing/);
});
