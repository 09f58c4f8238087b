/**
 * One evaluation of an estimation: a parameter vector's run options run on every seed (common random numbers: the
 * same seeds for every vector, so two vectors differ by their parameters, not their luck), in memory, and the named
 * moments of each seed's run.
 */
import { resolveConfig } from "../run/config.js";
import { runSeeds } from "../run/runSeeds.js";
import { momentValues, runMomentData } from "./moments.js";

/** What an evaluation needs: its position, the run options, the seeds and the moments to measure. */
export interface EvaluationRequest {
  index: number;
  options: Record<string, unknown>;
  seeds: (number | string)[];
  moments: string[];
}

/** An evaluation's outcome: each seed's moments (seed-major), or the error that stopped it. */
export interface EvaluationResult {
  index: number;
  perSeed: (number | null)[][];
  error: string | null;
}

/**
 * Run one evaluation in this process.
 *
 * @param request {@link EvaluationRequest}
 * @returns {@link EvaluationResult}; a run that throws gives no moments and its message, not an exception
 * @example
 * await evaluateMoments({ index: 0, options: { policy: "cats", households: 20, months: 48 }, seeds: [1, 2], moments: ["phillips.r"] });
 */
export async function evaluateMoments(request: EvaluationRequest): Promise<EvaluationResult> {
  try {
    const { households } = resolveConfig(request.options, {}, "evaluation options");
    const runs = await runSeeds(request.options, request.seeds);
    const perSeed = runs.map((run) => momentValues(runMomentData(run.annual, run.monthly!, households), request.moments));
    return { index: request.index, perSeed, error: null };
  } catch (error) {
    return { index: request.index, perSeed: [], error: error instanceof Error ? error.message : String(error) };
  }
}
