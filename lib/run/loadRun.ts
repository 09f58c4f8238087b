import * as fs from "node:fs";
import * as path from "node:path";
import type { BusinessCycleRow } from "../analysis/businessCycle.js";
import type { RunSummary } from "../analysis/summarizeRun.js";
import { UsageError } from "../errors.js";
import type { AnnualRow, MonthlyRow } from "../economy/rows.js";
import { parseCsv } from "./csv.js";
import { readManifest, type ManifestData } from "./manifest.js";
import { readParquetRows } from "./parquet.js";
import { PARQUET_FILES, RUN_FILES } from "./runDirectory.js";
import { readBusinessCycle, readRunSummary, readRunTable, tableShape } from "./runTables.js";
import type { PopulationRow } from "./populationRows.js";

/** A run directory read back: its manifest and tables (CSV or Parquet). */
export interface LoadedRun {
  dir: string;
  /** The directory's base name, used to name its figures. */
  name: string;
  manifest: ManifestData;
  monthly: MonthlyRow[];
  annual: AnnualRow[];
  summary: RunSummary;
  /** `business_cycle.csv`; null for a run written before the file existed. */
  businessCycle: BusinessCycleRow[] | null;
  /** `populations.csv` (config `populations`: each month's indicators of each population); null without populations. */
  populations: PopulationRow[] | null;
}

/**
 * One of a run's tables as rows, from its CSV or (a `--format parquet` run) its Parquet file; null when the run
 * has no such file (e.g. no decisions with `--decisions off`).
 * @example runTableRows("data/runs/composite-seed1", "annual")?.length // 20
 */
export function runTableRows(dir: string, table: keyof typeof PARQUET_FILES): Record<string, number | string | null>[] | null {
  const parquet = path.join(dir, PARQUET_FILES[table]);
  if (fs.existsSync(parquet)) return readParquetRows(parquet);
  const csv = path.join(dir, RUN_FILES[table]);
  return fs.existsSync(csv) ? parseCsv(fs.readFileSync(csv, "utf8")) : null;
}

/**
 * Read a completed run directory back into rows, each table and the summary checked (lib/run/runTables.ts) (the inverse of runExperiment's outputs).
 * @example
 * const run = loadRun("data/runs/composite-seed1");
 * run.name; // "composite-seed1"
 * run.monthly.length; // 240
 * run.annual.length; // 20
 */
export function loadRun(dir: string): LoadedRun {
  const file = (name: string) => path.join(dir, name);
  const manifest = readManifest(dir, "run directory");
  if (manifest.status !== "complete") {
    throw new UsageError("run directory", dir, `a completed run (its manifest says status "${manifest.status}")`);
  }
  const shape = tableShape(manifest, file(RUN_FILES.manifest));
  return {
    dir,
    name: path.basename(path.resolve(dir)),
    manifest,
    monthly: readRunTable(dir, "monthly", shape) as unknown as MonthlyRow[],
    annual: readRunTable(dir, "annual", shape) as unknown as AnnualRow[],
    summary: readRunSummary(dir),
    businessCycle: readBusinessCycle(dir),
    populations: fs.existsSync(file(RUN_FILES.populations))
      ? (parseCsv(fs.readFileSync(file(RUN_FILES.populations), "utf8")) as unknown as PopulationRow[])
      : null,
  };
}
