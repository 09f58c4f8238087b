import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError } from "../errors.js";
import { writeFileAtomic, writeJsonAtomic } from "../files.js";
import type { EstimationSource } from "./estimationFile.js";

/** The marker of an estimation's output directory: which command, the input's name and SHA-256. */
export interface EstimationMarker {
  format: 1;
  command: "calibrate" | "sensitivity";
  name: string;
  sha256: string;
}

/**
 * The marker file and the copy of the input file in an estimation's output directory.
 * @example
 * ESTIMATION_FILES.marker; // "estimation.json"
 */
export const ESTIMATION_FILES = { marker: "estimation.json", input: "input.json" } as const;

/**
 * Claim `out` for an estimation, as `sweep` claims its directory (lib/experiment/sweepDirectory.ts): write the marker
 * and a copy of the input, or check that the marker there is this input's (same command and SHA-256), so a resumed
 * calibration refuses an input that changed.
 *
 * @throws UsageError naming --out for a directory holding something else
 * @example
 * claimEstimationDirectory("out/cal", source); // absolute path of out/cal
 */
export function claimEstimationDirectory(out: string, source: EstimationSource): string {
  const dir = path.resolve(out);
  const markerFile = path.join(dir, ESTIMATION_FILES.marker);
  const { kind, name } = source.problem;
  if (fs.existsSync(markerFile)) {
    let marker: EstimationMarker;
    try {
      marker = JSON.parse(fs.readFileSync(markerFile, "utf8")) as EstimationMarker;
    } catch (error) {
      throw new UsageError("--out", out, `a directory written by econagent ${kind} (${(error as Error).message})`);
    }
    if (marker.command !== kind || marker.sha256 !== source.sha256) {
      throw new UsageError("--out", out, `a directory of this ${kind} file (it holds ${marker.command} "${marker.name}" with SHA-256 ${String(marker.sha256).slice(0, 12)}…, this file's is ${source.sha256.slice(0, 12)}…)`);
    }
    return dir;
  }
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new UsageError("--out", out, `a writable directory (${(error as NodeJS.ErrnoException).code})`);
  }
  const foreign = fs.readdirSync(dir).filter((f) => !f.startsWith(".") && f !== ESTIMATION_FILES.input && !f.endsWith(".tmp"));
  if (foreign.length > 0) throw new UsageError("--out", out, `an empty directory or one of this ${kind} file (it holds ${foreign.slice(0, 3).join(", ")})`);
  writeFileAtomic(path.join(dir, ESTIMATION_FILES.input), source.text);
  writeJsonAtomic(markerFile, { format: 1, command: kind, name, sha256: source.sha256 } satisfies EstimationMarker);
  return dir;
}
