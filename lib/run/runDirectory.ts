import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError } from "../errors.js";

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
  checkpoint: "checkpoint.json",
} as const;

/**
 * Make `out` ready for a new run: create it, prove it writable, and refuse to overwrite an earlier run unless
 * `force` (then that run's files are removed first, so no stale file survives next to the new ones).
 */
export function prepareRunDirectory(out: string, force: boolean): string {
  const dir = path.resolve(out);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, "");
    fs.rmSync(probe);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError("--out", out, `a writable directory (${reason})`);
  }
  const existing = Object.values(RUN_FILES).filter((f) => fs.existsSync(path.join(dir, f)));
  if (existing.length > 0 && !force) {
    throw new UsageError("--out", out, "a directory without an earlier run (pass --force to overwrite it)");
  }
  for (const f of existing) fs.rmSync(path.join(dir, f));
  return dir;
}
