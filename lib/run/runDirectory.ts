import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError } from "../errors.js";
import { writableDirectoryProblem } from "../files.js";

/** The files a run writes, by role. */
export const RUN_FILES = {
  manifest: "manifest.json",
  monthly: "monthly.csv",
  annual: "annual.csv",
  summary: "summary.json",
  businessCycle: "business_cycle.csv",
  households: "households.csv",
  decisions: "decisions.csv",
  transcripts: "transcripts.jsonl",
  audit: "audit.csv",
  /** With config `populations`: each month's indicators of each population (lib/run/populationRows.ts). */
  populations: "populations.csv",
  checkpoint: "checkpoint.json",
} as const;

/** With `--format parquet`, the tables these names replace (the JSON and JSONL files stay). */
export const PARQUET_FILES = {
  monthly: "monthly.parquet",
  annual: "annual.parquet",
  households: "households.parquet",
  decisions: "decisions.parquet",
} as const;

/**
 * The file of one of a run's tables in the run's format, e.g. `tableFile("decisions", "parquet")`.
 * @example
 * tableFile("decisions", "parquet"); // "decisions.parquet"
 * tableFile("annual", "csv"); // "annual.csv"
 */
export function tableFile(table: keyof typeof PARQUET_FILES, format: "csv" | "parquet"): string {
  return format === "parquet" ? PARQUET_FILES[table] : RUN_FILES[table];
}

/**
 * Every file a run may write in its directory (both formats, and decisions.parquet's unfinished segments).
 * @example
 * runFilesIn("data/runs/composite-seed1");
 * // ["manifest.json", "monthly.csv", "annual.csv", "summary.json", "business_cycle.csv", "households.csv"]
 */
export function runFilesIn(dir: string): string[] {
  const named = [...Object.values(RUN_FILES), ...Object.values(PARQUET_FILES)].filter((f) => fs.existsSync(path.join(dir, f)));
  const segments = fs.readdirSync(dir).filter((f) => /^decisions\.part-\d+\.parquet$/.test(f));
  return [...named, ...segments];
}

/**
 * Make `out` ready for a new run: create it, prove it writable, and refuse to overwrite an earlier run unless
 * `force` (then that run's files are removed first, so no stale file survives next to the new ones).
 * @example
 * const dir = prepareRunDirectory("runs/cats", false); // the absolute path; throws UsageError if runs/cats holds a run
 */
export function prepareRunDirectory(out: string, force: boolean): string {
  const dir = path.resolve(out);
  const problem = writableDirectoryProblem(dir);
  if (problem !== null) throw new UsageError("--out", out, `a writable directory (${problem})`);
  const existing = runFilesIn(dir);
  if (existing.length > 0 && !force) {
    throw new UsageError("--out", out, "a directory without an earlier run (pass --force to overwrite it)");
  }
  for (const f of existing) fs.rmSync(path.join(dir, f));
  return dir;
}
