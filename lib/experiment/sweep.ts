import * as os from "node:os";
import * as path from "node:path";
import { expandCells, cellConfig } from "./cells.js";
import { collectSweep, type CollectResult, type TableFormat } from "./collect.js";
import type { ExperimentSource } from "./experimentFile.js";
import { runOnPool, type RunRequest } from "./pool.js";
import { shardRuns, sweepRuns, type Shard, type SweepRun } from "./runs.js";
import { claimSweepDirectory, runStatus } from "./sweepDirectory.js";
import { SweepBudget, spentByRun } from "./sweepBudget.js";
import { callsModel } from "./sweepEstimate.js";
import { checkBudgetOptions } from "../run/budget.js";
import { estimateRun } from "../run/estimate.js";

/** How far a sweep (or shard) has come, for its progress line. */
export interface SweepProgress {
  /** Runs of this sweep (or shard) in total, already complete before it started, done since, failed since. */
  total: number;
  skipped: number;
  done: number;
  failed: number;
  elapsedMs: number;
  /** The latest live status of a run in flight (LLM calls, cost), if any. */
  status?: string;
}

/** Options of a sweep: the output directory, workers, shard, table format, progress and cancellation. */
export interface SweepOptions {
  out: string;
  /** Worker processes (default: the cores). */
  jobs?: number;
  /** Run only this shard; its tables are left to `collect`. */
  shard?: Shard | null;
  format?: TableFormat;
  /** Called whenever a run starts, ends or reports a status. */
  onProgress?: (progress: SweepProgress) => void;
  signal?: AbortSignal;
  /** A budget in US dollars for the whole sweep, earlier invocations' spending included (lib/experiment/sweepBudget.ts). */
  maxCostUsd?: number | null;
}

/** What a sweep did: its directory, runs in total, skipped as already complete, done and failed, and the tables written. */
export interface SweepResult {
  dir: string;
  total: number;
  skipped: number;
  completed: number;
  /** Runs that failed (or were interrupted) in this invocation, with their errors. */
  failed: { run: SweepRun; status: string; error: string }[];
  /** The merged tables (local, unsharded sweeps only). */
  collected: CollectResult | null;
  /** With `maxCostUsd`: the cap, what the sweep's runs have spent in all, and whether the budget stopped it. */
  budget: { maxCostUsd: number; spentUsd: number; stopped: boolean; stoppedRuns: number; notStarted: number } | null;
}

/**
 * Run an experiment: validate every cell (before anything is written), claim `out` for it (its SHA-256), then run
 * every (cell, seed) not yet complete — fresh, or resumed from its checkpoint when a previous invocation was
 * killed — on a pool of long-lived workers, each into an ordinary run directory `out/runs/<cell>/seed-<s>` that is
 * byte-identical to `econagent run` with the same options. A failed run does not stop the others. Unsharded, the
 * tables (runs.csv, annual.csv, monthly.csv) are collected at the end.
 *
 * @throws UsageError for an invalid experiment or an `out` that holds another experiment
 * @example
 * const result = await runSweep(readExperiment("top-tax.json"), { out: "sweeps/top-tax", jobs: 2 });
 * result.failed.length; // 0
 */
export async function runSweep(source: ExperimentSource, options: SweepOptions): Promise<SweepResult> {
  const cells = expandCells(source.experiment);
  const all = sweepRuns(cells, source.experiment.seeds);
  const maxCostUsd = options.maxCostUsd ?? null;
  // A budget needs prices for every model the sweep calls: checked before anything is written.
  for (const cell of maxCostUsd === null ? [] : cells) {
    const config = cellConfig(cell, source.experiment.seeds[0]);
    if (callsModel(config)) checkBudgetOptions({ ...config, maxCost: maxCostUsd });
  }
  const dir = claimSweepDirectory(options.out, source, cells.length, all.length);
  const selected = shardRuns(all, options.shard ?? null);
  const requests: RunRequest[] = [];
  let skipped = 0;
  for (const run of selected) {
    const status = runStatus(dir, run);
    if (status === "complete") skipped++;
    else requests.push({ type: "run", index: run.index, out: path.join(dir, run.dir), config: cellConfig(run.cell, run.seed), resume: status !== "missing" });
  }
  const budget = maxCostUsd === null ? null : new SweepBudget(maxCostUsd, all.reduce((sum, run) => sum + spentByRun(path.join(dir, run.dir)).spentUsd, 0));
  const jobs = options.jobs ?? os.availableParallelism();
  let stoppedRuns = 0;
  const progress: SweepProgress = { total: selected.length, skipped, done: 0, failed: 0, elapsedMs: 0 };
  const started = Date.now();
  const failed: SweepResult["failed"] = [];
  const report = () => options.onProgress?.({ ...progress, elapsedMs: Date.now() - started });
  report();
  await runOnPool(
    requests,
    jobs,
    {
      onDone(result) {
        if (budget) budget.finish(result.index, spentByRun(path.join(dir, all[result.index].dir)).spentUsd, result.status === "budget");
        if (result.status === "budget") stoppedRuns++;
        else if (result.status === "complete") progress.done++;
        else {
          progress.failed++;
          failed.push({ run: all[result.index], status: result.status, error: result.error ?? "" });
        }
        report();
      },
      onStatus(_index, status) {
        progress.status = status;
        report();
      },
      ...(budget ? { admit: (request: RunRequest, left: number) => admitUnderBudget(budget, request, left === 0 || jobs === 1) } : {}),
    },
    options.signal,
  );
  failed.sort((a, b) => a.run.index - b.run.index);
  const collected = options.shard ? null : await collectSweep(dir, { format: options.format ?? "csv" });
  const notStarted = selected.length - skipped - progress.done - progress.failed - stoppedRuns;
  return {
    dir, total: selected.length, skipped, completed: progress.done, failed, collected,
    budget: budget && maxCostUsd !== null ? { maxCostUsd, spentUsd: budget.spent, stopped: budget.stopped, stoppedRuns, notStarted } : null,
  };
}

/** A run under the sweep's budget: its estimate and what it has spent decide its cap, or that it does not start. */
async function admitUnderBudget(budget: SweepBudget, request: RunRequest, alone: boolean): Promise<RunRequest | null> {
  if (!callsModel(request.config)) return budget.stopped ? null : request;
  const { monthlyCostUsd } = await estimateRun(request.config);
  const { spentUsd, monthsDone } = spentByRun(request.out);
  const share = budget.admit({ index: request.index, spentUsd, monthsDone, monthlyCostUsd }, alone);
  return share === null ? null : { ...request, budget: share };
}
