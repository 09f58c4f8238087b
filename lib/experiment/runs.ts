import * as path from "node:path";
import { UsageError } from "../errors.js";
import type { Cell } from "./cells.js";
import { seedDirName } from "./dirNames.js";

/** One (cell, seed) run of a sweep and where its ordinary run directory is. */
export interface SweepRun {
  /** Position in the sweep's canonical order (cells in order, seeds fastest); shards are taken from it. */
  index: number;
  cell: Cell;
  seed: number | string;
  /** Run directory relative to the sweep directory: `runs/<cell id>/seed-<seed>`. */
  dir: string;
}

/**
 * Every (cell, seed) of the sweep, seeds varying fastest.
 *
 * @example
 * sweepRuns(cells, [1, 2])[1].dir; // "runs/no-bank_taxYear=2019/seed-2"
 */
export function sweepRuns(cells: readonly Cell[], seeds: readonly (number | string)[]): SweepRun[] {
  const runs: SweepRun[] = [];
  for (const cell of cells) {
    for (const seed of seeds) runs.push({ index: runs.length, cell, seed, dir: path.posix.join("runs", cell.id, seedDirName(seed)) });
  }
  return runs;
}

/** A shard `I/N`: task I (0-based, as Slurm's array task id and Kubernetes' completion index) of N. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Parse `--shard I/N` (0 ≤ I < N).
 *
 * @example
 * parseShard("2/8"); // => { index: 2, count: 8 }
 */
export function parseShard(raw: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(raw);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(count >= 1 && index >= 0 && index < count)) throw new UsageError("--shard", raw, "I/N with 0 ≤ I < N (e.g. $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT)");
  return { index, count };
}

/**
 * The runs of one shard: every N-th run of the canonical order starting at I, so shards are disjoint, their union
 * is the sweep, and each shard gets a mix of cells (similar run times).
 *
 * @example
 * shardRuns(runs, { index: 0, count: 2 }).map((r) => r.index); // [0, 2, 4, …]
 */
export function shardRuns(runs: readonly SweepRun[], shard: Shard | null): SweepRun[] {
  return shard ? runs.filter((r) => r.index % shard.count === shard.index) : [...runs];
}
