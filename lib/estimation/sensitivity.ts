/**
 * `econagent sensitivity`: a Morris or Sobol' design over the parameters' bounds (lib/estimation/morris.ts,
 * sobolIndices.ts), each point evaluated on every seed (the output is the mean over seeds: common random numbers, so
 * the indices measure the parameters, not seed noise), journaled so an interrupted analysis continues when run again.
 */
import * as path from "node:path";
import { writeFileAtomic } from "../files.js";
import { writeFigureHtml } from "../report/html.js";
import { csvTable } from "../run/csv.js";
import { describeSample } from "../stats/describeSample.js";
import { claimEstimationDirectory } from "./estimationDirectory.js";
import { evaluationOptions, type EstimationSource, type SensitivityProblem } from "./estimationFile.js";
import { EvaluationPool } from "./evaluationPool.js";
import { indicesFigure } from "./figures.js";
import type { IndexRow } from "./results.js";

export type { IndexRow } from "./results.js";
import { openJournal } from "./journal.js";
import { morrisIndices, morrisSample } from "./morris.js";
import { saltelliSample, sobolIndices } from "./sobolIndices.js";

/**
 * The files a sensitivity analysis writes into its directory (besides the marker and the input's copy).
 * @example
 * path.join(dir, SENSITIVITY_FILES.indices); // "<dir>/indices.csv"
 */
export const SENSITIVITY_FILES = { journal: "evaluations.jsonl", design: "design.csv", indices: "indices.csv", figure: "figures/indices.html" } as const;

/** The outcome: the directory, whether every evaluation is done, the indices, and outputs left undefined by some point. */
export interface SensitivityResult {
  dir: string;
  complete: boolean;
  evaluations: number;
  rows: IndexRow[];
  /** Outputs with no indices because a point of the design left them undefined (or its runs failed). */
  undefinedOutputs: string[];
}

/** Progress: evaluations done of the design's. */
export interface SensitivityProgress {
  done: number;
  total: number;
  elapsedMs: number;
}

/**
 * Run (or continue) a sensitivity analysis into `out`: design.csv (every point with each output's mean over seeds),
 * indices.csv and figures/indices.html.
 *
 * @param source the sensitivity file (`readEstimation(file, "sensitivity")`)
 * @param options output directory, worker processes (1: in this process), progress, stop signal
 * @throws UsageError for an `out` holding something else
 * @example
 * const result = await runSensitivity(readEstimation("sens.json", "sensitivity"), { out: "out/sens", jobs: 2 });
 * result.rows.filter((r) => r.output === "price_level.relative_sd"); // one row per parameter
 */
export async function runSensitivity(
  source: EstimationSource<SensitivityProblem>,
  options: { out: string; jobs: number; onProgress?: (p: SensitivityProgress) => void; signal?: AbortSignal },
): Promise<SensitivityResult> {
  const problem = source.problem;
  const dir = claimEstimationDirectory(options.out, source);
  const journal = openJournal(path.join(dir, SENSITIVITY_FILES.journal));
  const bounds = problem.parameters.map((p): [number, number] => [p.low, p.high]);
  const design = problem.method === "sobol" ? saltelliSample(bounds, problem.samples, problem.seed) : morrisSample(bounds, problem.samples, problem.seed);
  const started = Date.now();
  const report = () => options.onProgress?.({ done: journal.entries.size, total: design.length, elapsedMs: Date.now() - started });
  report();
  const requests = design
    .map((values, index) => ({ index, options: evaluationOptions(problem, values), seeds: problem.seeds, moments: problem.outputs }))
    .filter((r) => !journal.entries.has(r.index));
  const pool = new EvaluationPool(options.jobs);
  try {
    await pool.run(requests, (result) => {
      journal.append({ ...result, batch: 0, sampler: problem.method, values: design[result.index] });
      report();
    }, options.signal);
  } finally {
    pool.close();
  }
  const complete = design.every((_, k) => journal.entries.has(k));
  const result: SensitivityResult = { dir, complete, evaluations: journal.entries.size, rows: [], undefinedOutputs: [] };
  if (!complete) return result;
  const y = problem.outputs.map((_, j) => design.map((_, k) => describeSample(journal.entries.get(k)!.perSeed.map((s) => s[j])).mean));
  const names = problem.parameters.map((p) => p.name);
  writeFileAtomic(
    path.join(dir, SENSITIVITY_FILES.design),
    csvTable(["evaluation", ...names, ...problem.outputs, "error"], design.map((values, k) => ({
      evaluation: k, ...Object.fromEntries(names.map((n, i) => [n, values[i]])), ...Object.fromEntries(problem.outputs.map((o, j) => [o, y[j][k]])), error: journal.entries.get(k)!.error,
    }))),
  );
  problem.outputs.forEach((output, j) => {
    const values = y[j];
    if (values.some((v) => v === null)) {
      result.undefinedOutputs.push(output);
      return;
    }
    const defined = values as number[];
    if (problem.method === "sobol") {
      // An output that does not vary over the design has no variance to apportion: every index is 0.
      const constant = defined.every((v) => v === defined[0]);
      const indices = constant ? names.map(() => ({ S1: 0, S1_conf: 0, ST: 0, ST_conf: 0 })) : sobolIndices(defined, names.length, problem.seed);
      indices.forEach((index, i) => result.rows.push({ output, parameter: names[i], ...index }));
    } else {
      morrisIndices(design, defined, bounds, problem.seed).forEach((index, i) =>
        result.rows.push({ output, parameter: names[i], mu_star: index.mu_star, mu_star_conf: index.mu_star_conf, sigma: index.sigma }),
      );
    }
  });
  const columns = problem.method === "sobol" ? (["output", "parameter", "S1", "S1_conf", "ST", "ST_conf"] as const) : (["output", "parameter", "mu_star", "mu_star_conf", "sigma"] as const);
  writeFileAtomic(path.join(dir, SENSITIVITY_FILES.indices), csvTable(columns, result.rows));
  writeFigureHtml(indicesFigure(result.rows, problem.method, problem.name), path.join(dir, SENSITIVITY_FILES.figure));
  return result;
}
