import * as fs from "node:fs";
import * as path from "node:path";
import { readManifest } from "../run/manifest.js";
import { RUN_FILES } from "../run/runDirectory.js";

/**
 * What a run directory has spent on model calls so far (its manifest's call accounting, resumed parts included)
 * and how many months it has completed; nothing for a run not started.
 * @example
 * spentByRun("sweeps/paper-llm/runs/full/seed-1"); // { spentUsd: 1.52, monthsDone: 60 }
 */
export function spentByRun(dir: string): { spentUsd: number; monthsDone: number } {
  if (!fs.existsSync(path.join(dir, RUN_FILES.manifest))) return { spentUsd: 0, monthsDone: 0 };
  const manifest = readManifest(dir, "sweep run");
  const model = manifest.households_model as { accounting?: { estimated_cost_usd?: number } } | undefined;
  const counts = manifest.counts as { months_completed?: number } | undefined;
  return { spentUsd: model?.accounting?.estimated_cost_usd ?? 0, monthsDone: counts?.months_completed ?? 0 };
}

/**
 * A run that may spend, as the sweep's budget sees it when it would start: what it spent in earlier invocations,
 * the months it has done, and its estimated cost per month (lib/run/estimate.ts).
 */
export interface BudgetedRun {
  index: number;
  spentUsd: number;
  monthsDone: number;
  monthlyCostUsd: readonly number[];
}

/**
 * More than a run's estimate it may spend when other runs could use the rest (estimates are within ~10 %).
 * @example
 * Math.min(available, remainingEstimate * RUN_HEADROOM); // a run's share while others wait
 */
export const RUN_HEADROOM = 1.25;

/**
 * `econagent sweep --max-cost USD`: one budget for every run of the sweep, this invocation's and earlier ones'.
 * Each run that may spend gets its own hard cap (lib/run/budget.ts, checked at its month boundaries) carved out of
 * what is left — spent so far by every run, minus the caps of the runs in flight — so the caps in flight never add
 * up to more than the budget and the sweep never spends past it. A run's cap is its estimated remaining cost ×
 * {@link RUN_HEADROOM} (all that is left when it runs alone); a run whose next month would not fit is not started,
 * and the sweep starts nothing after the first run the budget stopped. Projections scale the estimate up by a
 * run's overrun so far, never down, as a single run's budget does.
 * @example
 * const budget = new SweepBudget(50, 12.5); // $50 for the sweep, $12.50 spent by earlier invocations
 * budget.admit(run, false); // { maxCostUsd: 8.1, … } or null: stop starting runs
 * budget.finish(run.index, 7.9);
 */
export class SweepBudget {
  private readonly inFlight = new Map<number, { spentAtStart: number; capUsd: number }>();
  /** The first run the budget did not let start (or stopped), once there is one. */
  stopped = false;

  constructor(
    readonly maxCostUsd: number,
    /** Spent by every run of the sweep so far (their manifests). */
    private spentUsd: number,
  ) {}

  /** Spent by the sweep's runs, those in flight as of their start. */
  get spent(): number {
    return this.spentUsd;
  }

  /** What is neither spent nor promised to a run in flight. */
  private available(): number {
    let promised = 0;
    for (const r of this.inFlight.values()) promised += r.capUsd - r.spentAtStart;
    return this.maxCostUsd - this.spentUsd - promised;
  }

  /**
   * Start `run` under a cap, or null (then nothing more starts): `alone` when no other run could use what this one
   * leaves (one worker, or the last run).
   */
  admit(run: BudgetedRun, alone: boolean): { maxCostUsd: number; monthlyCostUsd: readonly number[] } | null {
    if (this.stopped) return null;
    const { monthlyCostUsd: monthly, monthsDone, spentUsd } = run;
    if (monthsDone >= monthly.length) return { maxCostUsd: spentUsd + Math.max(0, this.available()), monthlyCostUsd: monthly };
    const estimatedSoFar = monthly.slice(0, monthsDone).reduce((a, b) => a + b, 0);
    const overrun = estimatedSoFar > 0 ? Math.max(1, spentUsd / estimatedSoFar) : 1;
    const next = monthly[monthsDone] * overrun;
    const remaining = monthly.slice(monthsDone).reduce((a, b) => a + b, 0) * overrun;
    const available = this.available();
    if (available < next) {
      this.stopped = true;
      return null;
    }
    const capUsd = spentUsd + (alone ? available : Math.min(available, Math.max(next, remaining * RUN_HEADROOM)));
    this.inFlight.set(run.index, { spentAtStart: spentUsd, capUsd });
    return { maxCostUsd: capUsd, monthlyCostUsd: monthly };
  }

  /** A run ended (complete, stopped by its cap, failed): what it has spent in all now counts, its cap is released. */
  finish(index: number, spentNowUsd: number, stoppedByBudget: boolean): void {
    const r = this.inFlight.get(index);
    if (!r) return;
    this.inFlight.delete(index);
    this.spentUsd += spentNowUsd - r.spentAtStart;
    if (stoppedByBudget) this.stopped = true;
  }
}
