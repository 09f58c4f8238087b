import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError } from "../errors.js";
import { writableDirectoryProblem, writeFileAtomic, writeJsonAtomic } from "../files.js";
import { DamagedFile, fields, parseJson, readJsonFile } from "../readBack.js";
import { readManifest, type RunStatus } from "../run/manifest.js";
import { RUN_FILES } from "../run/runDirectory.js";
import { expandCells, type Cell } from "./cells.js";
import { parseExperiment, type ExperimentSource } from "./experimentFile.js";
import { sweepRuns, type SweepRun } from "./runs.js";

/** The files at a sweep directory's top level. */
export const SWEEP_FILES = {
  /** The marker: the experiment's name and SHA-256, cell and run counts. */
  marker: "sweep.json",
  /** The experiment file's exact bytes, so `collect DIR` and cluster tasks need nothing else. */
  experiment: "experiment.json",
  runs: "runs.csv",
  annual: "annual.csv",
  monthly: "monthly.csv",
} as const;

/** `DIR/sweep.json`: which experiment (by SHA-256) a sweep directory belongs to, and its size; a different experiment is refused. */
export interface SweepMarker {
  format: 1;
  name: string;
  sha256: string;
  cells: number;
  seeds: number;
  runs: number;
}

/** A run's state on disk: `missing` when its directory has no manifest yet. */
export type SweepRunStatus = RunStatus | "missing";

/**
 * Claim `out` for an experiment: write the marker and a copy of the file, or check that the marker there is this
 * experiment's (same SHA-256). A directory holding another experiment, or files that are not a sweep, is refused.
 * Both files are deterministic, so shard tasks starting at once write the same bytes.
 *
 * @throws UsageError naming --out
 * @example
 * claimSweepDirectory("sweeps/top-tax", source, cells.length, runs.length);
 */
export function claimSweepDirectory(out: string, source: ExperimentSource, cells: number, runs: number): string {
  const dir = path.resolve(out);
  const markerFile = path.join(dir, SWEEP_FILES.marker);
  if (fs.existsSync(markerFile)) {
    const marker = readMarker(dir);
    if (marker.sha256 !== source.sha256) {
      throw new UsageError("--out", out, `a directory of this experiment (it holds experiment "${marker.name}" with SHA-256 ${marker.sha256.slice(0, 12)}…, this file's is ${source.sha256.slice(0, 12)}…)`);
    }
    return dir;
  }
  const problem = writableDirectoryProblem(dir);
  if (problem !== null) throw new UsageError("--out", out, `a writable directory (${problem})`);
  const foreign = fs.readdirSync(dir).filter((f) => f !== SWEEP_FILES.experiment && !f.startsWith(".") && f !== "runs" && !f.endsWith(".tmp"));
  if (foreign.length > 0) throw new UsageError("--out", out, `an empty directory or a sweep of this experiment (it holds ${foreign.slice(0, 3).join(", ")})`);
  const marker: SweepMarker = { format: 1, name: source.experiment.name, sha256: source.sha256, cells, seeds: source.experiment.seeds.length, runs };
  writeFileAtomic(path.join(dir, SWEEP_FILES.experiment), source.text);
  writeJsonAtomic(markerFile, marker);
  return dir;
}

/** The marker, checked field by field: a damaged one is a one-line {@link DamagedFile} naming the field. */
function readMarker(dir: string): SweepMarker {
  const file = path.join(dir, SWEEP_FILES.marker);
  if (!fs.existsSync(file)) throw new UsageError("sweep directory", dir, `a directory written by \`econagent sweep\` (it has no ${SWEEP_FILES.marker})`);
  const at = fields(file);
  const m = at.object(readJsonFile(file), "");
  return {
    format: m.format === 1 ? 1 : at.fail("format", m.format, "1 (the only sweep format)"),
    name: at.string(m.name, "name"),
    sha256: /^[0-9a-f]{64}$/.test(String(m.sha256)) ? (m.sha256 as string) : at.fail("sha256", m.sha256, "a SHA-256 in hex"),
    cells: at.integer(m.cells, "cells", 1),
    seeds: at.integer(m.seeds, "seeds", 1),
    runs: at.integer(m.runs, "runs", 1),
  };
}

/**
 * A sweep directory read back: its experiment (from the copy, checked against the marker's SHA-256), cells and runs.
 *
 * @throws UsageError when `dir` is not a sweep directory or its experiment copy does not match its marker
 * @example
 * openSweep("sweeps/top-tax").runs.length; // cells × seeds
 */
export function openSweep(dir: string): { dir: string; marker: SweepMarker; cells: Cell[]; runs: SweepRun[]; seeds: (number | string)[]; reference: string | null } {
  const root = path.resolve(dir);
  const marker = readMarker(root);
  const file = path.join(root, SWEEP_FILES.experiment);
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const sha256 = createHash("sha256").update(text).digest("hex");
  if (sha256 !== marker.sha256) throw new UsageError("sweep directory", dir, `a sweep whose ${SWEEP_FILES.experiment} matches ${SWEEP_FILES.marker} (SHA-256 differs)`);
  const experiment = parseExperiment(parseJson(text, (field, value, expected) => {
    throw new DamagedFile(file, field === "" ? "(file)" : field, value, expected);
  }));
  const cells = expandCells(experiment);
  return { dir: root, marker, cells, runs: sweepRuns(cells, experiment.seeds), seeds: experiment.seeds, reference: experiment.reference };
}

/** The status of a run from its manifest (`missing` without one). */
export function runStatus(root: string, run: SweepRun): SweepRunStatus {
  const dir = path.join(root, run.dir);
  if (!fs.existsSync(path.join(dir, RUN_FILES.manifest))) return "missing";
  return readManifest(dir, "run").status;
}
