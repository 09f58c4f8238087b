import * as fs from "node:fs";
import * as path from "node:path";
import { duckdb } from "./duckdb.js";
import { csvCell, csvTable } from "../run/csv.js";
import { AppendFile, writeFileAtomic } from "../files.js";
import type { RunSummary } from "../analysis/summarizeRun.js";
import { readManifest } from "../run/manifest.js";
import { RUN_FILES } from "../run/runDirectory.js";
import { readRunSummary, readRunTableLines, runTableColumns, tableShape } from "../run/runTables.js";
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
 * Merge a sweep's run directories into tidy tables at its top level: `runs.csv` (one row per run: cell, arm,
 * varied options, seed, dir, status and the run's summary statistics), `annual.csv` and `monthly.csv` (cell, arm,
 * varied options and seed leading, then the run's columns — the bank's columns empty for a run without the bank),
 * and with `format: "parquet"` the same three as Parquet beside them (DuckDB, ZSTD). Rows are in the sweep's
 * canonical order, each run's rows in its own order.
 *
 * Every complete run's tables are read back and checked first (lib/run/runTables.ts), and a damaged one stops
 * collect naming its file with nothing written. The merged CSVs then copy each run's own lines after its leading
 * cells (a Parquet run's rows are written as its CSV would be): the numbers stay exactly as the run wrote them,
 * and no number is parsed and formatted again — that made collecting 200 small runs with DuckDB's union reader
 * take longer than running them (docs/performance.md).
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
  const hasArms = sweep.cells.some((c) => c.arm !== null);
  const varied = [...new Set(sweep.cells.flatMap((c) => Object.keys(c.varied)))];
  const leading = ["cell", ...(hasArms ? ["arm"] : []), ...varied, "seed"];
  const complete = sweep.runs.filter((_, k) => statuses[k] === "complete");
  const shapes = new Map(complete.map((run) => {
    const runDir = path.join(sweep.dir, run.dir);
    return [run.index, tableShape(readManifest(runDir, "run"), path.join(runDir, RUN_FILES.manifest))] as const;
  }));
  const bank = [...shapes.values()].some((shape) => shape.bank);
  const merged = { annual: new MergedTable(path.join(sweep.dir, SWEEP_FILES.annual), leading, runTableColumns("annual", bank)),
    monthly: new MergedTable(path.join(sweep.dir, SWEEP_FILES.monthly), leading, runTableColumns("monthly", bank)) };
  const summaries: (RunSummary | null)[] = sweep.runs.map(() => null);
  try {
    for (const run of complete) {
      const runDir = path.join(sweep.dir, run.dir);
      const lead = leading.map((c) => csvCell(c === "cell" ? run.cell.id : c === "arm" ? run.cell.arm : c === "seed" ? run.seed : cellValue(run.cell.varied[c]))).join(",");
      for (const table of ["annual", "monthly"] as const) merged[table].add(lead, readRunTableLines(runDir, table, shapes.get(run.index)!));
      summaries[run.index] = readRunSummary(runDir);
    }
  } catch (error) {
    for (const table of Object.values(merged)) table.discard();
    throw error;
  }
  const runsFile = path.join(sweep.dir, SWEEP_FILES.runs);
  writeFileAtomic(runsFile, runsTable(sweep.runs, statuses, summaries, leading, varied));
  const files = [runsFile];
  for (const table of Object.values(merged)) {
    if (complete.length > 0) files.push(table.commit());
    else table.discard();
  }
  if ((options.format ?? "csv") === "parquet") files.push(...(await parquetCopies(files)));
  return { total: sweep.runs.length, complete: complete.length, notComplete, files };
}

/**
 * One merged table being written: a temporary file beside its final name (an {@link AppendFile}, which batches the
 * writes) that {@link MergedTable.commit} renames into place once every run is in, or {@link MergedTable.discard}
 * removes (a damaged run: nothing merged).
 */
class MergedTable {
  private readonly tmp: string;
  private readonly out: AppendFile;

  constructor(
    private readonly file: string,
    leading: readonly string[],
    private readonly columns: readonly string[],
  ) {
    this.tmp = `${file}.${process.pid}.tmp`;
    this.out = AppendFile.create(this.tmp, `${[...leading, ...columns].map(csvCell).join(",")}\n`);
  }

  /** A run's lines after its leading cells, padded with empty cells for the columns it does not have. */
  add(lead: string, table: { columns: readonly string[]; lines: readonly string[] }): void {
    const pad = ",".repeat(this.columns.length - table.columns.length);
    this.out.append(table.lines.map((line) => `${lead},${line}${pad}\n`).join(""));
  }

  commit(): string {
    this.out.close();
    fs.renameSync(this.tmp, this.file);
    return this.file;
  }

  discard(): void {
    this.out.close();
    fs.rmSync(this.tmp, { force: true });
  }
}

/** The merged CSVs as Parquet (ZSTD) beside them, through DuckDB. */
async function parquetCopies(csvFiles: readonly string[]): Promise<string[]> {
  const instance = await duckdb.DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  try {
    const written: string[] = [];
    for (const csv of csvFiles) {
      const file = csv.replace(/\.csv$/, ".parquet");
      const tmp = `${file}.${process.pid}.tmp`;
      await db.run(`COPY (SELECT * FROM read_csv(${quote(csv)}, header = true, sample_size = -1)) TO ${quote(tmp)} (FORMAT parquet, COMPRESSION zstd)`);
      fs.renameSync(tmp, file);
      written.push(file);
    }
    return written;
  } finally {
    db.closeSync();
    instance.closeSync();
  }
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

const cellValue = (v: unknown): number | string | null => (v === undefined || v === null ? null : typeof v === "number" || typeof v === "string" ? v : JSON.stringify(v));
const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
