/**
 * Experiment files: expansion into cells (arms × grid × sample, ids, merged options), seeds, the Latin hypercube,
 * shards, and validation of every cell before anything runs (one line naming the cell and the field).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UsageError } from "../../lib/errors.js";
import { cellConfig, expandCells, latinHypercube } from "../../lib/experiment/cells.js";
import { parseExperiment } from "../../lib/experiment/experimentFile.js";
import { parseShard, shardRuns, sweepRuns } from "../../lib/experiment/runs.js";
import { runCli } from "../support/cli.js";

const ISSUE_EXAMPLE = {
  name: "top-tax-by-bank",
  base: { policy: "composite", households: 100, months: 240, wages: "calibrated" },
  arms: [{ name: "no-bank" }, { name: "bank", bank: "on" }],
  grid: { taxYear: [2019, 2022], wageAdjustment: [0.05, 0.1] },
  seeds: { from: 1, count: 20 },
};

test("the issue's example expands to 2 arms × 2 × 2 grid points, the last grid key fastest, 20 common seeds", () => {
  const experiment = parseExperiment(ISSUE_EXAMPLE);
  assert.deepEqual(experiment.seeds, Array.from({ length: 20 }, (_, k) => k + 1));
  const cells = expandCells(experiment);
  assert.deepEqual(cells.map((c) => c.id), [
    "no-bank_taxYear=2019_wageAdjustment=0.05",
    "no-bank_taxYear=2019_wageAdjustment=0.1",
    "no-bank_taxYear=2022_wageAdjustment=0.05",
    "no-bank_taxYear=2022_wageAdjustment=0.1",
    "bank_taxYear=2019_wageAdjustment=0.05",
    "bank_taxYear=2019_wageAdjustment=0.1",
    "bank_taxYear=2022_wageAdjustment=0.05",
    "bank_taxYear=2022_wageAdjustment=0.1",
  ]);
  assert.deepEqual(cells[5].varied, { taxYear: 2019, wageAdjustment: 0.1 });
  assert.deepEqual(cells[5].options, { policy: "composite", households: 100, months: 240, wages: "calibrated", bank: "on", taxYear: 2019, wageAdjustment: 0.1 });
  const config = cellConfig(cells[5], 7);
  assert.equal(config.bank, true);
  assert.equal(config.seed, 7);
  assert.equal(config.wageAdjustment, 0.1);
  assert.equal(config.wages, "calibrated");
  const runs = sweepRuns(cells, experiment.seeds);
  assert.equal(runs.length, 160);
  assert.equal(runs[21].dir, "runs/no-bank_taxYear=2019_wageAdjustment=0.1/seed-2");
});

test("a rule cell records no decisions unless the experiment asks; LLM cells keep the automatic recording", () => {
  const cells = expandCells(parseExperiment({
    name: "decisions",
    base: { households: 20, months: 12 },
    arms: [{ name: "cats", policy: "cats" }, { name: "asked", policy: "cats", decisions: "panel:5" }, { name: "llm", policy: "llm" }, { name: "all", decisions: "all" }],
    seeds: [1],
  }));
  assert.deepEqual(cells.map((cell) => cellConfig(cell, 1).decisions), ["off", "panel:5", null, "all"]);
  // The composite default policy is a rule policy too.
  assert.equal(cellConfig(expandCells(parseExperiment({ name: "d", seeds: [1] }))[0], 1).decisions, "off");
});

test("no arms and no grid is one cell named base; a seed list is kept in order", () => {
  const cells = expandCells(parseExperiment({ name: "one", base: { households: 10 }, seeds: [5, 3, "alpha"] }));
  assert.deepEqual(cells.map((c) => c.id), ["base"]);
  assert.deepEqual(sweepRuns(cells, [5, 3, "alpha"]).map((r) => r.dir), ["runs/base/seed-5", "runs/base/seed-3", "runs/base/seed-alpha"]);
});

test("the Latin hypercube uses every stratum of every range exactly once, is seeded, and keeps integer ranges integral", () => {
  const sample = { count: 5, seed: 3, ranges: { wageAdjustment: [0, 0.5] as [number, number], loanTerm: [1, 10] as [number, number] } };
  const draws = latinHypercube(sample);
  assert.deepEqual(draws, latinHypercube(sample), "same seed, same cells");
  assert.notDeepEqual(draws, latinHypercube({ ...sample, seed: 4 }));
  assert.deepEqual(draws.map((d) => Math.floor(d.wageAdjustment / 0.1)).sort(), [0, 1, 2, 3, 4]);
  // 10 integers in 5 strata: {1,2}, {3,4}, …, {9,10}
  assert.deepEqual(draws.map((d) => Math.floor((d.loanTerm - 1) / 2)).sort(), [0, 1, 2, 3, 4]);
  for (const d of draws) assert.ok(Number.isInteger(d.loanTerm) && d.loanTerm >= 1 && d.loanTerm <= 10);
  const cells = expandCells(parseExperiment({ name: "lhs", arms: [{ name: "a" }, { name: "b", bank: "on" }], sample, seeds: [1] }));
  assert.equal(cells.length, 10);
  assert.equal(cells[0].id, "a_sample-1");
  assert.deepEqual(cells[6].varied, draws[1]);
});

test("shards are disjoint, their union is the sweep, and each is every N-th run", () => {
  const cells = expandCells(parseExperiment(ISSUE_EXAMPLE));
  const runs = sweepRuns(cells, parseExperiment(ISSUE_EXAMPLE).seeds);
  const shards = [0, 1, 2].map((index) => shardRuns(runs, { index, count: 3 }).map((r) => r.index));
  assert.deepEqual(shards.flat().sort((a, b) => a - b), runs.map((r) => r.index));
  assert.equal(new Set(shards.flat()).size, runs.length);
  assert.deepEqual(shards[1].slice(0, 3), [1, 4, 7]);
  assert.deepEqual(parseShard("2/3"), { index: 2, count: 3 });
  for (const bad of ["3/3", "1", "-1/3", "a/b", "0/0"]) assert.throws(() => parseShard(bad), /--shard/);
});

/** The one-line message a bad experiment gives. */
function problem(value: unknown): string {
  try {
    expandCells(parseExperiment(value));
  } catch (error) {
    assert.ok(error instanceof UsageError, `a UsageError, not ${String(error)}`);
    return error.message;
  }
  assert.fail("the experiment was accepted");
}

test("every cell is validated: the message names the cell and the field", () => {
  const base = { name: "x", base: { households: 10, months: 24 }, seeds: [1] };
  assert.equal(problem({ ...base, grid: { wageAdjustment: [0.05, 2] } }), 'wageAdjustment (in cell wageAdjustment=2): got 2; allowed: a number in [0, 1]');
  assert.match(problem({ ...base, arms: [{ name: "ok" }, { name: "bad", bank: "maybe" }] }), /^bank \(in cell bad\): got "maybe"; allowed: on or off/);
  assert.match(problem({ ...base, arms: [{ name: "f", policy: "fixed" }] }), /^--work \(in cell f\): got undefined; allowed: a number in \[0, 1\] \(required with --policy fixed\)/);
  assert.match(problem({ ...base, grid: { wageAdjustmen: [0.1] } }), /^wageAdjustmen \(in grid\): .*allowed: a known option/);
  assert.match(problem({ ...base, arms: [{ name: "a", speed: 3 }] }), /^speed \(in arm a\)/);
  assert.match(problem({ ...base, grid: { taxYear: [] } }), /^grid\.taxYear: got \[\]; allowed: a non-empty list/);
  assert.match(problem({ ...base, grid: { households: [10, 20] } }), /^grid\.households: .*an option that base does not also set/);
  assert.match(problem({ ...base, arms: [{ name: "a", taxYear: 2022 }], grid: { taxYear: [2019] } }), /^grid\.taxYear: .*an option that arm a does not also set/);
  assert.match(problem({ ...base, seeds: [] }), /^seeds: got \[\]; allowed: at least one seed/);
  assert.match(problem({ ...base, seeds: { from: 1, count: 0 } }), /^seeds\.count: got 0/);
  assert.match(problem({ ...base, seeds: [1, 1] }), /^seeds: .*without repeated seeds/);
  assert.match(problem({ ...base, base: { seed: 3 } }), /^seed \(in base\): .*the experiment's `seeds` field/);
  assert.match(problem({ ...base, arms: [{ name: "a" }, { name: "a" }] }), /^arms\[1\]\.name: got "a"; allowed: a name no other arm has/);
  assert.match(problem({ ...base, grid: { city: ["a b", "a-b"] } }), /two cells are named city=a-b/);
  assert.match(problem({ ...base, reference: "nope" }), /^reference: got "nope"; allowed: a cell id \(base\)/);
  assert.match(problem({ ...base, extra: 1 }), /^extra: got 1; allowed: a known field/);
  assert.match(problem({ ...base, sample: { count: 3, seed: 1, ranges: { loanSpread: [0.5, 0.1] } } }), /^sample\.ranges\.loanSpread: .*finite min < max/);
});

test("econagent sweep with a bad cell: exit 2, one line naming the cell and the field, nothing written", async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-sweep-bad-"));
  try {
    const file = path.join(tmp, "experiment.json");
    fs.writeFileSync(file, JSON.stringify({ name: "bad", base: { households: 10, months: 24 }, grid: { months: [24, 30] }, seeds: [1, 2] }));
    const out = path.join(tmp, "out");
    const result = await runCli(["sweep", file, "--out", out]);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, "econagent: grid.months: got \"months\"; allowed: an option that base does not also set\n");
    fs.writeFileSync(file, JSON.stringify({ name: "bad", base: { households: 10 }, grid: { months: [24, 30] }, seeds: [1, 2] }));
    const second = await runCli(["sweep", file, "--out", out]);
    assert.equal(second.code, 2);
    assert.equal(second.stderr, "econagent: months (in cell months=30): got 30; allowed: a positive multiple of 12\n");
    assert.equal(fs.existsSync(out), false, "nothing written");
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

/** `econagent sweep FILE --out OUT` of `experiment` in a fresh directory: the result and whether OUT was created. */
async function sweepOf(experiment: unknown, extra: string[] = []): Promise<{ code: number | null; stderr: string; stdout: string; out: string; written: boolean }> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-sweep-input-"));
  const file = path.join(tmp, "experiment.json");
  fs.writeFileSync(file, JSON.stringify(experiment));
  const out = path.join(tmp, "out");
  const result = await runCli(["sweep", file, "--out", out, "--jobs", "1", ...extra]);
  return { ...result, out, written: fs.existsSync(out) };
}

// Issue 18 item 1: seeds sharing a directory would be two "complete" runs with one run's results.
test("seeds whose directory names collide (\"a/b\" and \"a-b\") are refused like colliding grid values: exit 2, nothing written", async () => {
  assert.match(problem({ name: "x", base: { households: 10, months: 12 }, seeds: ["a/b", "a-b"] }), /^seeds: got \["a\/b","a-b"\]; allowed: seeds with distinct directory names \(both would run in seed-a-b\)/);
  const result = await sweepOf({ name: "x", base: { households: 30, months: 24, checkpointEvery: 0 }, seeds: ["a/b", "a-b"] });
  assert.equal(result.code, 2);
  assert.equal(result.stderr, 'econagent: seeds: got ["a/b","a-b"]; allowed: seeds with distinct directory names (both would run in seed-a-b)\n');
  assert.equal(result.written, false, "nothing written");
});

// Issue 18 item 14: every seed is checked before experiment.json and sweep.json are written.
test("seeds {from: 2^53 − 1, count: 3} are refused before anything is written", async () => {
  const result = await sweepOf({ name: "x", base: { households: 10, months: 12 }, seeds: { from: Number.MAX_SAFE_INTEGER, count: 3 } });
  assert.equal(result.code, 2);
  assert.equal(result.stderr, `econagent: seeds: got {"from":9007199254740991,"count":3}; allowed: seeds that are all safe integers (from + count − 1 ≤ 9007199254740991)\n`);
  assert.equal(result.written, false, "neither experiment.json nor sweep.json written");
  assert.deepEqual(parseExperiment({ name: "x", seeds: { from: Number.MAX_SAFE_INTEGER - 2, count: 3 } }).seeds.at(-1), Number.MAX_SAFE_INTEGER);
});

// Issue 18 item 15: a long grid value gives a bounded directory name (its start and a hash); short names are unchanged.
test("cell and seed directory names are at most 200 characters: long values keep their start and get a hash", async () => {
  const city = "C".repeat(300);
  const experiment = parseExperiment({ name: "x", base: { households: 10, months: 12 }, grid: { city: [city, `${city}x`, "New York"] }, seeds: [`s${"e".repeat(300)}`, 2] });
  const cells = expandCells(experiment);
  assert.equal(cells[0].id.length, 200);
  assert.match(cells[0].id, /^city=C{178}-[0-9a-f]{16}$/);
  assert.notEqual(cells[0].id, cells[1].id, "distinct long values stay distinct");
  assert.equal(cells[2].id, "city=New-York", "short names as they always were");
  const dirs = sweepRuns(cells, experiment.seeds).map((r) => r.dir.split("/").at(-1)!);
  assert.match(dirs[0], /^seed-se{177}-[0-9a-f]{16}$/);
  assert.equal(dirs[1], "seed-2");
  // The whole sweep runs (no ENAMETOOLONG after runs.csv and sweep.json are written).
  const result = await sweepOf({ name: "long", base: { households: 5, months: 12 }, grid: { city: [city] }, seeds: [1] }, ["--quiet"]);
  assert.equal(result.code, 0, result.stderr);
  assert.ok(fs.existsSync(path.join(result.out, "runs", cells[0].id, "seed-1", "manifest.json")));
});
