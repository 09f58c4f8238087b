import * as fs from "node:fs";
import * as path from "node:path";
import type { BusinessCycleRow } from "../analysis/businessCycle.js";
import type { RunSummary } from "../analysis/summarizeRun.js";
import { UsageError } from "../errors.js";
import type { AnnualRow, MonthlyRow } from "../economy/rows.js";
import { parseCsv } from "./csv.js";
import { readManifest, type ManifestData } from "./manifest.js";
import { RUN_FILES } from "./runDirectory.js";

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
}

/** Read a completed run directory back into rows (the inverse of runExperiment's outputs). */
export function loadRun(dir: string): LoadedRun {
  const file = (name: string) => path.join(dir, name);
  const manifest = readManifest(dir, "run directory");
  if (manifest.status !== "complete") {
    throw new UsageError("run directory", dir, `a completed run (its manifest says status "${manifest.status}")`);
  }
  const table = (name: string) => parseCsv(fs.readFileSync(file(name), "utf8"));
  return {
    dir,
    name: path.basename(path.resolve(dir)),
    manifest,
    monthly: table(RUN_FILES.monthly) as unknown as MonthlyRow[],
    annual: table(RUN_FILES.annual) as unknown as AnnualRow[],
    summary: JSON.parse(fs.readFileSync(file(RUN_FILES.summary), "utf8")) as RunSummary,
    businessCycle: fs.existsSync(file(RUN_FILES.businessCycle)) ? (table(RUN_FILES.businessCycle) as unknown as BusinessCycleRow[]) : null,
  };
}
