/**
 * `econagent calibrate`: the method of simulated moments over a budget of evaluations (docs/estimation.md). Batches
 * are proposed by lib/estimation/search.ts, evaluated on the pool (lib/estimation/evaluationPool.ts) and journaled;
 * after every batch calibration.csv and best.json are rewritten from the journal, so a calibration killed at any
 * point and run again continues where it stopped and ends with the same files as one never interrupted.
 */
import * as path from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../files.js";
import { csvTable } from "../run/csv.js";
import { describeSample } from "../stats/describeSample.js";
import { evaluationOptions, type CalibrationProblem, type EstimationSource } from "./estimationFile.js";
import { claimEstimationDirectory } from "./estimationDirectory.js";
import { EvaluationPool } from "./evaluationPool.js";
import { openJournal, type JournalEntry } from "./journal.js";
import { momentValues, momentVariances, usMomentData } from "./moments.js";
import { CHI2_95_1, momentWeights, msmLoss } from "./msmLoss.js";
import { haltonProposals, profileProposals, PROFILE_POINTS, searchProposals, type Proposal } from "./search.js";
import { UsageError } from "../errors.js";
import { writeFigureHtml } from "../report/html.js";
import { lossFigure, momentFitFigure, profileFigure } from "./figures.js";
import type { CalibrationBest, Profile } from "./results.js";

export type { CalibrationBest, Profile } from "./results.js";

/**
 * The files a calibration writes into its directory (besides the marker and the input's copy).
 * @example
 * path.join(dir, CALIBRATION_FILES.best); // "<dir>/best.json"
 */
export const CALIBRATION_FILES = { journal: "evaluations.jsonl", table: "calibration.csv", best: "best.json", figures: "figures" } as const;

/** Progress of a calibration: evaluations done of the total (search + profile) and the best loss so far. */
export interface CalibrationProgress {
  done: number;
  total: number;
  batch: number;
  bestLoss: number | null;
  elapsedMs: number;
}

/** Where a calibration writes, on how many workers, whom it tells its progress, what stops it. */
export interface CalibrationOptions {
  /** The output directory. */
  out: string;
  /** Worker processes (1: in this process). */
  jobs: number;
  /** Called after each evaluation with the progress so far. */
  onProgress?: (progress: CalibrationProgress) => void;
  /** Stops the calibration between evaluations (it continues when run again). */
  signal?: AbortSignal;
}

/** A calibration's outcome: its directory, whether every evaluation is done, best.json's content. */
export interface CalibrationResult {
  dir: string;
  complete: boolean;
  best: CalibrationBest;
  evaluated: number;
}

/** Each moment averaged over the seeds that define it; null where none does (or the evaluation failed). */
function meanMoments(entry: JournalEntry, count: number): (number | null)[] {
  return Array.from({ length: count }, (_, j) => describeSample(entry.perSeed.map((s) => s[j])).mean);
}

/** The across-seed variance of each moment, averaged over the evaluations given (those that define it on ≥ 2 seeds). */
function pooledSeedVariance(entries: readonly JournalEntry[], count: number): number[] {
  return Array.from({ length: count }, (_, j) => {
    const variances = entries.map((e) => describeSample(e.perSeed.map((s) => s[j])).sd).filter((sd): sd is number => sd !== null).map((sd) => sd * sd);
    return variances.length === 0 ? 0 : variances.reduce((a, b) => a + b, 0) / variances.length;
  });
}

/**
 * Run (or continue) a calibration into `options.out`.
 *
 * @param source the calibration file (`readEstimation(file, "calibrate")`)
 * @param options output directory, jobs, progress, stop signal
 * @returns the directory, whether every evaluation is done, and best.json's content
 * @throws UsageError for an `out` holding something else, or US targets the data leave undefined
 * @example
 * const result = await runCalibration(readEstimation("cal.json", "calibrate"), { out: "out/cal", jobs: 2 });
 * result.best.parameters; // { wageAdjustment: 0.06, priceAdjustment: 0.12 }
 */
export async function runCalibration(source: EstimationSource<CalibrationProblem>, options: CalibrationOptions): Promise<CalibrationResult> {
  const problem = source.problem;
  const dir = claimEstimationDirectory(options.out, source);
  const journal = openJournal(path.join(dir, CALIBRATION_FILES.journal));
  const names = problem.moments;
  const us = problem.targets === null ? usMomentData() : null;
  const targetValues = us ? momentValues(us, names) : problem.targets!;
  const missing = names.find((_, j) => targetValues[j] === null);
  if (missing) throw new UsageError("moments", missing, "a moment the US data define");
  const targets = targetValues as number[];
  const targetVariance = us ? momentVariances(us, names, problem.seed) : names.map(() => 0);
  const { evaluations, batch } = problem.budget;
  const searchBatches = Math.ceil(evaluations / batch);
  const startBatches = Math.max(1, Math.round(0.25 * searchBatches));
  const total = evaluations + problem.parameters.length * PROFILE_POINTS;
  const started = Date.now();
  let weights: number[] | null = null;
  // Each entry's loss once W is fixed: the best so far is asked for after every evaluation, over every entry.
  const losses = new Map<JournalEntry, ReturnType<typeof msmLoss>>();
  const lossOf = (e: JournalEntry) => {
    if (!weights || e.error !== null) return null;
    if (!losses.has(e)) losses.set(e, msmLoss(meanMoments(e, names.length), targets, weights));
    return losses.get(e)!;
  };
  const ordered = () => [...journal.entries.values()].sort((a, b) => a.index - b.index);
  const searchDone = () => ordered().filter((e) => e.index < evaluations);
  const bestOf = () => {
    let best: JournalEntry | null = null;
    let bestLoss = Infinity;
    for (const e of searchDone()) {
      const loss = lossOf(e);
      if (loss !== null && loss < bestLoss) [best, bestLoss] = [e, loss];
    }
    return best;
  };
  const progress = (b: number) => {
    const best = bestOf();
    options.onProgress?.({ done: journal.entries.size, total, batch: b, bestLoss: best ? lossOf(best) : null, elapsedMs: Date.now() - started });
  };
  const pool = new EvaluationPool(options.jobs);
  const runBatch = async (b: number, first: number, proposals: Proposal[]): Promise<boolean> => {
    const requests = proposals
      .map((p, k) => ({ index: first + k, options: evaluationOptions(problem, p.values), seeds: problem.seeds, moments: names, proposal: p }))
      .filter((r) => {
        const done = journal.entries.get(r.index);
        if (done && done.values.some((v, k) => v !== r.proposal.values[k])) {
          throw new UsageError("--out", options.out, `a calibration of this file and code (evaluation ${r.index} in ${CALIBRATION_FILES.journal} was run at other parameters)`);
        }
        return !done;
      });
    progress(b);
    await pool.run(
      requests.map(({ proposal: _, ...r }) => r),
      (result) => {
        const r = requests.find((q) => q.index === result.index)!;
        journal.append({ ...result, batch: b, sampler: r.proposal.sampler, values: r.proposal.values });
        progress(b);
      },
      options.signal,
    );
    return proposals.every((_, k) => journal.entries.has(first + k));
  };
  const write = () => writeOutputs(dir, problem, ordered(), targets, targetVariance, weights, lossOf, bestOf());
  try {
    for (let b = 0; b < searchBatches; b++) {
      const first = b * batch;
      const size = Math.min(batch, evaluations - first);
      const proposals =
        b < startBatches
          ? haltonProposals(problem.parameters, first, size, problem.seed)
          : searchProposals(problem.parameters, searchDone().filter((e) => e.index < first).map((e) => ({ values: e.values, loss: lossOf(e) })), b, b - startBatches, first, size, problem.seed);
      if (!(await runBatch(b, first, proposals))) return { dir, complete: false, best: write(), evaluated: journal.entries.size };
      // W is fixed once, from the start batch's across-seed variances, so every evaluation is scored by the same loss.
      if (b === 0) weights = momentWeights(targetVariance, pooledSeedVariance(searchDone().filter((e) => e.batch === 0), names.length), problem.seeds.length);
      write();
    }
    const best = bestOf();
    if (best) {
      const complete = await runBatch(searchBatches, evaluations, profileProposals(problem.parameters, best.values));
      return { dir, complete, best: write(), evaluated: journal.entries.size };
    }
    return { dir, complete: true, best: write(), evaluated: journal.entries.size };
  } finally {
    pool.close();
  }
}

function profiles(problem: CalibrationProblem, entries: readonly JournalEntry[], lossOf: (e: JournalEntry) => number | null): Profile[] {
  const evaluations = problem.budget.evaluations;
  return problem.parameters.map((p, k) => {
    const points = entries.filter((e) => e.index >= evaluations + PROFILE_POINTS * k && e.index < evaluations + PROFILE_POINTS * (k + 1));
    const losses = points.map(lossOf);
    const defined = losses.filter((l): l is number => l !== null);
    if (points.length < PROFILE_POINTS || defined.length === 0) return { parameter: p.name, values: points.map((e) => e.values[k]), losses, rise: null, identified: false, within: null };
    const low = Math.min(...defined);
    const inside = points.filter((_, i) => losses[i] !== null && losses[i]! <= low + CHI2_95_1).map((e) => e.values[k]);
    const rise = Math.max(...defined) - low;
    return { parameter: p.name, values: points.map((e) => e.values[k]), losses, rise, identified: rise >= CHI2_95_1, within: [Math.min(...inside), Math.max(...inside)] };
  });
}

function writeOutputs(
  dir: string,
  problem: CalibrationProblem,
  entries: readonly JournalEntry[],
  targets: readonly number[],
  targetVariance: readonly number[],
  weights: readonly number[] | null,
  lossOf: (e: JournalEntry) => number | null,
  best: JournalEntry | null,
): CalibrationBest {
  const names = problem.moments;
  const parameterNames = problem.parameters.map((p) => p.name);
  const columns = ["evaluation", "batch", "sampler", ...parameterNames, ...names, "loss", "error"];
  const rows = entries.map((e) => {
    const means = meanMoments(e, names.length);
    return {
      evaluation: e.index, batch: e.batch, sampler: e.sampler,
      ...Object.fromEntries(parameterNames.map((n, k) => [n, e.values[k]])),
      ...Object.fromEntries(names.map((n, j) => [n, means[j]])),
      loss: lossOf(e), error: e.error,
    };
  });
  writeFileAtomic(path.join(dir, CALIBRATION_FILES.table), csvTable(columns, rows));
  const w = weights ?? names.map(() => 0);
  const means = best ? meanMoments(best, names.length) : names.map(() => null);
  const content: CalibrationBest = {
    name: problem.name,
    evaluations: entries.length,
    evaluation: best?.index ?? null,
    sampler: best?.sampler ?? null,
    loss: best ? lossOf(best) : null,
    parameters: best ? Object.fromEntries(parameterNames.map((n, k) => [n, best.values[k]])) : {},
    moments: names.map((name, j) => ({
      name,
      target: targets[j],
      simulated: means[j],
      seeds_sd: best ? describeSample(best.perSeed.map((s) => s[j])).sd : null,
      weight: w[j],
      contribution: means[j] === null ? null : w[j] * (means[j]! - targets[j]) ** 2,
    })),
    weights: Object.fromEntries(names.map((n, j) => [n, w[j]])),
    weighting: `W = diag(1 / (target variance + across-seed variance / ${problem.seeds.length} seeds)); target variance ${problem.targets === null ? "by a moving-block bootstrap of the US series" : "0 (targets given as numbers)"} (${targetVariance.map((v) => v.toPrecision(3)).join(", ")}); across-seed variance pooled over the start batch`,
    profiles: profiles(problem, entries, lossOf),
  };
  writeJsonAtomic(path.join(dir, CALIBRATION_FILES.best), content);
  const figures = path.join(dir, CALIBRATION_FILES.figures);
  writeFigureHtml(lossFigure(rows, problem.name), path.join(figures, "loss.html"));
  writeFigureHtml(momentFitFigure(content), path.join(figures, "moment-fit.html"));
  writeFigureHtml(profileFigure(content), path.join(figures, "profiles.html"));
  return content;
}
