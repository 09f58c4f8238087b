/**
 * `econagent sweep` and `collect` end to end: run directories byte-identical to `econagent run`, the merged
 * tables, resume after kill -9, shards whose union is the sweep, collect of a partial sweep, a failed run, and
 * the refusal of a directory that holds another experiment.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { cellConfig, expandCells } from "../../lib/experiment/cells.js";
import { parseExperiment } from "../../lib/experiment/experimentFile.js";
import { sweepRuns } from "../../lib/experiment/runs.js";
import { parseCsv } from "../../lib/run/csv.js";
import { runCli } from "../support/cli.js";
import { assertSameRunDirectory, filesUnder } from "../support/runDirs.js";

const EXPERIMENT = {
  name: "small",
  base: { policy: "composite", households: 20, months: 24 },
  arms: [{ name: "no-bank" }, { name: "bank", bank: "on" }],
  grid: { taxYear: [2019, 2022] },
  seeds: { from: 1, count: 2 },
};
const RUN_DIRS = sweepRuns(expandCells(parseExperiment(EXPERIMENT)), parseExperiment(EXPERIMENT).seeds).map((r) => r.dir);
const TABLES = ["runs.csv", "annual.csv", "monthly.csv"];

let tmp: string;
let file: string;
let local: string;
before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-sweep-"));
  file = path.join(tmp, "small.json");
  fs.writeFileSync(file, JSON.stringify(EXPERIMENT, null, 2));
  local = path.join(tmp, "local");
  const result = await runCli(["sweep", file, "--out", local, "--jobs", "2", "--format", "parquet"]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, `8 runs done, 0 already complete, 0 failed → ${local}\n`);
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const read = (...parts: string[]) => fs.readFileSync(path.join(...parts), "utf8");

test("every (cell, seed) is a run directory byte-identical to econagent run with the same options (and --decisions off, a rule cell's sweep default)", async () => {
  assert.deepEqual(filesUnder(path.join(local, "runs")).filter((f) => f.endsWith("manifest.json")).map((f) => path.join("runs", path.dirname(f))).sort(), [...RUN_DIRS].sort());
  const cells = expandCells(parseExperiment(EXPERIMENT));
  for (const [cell, seed] of [[cells[0], 1], [cells[3], 2]] as const) {
    const config = path.join(tmp, `${cell.id}.json`);
    fs.writeFileSync(config, JSON.stringify(cell.options));
    const single = path.join(tmp, "single", cell.id);
    const result = await runCli(["run", "--config", config, "--seed", String(seed), "--decisions", "off", "--out", single, "--quiet"]);
    assert.equal(result.code, 0, result.stderr);
    assertSameRunDirectory(path.join(local, "runs", cell.id, `seed-${seed}`), single);
    assert.deepEqual(JSON.parse(read(single, "manifest.json")).config, cellConfig(cell, seed));
  }
});

test("the merged tables: one runs.csv row per run, annual and monthly rows of every run with cell, arm, varied options and seed leading", async () => {
  const runs = parseCsv(read(local, "runs.csv"));
  assert.equal(runs.length, 8);
  assert.deepEqual(runs.map((r) => r.dir), RUN_DIRS);
  assert.deepEqual(Object.keys(runs[0]).slice(0, 8), ["run", "cell", "arm", "taxYear", "seed", "dir", "status", "phillips_r"]);
  const { run, cell, arm, taxYear, seed, status } = runs[5];
  assert.deepEqual({ run, cell, arm, taxYear, seed, status }, { run: 5, cell: "bank_taxYear=2019", arm: "bank", taxYear: 2019, seed: 2, status: "complete" });
  const summary = JSON.parse(read(local, "runs", "bank_taxYear=2019", "seed-2", "summary.json"));
  assert.equal(runs[5].unemployment_rate_max, summary.unemployment_rate.max);
  assert.equal(runs[5].okun_n, summary.okun.n);
  const annual = read(local, "annual.csv").split("\n");
  assert.equal(annual.length, 1 + 8 * 2 + 1);
  const own = read(local, "runs", "bank_taxYear=2022", "seed-1", "annual.csv").split("\n");
  assert.equal(annual[0], `cell,arm,taxYear,seed,${own[0]}`);
  // The run's own lines, copied after the leading cells: the numbers exactly as the run wrote them.
  assert.equal(annual[13], `bank_taxYear=2022,bank,2022,1,${own[1]}`);
  const row = parseCsv(`${annual[0]}\n${annual[13]}\n`)[0];
  assert.deepEqual(row, { cell: "bank_taxYear=2022", arm: "bank", taxYear: 2022, seed: 1, ...parseCsv(`${own[0]}\n${own[1]}\n`)[0] });
  assert.equal(read(local, "monthly.csv").split("\n").length, 1 + 8 * 24 + 1);
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  const counted = await db.runAndReadAll(
    `SELECT arm, count(*) AS n, count(DISTINCT seed) AS seeds FROM read_parquet('${path.join(local, "monthly.parquet")}') GROUP BY arm ORDER BY arm`,
  );
  assert.deepEqual(counted.getRowObjectsJson(), [{ arm: "bank", n: "96", seeds: "2" }, { arm: "no-bank", n: "96", seeds: "2" }]);
  db.closeSync();
  instance.closeSync();
});

test("a second sweep of the same directory skips every complete run", async () => {
  const result = await runCli(["sweep", file, "--out", local, "--jobs", "2"]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, `0 runs done, 8 already complete, 0 failed → ${local}\n`);
});

test("a directory that holds another experiment is refused (exit 2), naming both SHA-256s", async () => {
  const other = path.join(tmp, "other.json");
  fs.writeFileSync(other, JSON.stringify({ ...EXPERIMENT, seeds: [1, 2, 3] }));
  const result = await runCli(["sweep", other, "--out", local]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /^econagent: --out: got ".*local"; allowed: a directory of this experiment \(it holds experiment "small" with SHA-256 [0-9a-f]{12}…, this file's is [0-9a-f]{12}…\)\n$/);
});

test("shards: each runs its part, collect of a partial sweep names what is missing, the union equals the local sweep", async () => {
  const sharded = path.join(tmp, "sharded");
  const first = await runCli(["sweep", file, "--out", sharded, "--shard", "0/3", "--jobs", "1", "--quiet"]);
  assert.equal(first.code, 0, first.stderr);
  const partial = await runCli(["collect", sharded]);
  assert.equal(partial.code, 1);
  const missing = RUN_DIRS.filter((_, k) => k % 3 !== 0);
  assert.equal(partial.stderr, `econagent: collect: 5 of 8 runs are not complete; nothing was collected:\n${missing.map((d) => `  ${d} (missing)`).join("\n")}\n`);
  assert.equal(fs.existsSync(path.join(sharded, "runs.csv")), false, "nothing written by a refused collect");
  const rest = await Promise.all(["1/3", "2/3"].map((shard) => runCli(["sweep", file, "--out", sharded, "--shard", shard, "--jobs", "1", "--quiet"])));
  for (const r of rest) assert.equal(r.code, 0, r.stderr);
  const collected = await runCli(["collect", sharded, "--quiet"]);
  assert.equal(collected.code, 0, collected.stderr);
  for (const table of TABLES) assert.equal(read(sharded, table), read(local, table), table);
  for (const dir of RUN_DIRS) assertSameRunDirectory(path.join(sharded, dir), path.join(local, dir));
});

test("after kill -9 of the sweep and its workers, the same command finishes a sweep identical to an uninterrupted one", async () => {
  // Runs checkpointed every month (by default a run this short writes none: lib/run/checkpoint.ts), so one can be caught mid-way.
  const big = { ...EXPERIMENT, name: "resume", base: { ...EXPERIMENT.base, households: 100, months: 120, checkpointEvery: 1 } };
  const bigFile = path.join(tmp, "resume.json");
  fs.writeFileSync(bigFile, JSON.stringify(big));
  const reference = path.join(tmp, "resume-reference");
  const uninterrupted = await runCli(["sweep", bigFile, "--out", reference, "--jobs", "2", "--quiet"]);
  assert.equal(uninterrupted.code, 0, uninterrupted.stderr);
  const out = path.join(tmp, "resume-killed");
  const child = spawn(process.execPath, [path.join(process.cwd(), "bin/econagent.js"), "sweep", bigFile, "--out", out, "--jobs", "2", "--quiet"], { detached: true, stdio: "ignore" });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  const bigRuns = sweepRuns(expandCells(parseExperiment(big)), parseExperiment(big).seeds).map((r) => r.dir);
  const runDirs = bigRuns.map((dir) => path.join(out, dir));
  // Kill the whole process group (the sweep and its workers) as soon as a run is mid-way (it has a checkpoint).
  const interrupted = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const mid = runDirs.find((d) => fs.existsSync(path.join(d, "checkpoint.json")));
      if (mid) {
        process.kill(-child.pid!, "SIGKILL");
        clearInterval(timer);
        resolve(mid);
      }
    }, 5);
    child.on("exit", () => {
      clearInterval(timer);
      reject(new Error("the sweep ended before it could be killed"));
    });
  });
  await exited;
  assert.equal(JSON.parse(read(interrupted, "manifest.json")).status, "running", "killed mid-run");
  const resumed = await runCli(["sweep", bigFile, "--out", out, "--jobs", "2"]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.ok(JSON.parse(read(interrupted, "manifest.json")).resumed_at, "the interrupted run was resumed, not restarted");
  for (const dir of bigRuns) assertSameRunDirectory(path.join(out, dir), path.join(reference, dir));
  for (const table of TABLES) assert.equal(read(out, table), read(reference, table), table);
});

test("a failed run does not stop the others: it is listed, runs.csv says so, and the exit code is 1", async () => {
  const failing = { name: "failing", base: { households: 10, months: 12 }, arms: [{ name: "ok" }, { name: "broken", policy: "aieco", aiecoWeights: path.join(tmp, "no-such-weights.json") }], seeds: [1, 2] };
  const failingFile = path.join(tmp, "failing.json");
  fs.writeFileSync(failingFile, JSON.stringify(failing));
  const out = path.join(tmp, "failing");
  const result = await runCli(["sweep", failingFile, "--out", out, "--jobs", "2"]);
  assert.equal(result.code, 1);
  const lines = result.stderr.trim().split("\n");
  assert.equal(lines.length, 2, result.stderr);
  assert.match(lines[0], /^econagent: runs\/broken\/seed-1 failed: .*no-such-weights/);
  assert.match(lines[1], /^econagent: runs\/broken\/seed-2 failed: /);
  assert.equal(result.stdout, `2 runs done, 0 already complete, 2 failed → ${out}\n`);
  const runs = parseCsv(read(out, "runs.csv"));
  assert.deepEqual(runs.map((r) => `${r.cell}:${r.status}`), ["ok:complete", "ok:complete", "broken:missing", "broken:missing"]);
  assert.equal(read(out, "annual.csv").split("\n").length, 1 + 2 + 1, "the tables hold the complete runs");
});

// Issue 18 item 6: collect checks every run before merging; a damaged run is named and nothing is merged.
test("a run whose annual.csv is damaged: collect and the sweep stop with exit 2 naming the file, and merge nothing", async () => {
  const copy = path.join(tmp, "damaged");
  fs.cpSync(local, copy, { recursive: true });
  const tables = Object.fromEntries(TABLES.map((t) => [t, read(copy, t)]));
  const victim = path.join(copy, "runs", "bank_taxYear=2019", "seed-2", "annual.csv");
  fs.writeFileSync(victim, "x\n");
  for (const argv of [["collect", copy], ["sweep", file, "--out", copy, "--jobs", "1", "--quiet"]]) {
    const result = await runCli(argv);
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stderr.split("\n").length, 2, `one line: ${result.stderr}`);
    assert.ok(result.stderr.startsWith(`econagent: ${victim}: (header): got "x"; allowed: the columns year,unemployment_rate,`), result.stderr);
    for (const t of TABLES) assert.equal(read(copy, t), tables[t], `${t} left as it was`);
  }
  fs.writeFileSync(victim, read(local, "runs", "bank_taxYear=2019", "seed-2", "annual.csv").replace(/\n2002,[^\n]*/, ""));
  const short = await runCli(["collect", copy]);
  assert.equal(short.code, 2);
  assert.equal(short.stderr, `econagent: ${victim}: (rows): got 1; allowed: 2 rows (one per year of the run)\n`);
});
