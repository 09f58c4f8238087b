/**
 * Decision records at any scale: `--decisions all | panel:K | off`, the byte-exact CSV formatter (main thread and
 * worker threads), `--format parquet` read back by DuckDB against the CSV run, and SIGKILL + --resume for both.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { csvLine, parseCsv } from "../../lib/run/csv.js";
import { CsvWorkers } from "../../lib/run/csvWorkers.js";
import { automaticPanelNotice, decisionRecordingSpec, recordedHouseholds, recordingOf } from "../../lib/run/decisionRecording.js";
import { csvLayout, DECISION_COLUMNS, formatDecisionCsv, jobTitleList } from "../../lib/run/decisionRows.js";
import { loadRun, runTableRows } from "../../lib/run/loadRun.js";
import { runCli } from "../support/cli.js";
import { duckRows, sqlText } from "../support/duckdb.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-decisions-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f));
const table = (dir: string, f: string) => parseCsv(fs.readFileSync(path.join(dir, f), "utf8"));

async function runOk(args: string[]): Promise<string> {
  const r = await runCli(["run", "--quiet", ...args]);
  assert.equal(r.code, 0, r.stderr);
  return r.stderr;
}

test("--decisions values: all, off, panel:K (on/true/false from older manifests); anything else refused", () => {
  const parse = (raw: unknown) => decisionRecordingSpec.parse(raw);
  assert.equal(parse("all"), "all");
  assert.equal(parse("on"), "all");
  assert.equal(parse(true), "all");
  assert.equal(parse("off"), "off");
  assert.equal(parse(false), "off");
  assert.equal(parse("panel:1000"), "panel:1000");
  assert.equal(parse(null), null);
  for (const bad of ["panel:0", "panel:x", "panel:", "panel:-3", "panel:1.5", "panel:01", "panel:99999999999", "some", "", 7]) {
    assert.equal(parse(bad), undefined, `${JSON.stringify(bad)} must be refused`);
  }
});

test("the automatic choice: all up to 10,000 households, a panel of 1000 above, with a one-line notice", () => {
  assert.equal(recordingOf(null, 10_000), "all");
  assert.equal(recordingOf(null, 10_001), "panel:1000");
  assert.equal(recordingOf("all", 2_000_000), "all");
  assert.equal(automaticPanelNotice(null, 10_000), null);
  assert.equal(automaticPanelNotice("panel:1000", 1_000_000), null, "no notice for an explicit choice");
  const notice = automaticPanelNotice(null, 1_000_000) ?? "";
  assert.match(notice, /^decisions: recording a random panel of 1000 of the 1,000,000 households .*--decisions all records every household/);
  assert.ok(!notice.includes("\n"));
});

test("a panel: K distinct households in increasing order, the same for the same seed, K ≥ N means everyone", () => {
  const panel = recordedHouseholds("panel:50", 1000, 1)!;
  assert.equal(panel.length, 50);
  assert.equal(new Set(panel).size, 50);
  assert.ok(panel.every((h, k) => h >= 0 && h < 1000 && (k === 0 || h > panel[k - 1])));
  assert.deepEqual(recordedHouseholds("panel:50", 1000, "1"), panel, "seed 1 and \"1\" are the same seed");
  assert.notDeepEqual(recordedHouseholds("panel:50", 1000, 2), panel);
  assert.deepEqual([...recordedHouseholds("panel:10", 4, 1)!], [0, 1, 2, 3]);
  assert.equal(recordedHouseholds("all", 10, 1), null);
  assert.equal(recordedHouseholds("off", 10, 1)!.length, 0);
  // Each household is equally likely: over 4000 seeds a panel of 3 of 8 holds each household 1500 times in
  // expectation, with sd √(4000 · 3/8 · 5/8) ≈ 30.6; all eight within 4.5 sd (seeded, so not flaky).
  const counts = new Array(8).fill(0);
  for (let seed = 0; seed < 4000; seed++) for (const h of recordedHouseholds("panel:3", 8, seed)!) counts[h]++;
  assert.equal(counts.reduce((a, b) => a + b, 0), 12_000);
  for (const c of counts) assert.ok(Math.abs(c - 1500) < 4.5 * 30.6, `draw counts ${counts}`);
});

/** Values that exercise every branch of number → text: integers, -0, tiny, huge, non-finite, repeats. */
function trickyChunk(rows: number): { values: Float64Array; columns: number } {
  const columns = DECISION_COLUMNS.length;
  const jobs = jobTitleList().length;
  const specials = [0, -0, 1, -1, 0.1, 1 / 3, 1e-7, 1.5e-300, 1e21, 123456789012345680000, 2 ** 53 + 2, Number.NaN, Infinity, -Infinity, 6458.178513250855];
  const values = new Float64Array(rows * columns);
  for (let c = 0; c < columns; c++) {
    for (let r = 0; r < rows; r++) {
      const k = r * 7 + c * 3;
      values[c * rows + r] =
        c === 5 ? (k % 5 === 0 ? -1 : k % jobs) : k % 4 === 0 ? values[c * rows + Math.max(0, r - 1)] : k % 3 === 0 ? specials[k % specials.length] : Math.sin(k) * 10 ** (k % 9);
    }
  }
  return { values, columns };
}

test("formatDecisionCsv writes exactly what csvLine writes, on the main thread and in the worker threads", async () => {
  const rows = 3000;
  const { values, columns } = trickyChunk(rows);
  const titles = jobTitleList();
  let expected = "";
  for (let r = 0; r < rows; r++) {
    const row: (number | string)[] = [];
    for (let c = 0; c < columns; c++) {
      const v = values[c * rows + r];
      row.push(c === 5 ? (v >= 0 ? titles[v] : "") : v);
    }
    expected += csvLine(row);
  }
  const layout = csvLayout(DECISION_COLUMNS);
  const mainThread = Buffer.from(formatDecisionCsv(values, rows, columns, layout.jobColumn, layout.jobCells)).toString("utf8");
  assert.equal(mainThread, expected);
  const workers = new CsvWorkers(layout, 2);
  try {
    const parts = await Promise.all([0, 1, 2].map(() => workers.format({ rows, columns, values: values.slice() })));
    for (const bytes of parts) assert.equal(Buffer.from(bytes).toString("utf8"), expected);
  } finally {
    await workers.close();
  }
});

test("--decisions panel:7 records 7 households every month, marks them in households.csv, and changes nothing else", async () => {
  const base = ["--households", "40", "--months", "24", "--seed", "5"];
  const all = path.join(tmp, "all");
  const panel = path.join(tmp, "panel");
  await runOk([...base, "--out", all]);
  await runOk([...base, "--decisions", "panel:7", "--out", panel]);
  for (const f of ["monthly.csv", "annual.csv", "summary.json"]) assert.ok(read(panel, f).equals(read(all, f)), `${f} differs with a panel`);
  const households = table(panel, "households.csv");
  assert.deepEqual(Object.keys(households[0]), ["household", "name", "age", "initial_wage", "type", "panel"]);
  const members = households.filter((h) => h.panel === 1).map((h) => h.household);
  assert.equal(members.length, 7);
  assert.ok(households.every((h) => h.panel === 0 || h.panel === 1));
  assert.deepEqual(members, [...recordedHouseholds("panel:7", 40, 5)!]);
  assert.equal(read(all, "households.csv").toString().split("\n")[0], "household,name,age,initial_wage,type", "no marker without a panel");
  const allLines = read(all, "decisions.csv").toString().trimEnd().split("\n");
  const panelLines = read(panel, "decisions.csv").toString().trimEnd().split("\n");
  const set = new Set(members.map(String));
  assert.deepEqual(panelLines, [allLines[0], ...allLines.slice(1).filter((l) => set.has(l.split(",")[1]))], "the panel's rows, byte for byte");
  const manifest = JSON.parse(read(panel, "manifest.json").toString());
  assert.deepEqual(manifest.outputs, { format: "csv", decisions: "panel:7", decision_households: 7 });
  assert.equal(manifest.counts.decision_records, 7 * 24);
});

test("above 10,000 households the default records a panel of 1000 and says so in one line", async () => {
  const out = path.join(tmp, "auto-panel");
  const r = await runCli(["run", "--households", "10001", "--months", "12", "--out", out]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stderr.trim().split("\n"), [automaticPanelNotice(null, 10_001)]);
  const manifest = JSON.parse(read(out, "manifest.json").toString());
  assert.equal(manifest.config.decisions, null);
  assert.deepEqual(manifest.outputs, { format: "csv", decisions: "panel:1000", decision_households: 1000 });
  assert.equal(read(out, "decisions.csv").toString().trimEnd().split("\n").length, 1 + 1000 * 12);
});

/** Every row of a Parquet file, read by DuckDB (an independent reader). */
const parquetRows = (file: string) => duckRows(`SELECT * FROM read_parquet(${sqlText(file)})`);

test("--format parquet: monthly, annual, households and decisions hold exactly the CSV run's values", async () => {
  const base = ["--policy", "cats", "--bank", "on", "--households", "25", "--months", "24", "--seed", "3", "--decisions", "panel:9"];
  const csv = path.join(tmp, "csv");
  const parquet = path.join(tmp, "parquet");
  await runOk([...base, "--out", csv]);
  await runOk([...base, "--format", "parquet", "--out", parquet]);
  const files = fs.readdirSync(parquet).sort();
  assert.deepEqual(files, ["annual.parquet", "business_cycle.csv", "decisions.parquet", "households.parquet", "manifest.json", "monthly.parquet", "summary.json"]);
  for (const f of ["summary.json", "business_cycle.csv"]) assert.ok(read(parquet, f).equals(read(csv, f)), f);
  for (const name of ["monthly", "annual", "households", "decisions"]) {
    const expected = table(csv, `${name}.csv`).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, k === "job" && v === null ? null : v])));
    const actual = await parquetRows(path.join(parquet, `${name}.parquet`));
    assert.deepEqual(Object.keys(actual[0]), Object.keys(expected[0]), `${name}: columns`);
    // CSV text round-trips doubles exactly, so the values must be equal, not just close.
    assert.deepEqual(actual, expected, `${name}.parquet differs from ${name}.csv`);
  }
  const [fromCsv, fromParquet] = [loadRun(csv), loadRun(parquet)];
  assert.deepEqual(fromParquet.monthly, fromCsv.monthly, "loadRun reads a Parquet run like a CSV one");
  assert.deepEqual(fromParquet.annual, fromCsv.annual);
  assert.deepEqual(runTableRows(parquet, "decisions"), table(csv, "decisions.csv"));
  const manifest = JSON.parse(read(parquet, "manifest.json").toString());
  assert.equal(manifest.outputs.format, "parquet");
  assert.deepEqual(manifest.files, ["manifest.json", "summary.json", "business_cycle.csv", "monthly.parquet", "annual.parquet", "households.parquet", "decisions.parquet"]);
});

/** Run, then the same run SIGKILLed once `killWhen` sees its directory, resumed: both directories' files. */
async function killAndResume(args: string[], name: string, killWhen: (dir: string) => boolean): Promise<{ whole: string; killed: string }> {
  const whole = path.join(tmp, `${name}-whole`);
  const killed = path.join(tmp, `${name}-killed`);
  await runOk([...args, "--out", whole]);
  const r = await runCli(["run", "--quiet", ...args, "--out", killed], {}, (pid) => {
    const poll = setInterval(() => {
      if (killWhen(killed)) {
        clearInterval(poll);
        process.kill(pid, "SIGKILL");
      }
    }, 2);
  });
  assert.equal(r.signal, "SIGKILL", "the run ended before it could be killed");
  const resumed = await runCli(["run", "--resume", killed, "--quiet"]);
  assert.equal(resumed.code, 0, resumed.stderr);
  return { whole, killed };
}

test("--format parquet: SIGKILL mid-run, --resume gives byte-identical Parquet files", async () => {
  const args = ["--households", "3000", "--months", "96", "--seed", "4", "--format", "parquet", "--checkpoint-every", "12"];
  const { whole, killed } = await killAndResume(args, "parquet", (dir) => fs.existsSync(path.join(dir, "decisions.part-0003.parquet")));
  for (const f of ["monthly.parquet", "annual.parquet", "households.parquet", "decisions.parquet", "summary.json"]) {
    assert.ok(read(killed, f).equals(read(whole, f)), `${f} differs after resume`);
  }
  assert.deepEqual(fs.readdirSync(killed).sort(), fs.readdirSync(whole).sort(), "no segment left behind");
});

test("decisions by worker threads (CSV formatting, Parquet encoding): SIGKILL mid-run, --resume gives byte-identical files; the Parquet holds the CSV's values", async () => {
  // 60,000 households a month: above the worker threshold of both formats.
  const args = ["--households", "60000", "--months", "24", "--seed", "6", "--decisions", "all", "--checkpoint-every", "12"];
  const afterCheckpoint = (dir: string) => fs.existsSync(path.join(dir, "checkpoint.json"));
  const csv = await killAndResume(args, "workers", afterCheckpoint);
  for (const f of ["monthly.csv", "decisions.csv", "households.csv", "annual.csv"]) assert.ok(read(csv.killed, f).equals(read(csv.whole, f)), `${f} differs after resume`);
  const parquet = await killAndResume([...args, "--format", "parquet"], "parquet-workers", afterCheckpoint);
  for (const f of ["monthly.parquet", "decisions.parquet", "households.parquet", "annual.parquet"]) {
    assert.ok(read(parquet.killed, f).equals(read(parquet.whole, f)), `${f} differs after resume`);
  }
  assert.deepEqual(fs.readdirSync(parquet.killed).sort(), fs.readdirSync(parquet.whole).sort(), "no segment left behind");
  // Every value, by DuckDB: no row of one file is missing from the other (CSV text round-trips doubles exactly).
  const [p, c] = [`read_parquet(${sqlText(path.join(parquet.whole, "decisions.parquet"))})`, `read_csv(${sqlText(path.join(csv.whole, "decisions.csv"))})`];
  const [counts] = await duckRows(
    `SELECT (SELECT count(*) FROM ${p}) AS rows, (SELECT count(*) FROM (SELECT * FROM ${p} EXCEPT ALL SELECT * FROM ${c})) AS only_parquet, ` +
      `(SELECT count(*) FROM (SELECT * FROM ${c} EXCEPT ALL SELECT * FROM ${p})) AS only_csv`,
  );
  assert.deepEqual(counts, { rows: 60_000 * 24, only_parquet: 0, only_csv: 0 });
});
