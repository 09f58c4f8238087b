import * as fs from "node:fs";
import * as path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { duckdb } from "./duckdb.js";
import { csvTable } from "../run/csv.js";
import { writeFileAtomic } from "../files.js";
import type { RunSummary } from "../analysis/summarizeRun.js";
import { readManifest } from "../run/manifest.js";
import { RUN_FILES } from "../run/runDirectory.js";
import { readRunSummary, readRunTable, tableShape } from "../run/runTables.js";
import { openSweep, runStatus, SWEEP_FILES, type SweepRunStatus } from "./sweepDirectory.js";
import type { SweepRun } from "./runs.js";

/** The format of a sweep's merged tables: CSV, or Parquet (ZSTD). */
export type TableFormat = "csv" | "parquet";

/** A run that `collect` found not complete, by its directory relative to the sweep. */
export interface NotComplete {
  dir: string;
  status: SweepRunStatus;
}

/** collect found runs that did not complete (and wrote nothing). */
export class SweepIncomplete extends Error {
  constructor(readonly notComplete: NotComplete[], readonly total: number) {
    const shown = notComplete.slice(0, 20).map((r) => `  ${r.dir} (${r.status})`);
    const more = notComplete.length > 20 ? [`  … and ${notComplete.length - 20} more`] : [];
    super([`${notComplete.length} of ${total} runs are not complete; nothing was collected:`, ...shown, ...more].join("\n"));
    this.name = "SweepIncomplete";
  }
}

/** What `collect` found and wrote: runs in total, complete and not, and the tables written. */
export interface CollectResult {
  total: number;
  complete: number;
  notComplete: NotComplete[];
  /** Files written at the sweep directory's top level. */
  files: string[];
}

/**
 * Merge a sweep's run directories into tidy tables at its top level, with DuckDB over the runs' own CSVs:
 * `runs.csv` (one row per run: cell, arm, varied options, seed, dir, status and the run's summary statistics),
 * `annual.csv` and `monthly.csv` (cell, arm, varied options and seed leading, then the run's columns), and with
 * `format: "parquet"` the same three as Parquet beside them. Rows are in the sweep's canonical order.
 *
 * @param options.requireComplete refuse (SweepIncomplete, nothing written) when any run is not complete — what
 *   `econagent collect` does after a sharded sweep; a local sweep collects what completed and lists the rest
 * @example
 * const { complete, files } = await collectSweep("sweeps/top-tax", { format: "parquet" });
 */
export async function collectSweep(dir: string, options: { format?: TableFormat; requireComplete?: boolean } = {}): Promise<CollectResult> {
  const sweep = openSweep(dir);
  const statuses = sweep.runs.map((run) => runStatus(sweep.dir, run));
  const notComplete = sweep.runs.flatMap((run, k) => (statuses[k] === "complete" ? [] : [{ dir: run.dir, status: statuses[k] }]));
  if (options.requireComplete && notComplete.length > 0) throw new SweepIncomplete(notComplete, sweep.runs.length);
  // Every complete run is checked before anything is merged: a damaged one stops collect naming its file.
  const summaries = sweep.runs.map((run, k) => (statuses[k] === "complete" ? checkedRun(path.join(sweep.dir, run.dir)) : null));
  const hasArms = sweep.cells.some((c) => c.arm !== null);
  const varied = [...new Set(sweep.cells.flatMap((c) => Object.keys(c.varied)))];
  const leading = ["cell", ...(hasArms ? ["arm"] : []), ...varied, "seed"];
  const runsFile = path.join(sweep.dir, SWEEP_FILES.runs);
  writeFileAtomic(runsFile, runsTable(sweep.runs, statuses, summaries, leading, varied));
  const files = [runsFile];
  const complete = sweep.runs.filter((_, k) => statuses[k] === "complete");
  const instance = await duckdb.DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  try {
    await db.run(`CREATE TABLE runs AS SELECT * FROM read_csv(${quote(runsFile)}, header = true, sample_size = -1)`);
    const format = options.format ?? "csv";
    if (format === "parquet") files.push(await copy(db, "SELECT * FROM runs ORDER BY run", path.join(sweep.dir, "runs.parquet"), "parquet"));
    if (complete.length > 0) {
      for (const table of ["annual", "monthly"] as const) {
        const order = table === "annual" ? "year" : "month";
        const sources = complete.map((run) => quote(path.join(sweep.dir, run.dir, RUN_FILES[table]))).join(", ");
        const query =
          `SELECT ${leading.map((c) => `r.${ident(c)}`).join(", ")}, t.* EXCLUDE (filename) ` +
          `FROM read_csv([${sources}], filename = true, union_by_name = true, header = true, sample_size = -1) t ` +
          `JOIN runs r ON t.filename = ${quote(sweep.dir + path.sep)} || r.dir || ${quote(path.sep + RUN_FILES[table])} ORDER BY r.run, t.${order}`;
        files.push(await copy(db, query, path.join(sweep.dir, SWEEP_FILES[table]), "csv"));
        if (format === "parquet") files.push(await copy(db, query, path.join(sweep.dir, `${table}.parquet`), "parquet"));
      }
    }
  } finally {
    db.closeSync();
    instance.closeSync();
  }
  return { total: sweep.runs.length, complete: complete.length, notComplete, files };
}

/** runs.csv: the run's identity, then every summary statistic (r, p, n of the relations; min, max, mean of the ranges). */
function runsTable(runs: readonly SweepRun[], statuses: readonly SweepRunStatus[], summaries: readonly (RunSummary | null)[], leading: string[], varied: string[]): string {
  const statColumns: string[] = [];
  const rows = runs.map((run, k) => {
    const row: Record<string, number | string | null> = { run: run.index, cell: run.cell.id, arm: run.cell.arm, seed: run.seed, dir: run.dir, status: statuses[k] };
    for (const key of varied) row[key] = cellValue(run.cell.varied[key]);
    const summary = summaries[k] as unknown as Record<string, Record<string, unknown> | null> | null;
    if (summary === null) return row;
    for (const [name, stats] of Object.entries(summary)) {
      for (const field of ["r", "p", "n", "min", "max", "mean"]) {
        const value = stats?.[field];
        // null: undefined for this run (e.g. r of a constant series); other fields (ci95, fits) are not columns
        if (typeof value !== "number" && value !== null) continue;
        const column = `${name}_${field}`;
        if (!statColumns.includes(column)) statColumns.push(column);
        row[column] = value as number | null;
      }
    }
    return row;
  });
  return csvTable(["run", ...leading, "dir", "status", ...statColumns], rows);
}

/**
 * A complete run's summary, after checking that its tables and summary hold what the run writes
 * (lib/run/runTables.ts); a damaged run is a DamagedFile (exit 2) naming the file, never merged.
 */
function checkedRun(dir: string): RunSummary {
  const shape = tableShape(readManifest(dir, "run"), path.join(dir, RUN_FILES.manifest));
  for (const table of ["annual", "monthly"] as const) readRunTable(dir, table, shape);
  return readRunSummary(dir);
}

const cellValue = (v: unknown): number | string | null => (v === undefined || v === null ? null : typeof v === "number" || typeof v === "string" ? v : JSON.stringify(v));
const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function copy(db: DuckDBConnection, query: string, file: string, format: TableFormat): Promise<string> {
  const tmp = `${file}.${process.pid}.tmp`;
  const settings = format === "parquet" ? "FORMAT parquet, COMPRESSION zstd" : "FORMAT csv, HEADER";
  await db.run(`COPY (${query}) TO ${quote(tmp)} (${settings})`);
  fs.renameSync(tmp, file);
  return file;
}
