/**
 * The Parquet writing pieces behind `--format parquet`: Arrow columns built straight from typed arrays
 * (blockTable, textVector), the encoding worker thread (same bytes as the main thread, errors as rejections,
 * never a hang), and ParquetDecisionWriter on both paths: the simulation's values, the schema, SNAPPY, and
 * identical bytes from the worker thread and the main thread, with and without segments to join.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import type { Worker } from "node:worker_threads";
import * as arrow from "apache-arrow";
import { createSimulation } from "../../lib/run/createSimulation.js";
import { BANK_DECISION_COLUMNS, decisionChunk, DECISION_COLUMNS, jobTitleList } from "../../lib/run/decisionRows.js";
import { ParquetDecisionWriter } from "../../lib/run/decisionWriter.js";
import { blockTable, ParquetStreamWriter, readParquetFile, readParquetRows, textVector } from "../../lib/run/parquet.js";
import { ParquetWorker } from "../../lib/run/parquetWorker.js";
import { duckRows, sqlText } from "../support/duckdb.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-parquet-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("blockTable: int, double and text columns from typed arrays of any kind, −1 text = null, UTF-8 beyond ASCII; doubles are views", () => {
  const income = new Float64Array([1.5, -0, 1e-300]);
  const columns = { month: new Uint8Array([7, 7, 7]), job: new Int16Array([2, -1, 0]), income };
  const table = blockTable(columns, { month: "int", job: "text" }, ["café", "x", "naïve 職"]);
  assert.deepEqual(
    table.schema.fields.map((f) => [f.name, String(f.type)]),
    [["month", "Int32"], ["job", "Utf8"], ["income", "Float64"]],
  );
  assert.deepEqual(table.toArray().map((row: { toJSON(): unknown }) => row.toJSON()), [
    { month: 7, job: "naïve 職", income: 1.5 },
    { month: 7, job: null, income: -0 },
    { month: 7, job: "café", income: 1e-300 },
  ]);
  assert.equal(table.getChild("job")!.nullCount, 1);
  income[0] = 2.5; // the double column shares the given array
  assert.equal(table.get(0)?.toJSON().income, 2.5);
});

test("blockTable: a text column of many rows of texts of every length (0 to 33 bytes, multiples of 4, UTF-8) reads back exactly", () => {
  const texts = ["", "abcd", "abcdefgh", "é", "日本", "x", "0123456789abcdef0123456789abcdef!", "naïve 職業"];
  const rows = 1000;
  // A fixed pseudo-random sequence: each text often, next to each other text, and missing values between.
  const index = Int32Array.from({ length: rows }, (_, r) => ((r * 7919) % 11) - 3);
  const table = blockTable({ job: index }, { job: "text" }, texts);
  assert.deepEqual(table.getChild("job")!.toArray(), Array.from(index, (k) => (k >= 0 ? texts[k] : null)));
});

test("textVector: every text back as written, nulls where asked, through buffer growth", () => {
  const texts = Array.from({ length: 5000 }, (_, i) => (i % 7 === 3 ? null : `${"ü".repeat(i % 40)}household ${i} ${"€".repeat(i % 5)}`));
  const vector = textVector(texts.length, (i) => texts[i]);
  assert.equal(String(vector.type), "Utf8");
  assert.deepEqual(vector.toArray(), texts);
  assert.equal(vector.nullCount, texts.filter((t) => t === null).length);
});

/** Tables of month, job and income: `rows` rows each, values depending on the table and row. */
function tables(count: number, rows: number): arrow.Table[] {
  return Array.from({ length: count }, (_, b) => {
    const month = new Int32Array(rows).fill(b + 1);
    const job = Int32Array.from({ length: rows }, (_, r) => (r % 3) - 1);
    const income = Float64Array.from({ length: rows }, (_, r) => b * 1000 + r / 7);
    return blockTable({ month, job, income }, { month: "int", job: "text" }, ["intern", "cashier"]);
  });
}

test("ParquetWorker writes the bytes the main thread writes from the same tables, and the values read back", async () => {
  const [inThread, onMain] = [path.join(tmp, "thread.parquet"), path.join(tmp, "main.parquet")];
  const worker = new ParquetWorker({ textColumns: ["job"], codec: "SNAPPY" });
  worker.open(inThread);
  for (const table of tables(6, 1000)) await worker.write(table);
  await worker.close();
  await worker.terminate();
  const writer = new ParquetStreamWriter(onMain, ["job"], "SNAPPY");
  for (const table of tables(6, 1000)) await writer.write(table);
  await writer.close();
  assert.ok(fs.readFileSync(inThread).equals(fs.readFileSync(onMain)), "the thread's file differs from the main thread's");
  const rows = readParquetRows(inThread);
  assert.equal(rows.length, 6000);
  assert.deepEqual(rows[0], { month: 1, job: null, income: 0 });
  assert.deepEqual(rows[5001], { month: 6, job: "intern", income: 5000 + 1 / 7 });
  assert.deepEqual(rows[5002], { month: 6, job: "cashier", income: 5000 + 2 / 7 });
});

test("ParquetWorker: an error in the thread rejects the waiting call and every later one with its message, and never hangs", async () => {
  const worker = new ParquetWorker({ textColumns: ["job"], codec: "SNAPPY" });
  worker.open(path.join(tmp, "no-such-dir", "x.parquet"));
  await worker.write(tables(1, 10)[0]); // handed over: not yet known to fail
  await assert.rejects(worker.close(), /ENOENT: no such file or directory, open '.*no-such-dir/);
  await assert.rejects(worker.write(tables(1, 10)[0]), /ENOENT/);
  await assert.rejects(worker.concat([], path.join(tmp, "y.parquet")), /ENOENT/);
  await worker.terminate();
});

test("ParquetWorker: a thread stopped from outside (no error message) rejects every later call with one line", { timeout: 20_000 }, async () => {
  const worker = new ParquetWorker({ textColumns: ["job"], codec: "SNAPPY" });
  worker.open(path.join(tmp, "stopped.parquet"));
  await worker.write(tables(1, 10)[0]);
  // What the thread does when killed by something else than terminate(): it exits and sends nothing.
  const code = await (worker as unknown as { worker: Worker }).worker.terminate();
  for (const call of [() => worker.close(), () => worker.write(tables(1, 10)[0]), () => worker.concat([], path.join(tmp, "z.parquet"))]) {
    await assert.rejects(call(), (e: unknown) => e instanceof Error && e.message === `the Parquet writer thread stopped (exit code ${code})`);
  }
});

test("ParquetDecisionWriter: the simulation's values, Int32/Float64/text columns, SNAPPY; worker thread and main thread write the same bytes", async () => {
  const columns = [...DECISION_COLUMNS, ...BANK_DECISION_COLUMNS];
  const { simulation } = await createSimulation({ policy: "composite", bank: true, households: 200, months: 12, seed: 5 });
  const titles = jobTitleList();
  const expected: Record<string, number | string | null>[] = [];
  // Both paths, each once without segments to join and once with a checkpoint after month 6 (two segments).
  const variants = [
    { name: "thread", workersFrom: 0, checkpointAt: 0 },
    { name: "main", workersFrom: Infinity, checkpointAt: 0 },
    { name: "thread-segments", workersFrom: 0, checkpointAt: 6 },
    { name: "main-segments", workersFrom: Infinity, checkpointAt: 6 },
  ].map((v) => {
    const dir = path.join(tmp, v.name);
    fs.mkdirSync(dir);
    return { ...v, dir, writer: new ParquetDecisionWriter(dir, path.join(dir, "decisions.parquet"), columns, null, 0, v.workersFrom) };
  });
  await simulation.run(async (row) => {
    const { values, rows } = decisionChunk(simulation, columns, null, 0, simulation.state.n);
    for (let r = 0; r < rows; r++) {
      expected.push(Object.fromEntries(columns.map((c, k) => {
        const v = values[k * rows + r];
        return [c, c === "job" ? (v >= 0 ? titles[v] : null) : v];
      })));
    }
    for (const v of variants) {
      await v.writer.writeMonth(simulation);
      if (row.month === v.checkpointAt) assert.equal(await v.writer.checkpoint(), 1);
    }
  });
  for (const v of variants) {
    await v.writer.finish();
    await v.writer.close();
    assert.deepEqual(fs.readdirSync(v.dir), ["decisions.parquet"], `${v.name}: segments joined and removed`);
  }
  const bytes = (name: string) => fs.readFileSync(path.join(tmp, name, "decisions.parquet"));
  assert.ok(bytes("thread").equals(bytes("main")), "one segment: thread and main thread differ");
  assert.ok(bytes("thread-segments").equals(bytes("main-segments")), "two segments joined: thread and main thread differ");
  for (const v of variants) assert.deepEqual(readParquetRows(path.join(v.dir, "decisions.parquet")), expected, `${v.name}: values`);
  const file = path.join(tmp, "thread-segments", "decisions.parquet");
  const types = Object.fromEntries(readParquetFile(file).schema.fields.map((f) => [f.name, f.type]));
  for (const c of ["month", "household", "worked", "rationed", "missed_payments"]) assert.ok(arrow.DataType.isInt(types[c]) && (types[c] as arrow.Int).bitWidth === 32, c);
  for (const c of ["income", "savings", "deposit", "work_propensity"]) assert.ok(arrow.DataType.isFloat(types[c]) && (types[c] as arrow.Float).precision === arrow.Precision.DOUBLE, c);
  assert.ok(arrow.DataType.isUtf8(types.job), "job is text");
  assert.deepEqual(await duckRows(`SELECT DISTINCT compression FROM parquet_metadata(${sqlText(file)})`), [{ compression: "SNAPPY" }]);
  assert.deepEqual(await duckRows(`SELECT count(*) AS n, count(job) AS working FROM read_parquet(${sqlText(file)})`), [
    { n: 2400, working: expected.filter((row) => row.job !== null).length },
  ]);
});
