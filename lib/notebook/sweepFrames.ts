import * as fs from "node:fs";
import * as path from "node:path";
import type { DataFrame } from "danfojs";
import { SWEEP_FILES } from "../experiment/sweepDirectory.js";
import { csvFrame, resolveRunDir } from "./frames.js";

/** A collected sweep as DataFrames: runs.csv, annual.csv and monthly.csv (cell, arm, varied options and seed leading). */
export interface SweepFrames {
  dir: string;
  runs: DataFrame;
  annual: DataFrame;
  monthly: DataFrame;
}

/**
 * Load a collected sweep directory's tables as danfojs DataFrames (relative paths from the working directory,
 * else from the project root). For SQL across runs, DuckDB reads the same files (and the Parquet beside them).
 * @throws Error naming the missing table when the sweep is not collected yet (`econagent collect DIR`)
 * @example
 * const sweep = loadSweepFrames("data/experiments/top-tax-ubi");
 * sweep.annual.shape; // [runs × years, columns]
 */
export function loadSweepFrames(dir: string): SweepFrames {
  const resolved = resolveRunDir(dir);
  const table = (name: string) => {
    const file = path.join(resolved, name);
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`econagent sweep\` to the end or \`econagent collect ${dir}\` first`);
    return csvFrame(file);
  };
  return { dir: resolved, runs: table(SWEEP_FILES.runs), annual: table(SWEEP_FILES.annual), monthly: table(SWEEP_FILES.monthly) };
}
