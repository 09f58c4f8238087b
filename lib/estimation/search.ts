/**
 * Where a calibration evaluates next (black-it's scheme of mixing samplers batch by batch): a space-filling start
 * (scrambled Halton), then batches of which half are proposed by a random-forest surrogate of the loss (the lowest
 * predicted losses among fresh Halton candidates, kept apart from each other and from points already run) and half
 * are local Gaussian steps around the three best points with a step that shrinks batch by batch. Every choice is
 * a function of the seed and the losses so far, so the same file gives the same evaluations.
 */
import { createRng, type Rng } from "../rng.js";
import type { Parameter } from "./estimationFile.js";
import { halton } from "./halton.js";

/** The part of ml-random-forest's regression forest the surrogate uses. */
interface Forest {
  train(x: number[][], y: number[]): void;
  predict(x: number[][]): number[];
}
type ForestOptions = { nEstimators: number; maxFeatures: number; replacement: boolean; useSampleBagging: boolean; noOOB: boolean; seed: number };

/** ml-random-forest, loaded when the first surrogate batch is proposed (not by every command that loads this file). */
const forestLibrary = () => require("ml-random-forest") as { RandomForestRegression: new (options: ForestOptions) => Forest };

/** How an evaluation's parameters were chosen. */
export type Sampler = "halton" | "surrogate" | "local" | "profile";

/** A point to evaluate: its parameter values (integers rounded) and its sampler. */
export interface Proposal {
  sampler: Sampler;
  values: number[];
}

/** An evaluated point the search learns from: its values and its loss (null: undefined). */
export interface Scored {
  values: readonly number[];
  loss: number | null;
}

/**
 * Candidates the surrogate scores per batch.
 * @example
 * halton(SURROGATE_CANDIDATES, 2, "1/candidates/3").length; // 512
 */
export const SURROGATE_CANDIDATES = 512;
/**
 * Points along each parameter in the identification profile.
 * @example
 * profileProposals(parameters, best).length; // parameters.length * PROFILE_POINTS
 */
export const PROFILE_POINTS = 9;

const toUnit = (values: readonly number[], parameters: readonly Parameter[]) => values.map((v, k) => (v - parameters[k].low) / (parameters[k].high - parameters[k].low));
const fromUnit = (unit: readonly number[], parameters: readonly Parameter[]) =>
  unit.map((u, k) => {
    const p = parameters[k];
    const v = p.low + Math.min(1, Math.max(0, u)) * (p.high - p.low);
    return p.integer ? Math.round(v) : v;
  });
const distance = (a: readonly number[], b: readonly number[]) => Math.sqrt(a.reduce((s, v, k) => s + (v - b[k]) ** 2, 0) / a.length);

/** A standard normal draw (Box–Muller). */
function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * The start: points `first` … `first + count − 1` of the scrambled Halton sequence, on the bounds.
 * @example
 * haltonProposals(parameters, 0, 16, 1).length; // 16
 */
export function haltonProposals(parameters: readonly Parameter[], first: number, count: number, seed: number): Proposal[] {
  return halton(count, parameters.length, seed, 1 + first).map((unit) => ({ sampler: "halton", values: fromUnit(unit, parameters) }));
}

/**
 * A batch after the start: ceil(size/2) surrogate proposals and the rest local steps around the best points; all
 * Halton while fewer than 4 points have a defined loss (nothing to learn from yet).
 *
 * @param parameters the parameters
 * @param scored every evaluated point so far (search points only)
 * @param batch the batch's number (seeds its randomness)
 * @param sinceStart batches since the start ended (the local step is 0.2 · 0.75^sinceStart of each range, at least 0.01)
 * @param first the index of the batch's first evaluation (for the Halton fallback)
 * @param size evaluations in the batch
 * @param seed the calibration's seed
 * @example
 * searchProposals(parameters, scored, 5, 2, 80, 16, 1).map((p) => p.sampler); // 8 × "surrogate", 8 × "local"
 */
export function searchProposals(
  parameters: readonly Parameter[],
  scored: readonly Scored[],
  batch: number,
  sinceStart: number,
  first: number,
  size: number,
  seed: number,
): Proposal[] {
  const known = scored.filter((s): s is { values: number[]; loss: number } => s.loss !== null && Number.isFinite(s.loss));
  if (known.length < 4) return haltonProposals(parameters, first, size, seed);
  const d = parameters.length;
  const units = known.map((s) => toUnit(s.values, parameters));
  const forest = new (forestLibrary().RandomForestRegression)({
    nEstimators: 50, maxFeatures: d, replacement: false, useSampleBagging: true, noOOB: true, seed: 1 + Math.abs((seed * 7919 + batch) % 2 ** 30),
  });
  // The loss spans orders of magnitude; the forest learns its logarithm so the region near the minimum is resolved.
  forest.train(units, known.map((s) => Math.log1p(s.loss)));
  const candidates = halton(SURROGATE_CANDIDATES, d, `${seed}/candidates/${batch}`);
  const predicted = forest.predict(candidates);
  const order = candidates.map((_, k) => k).sort((a, b) => predicted[a] - predicted[b] || a - b);
  const taken: number[][] = [...units];
  const proposals: Proposal[] = [];
  const surrogate = Math.ceil(size / 2);
  for (const k of order) {
    if (proposals.length === surrogate) break;
    // A candidate next to a point already run or chosen would spend an evaluation learning nothing new.
    if (taken.some((u) => distance(u, candidates[k]) < 0.02)) continue;
    taken.push(candidates[k]);
    proposals.push({ sampler: "surrogate", values: fromUnit(candidates[k], parameters) });
  }
  const ranked = known.map((s, k) => ({ unit: units[k], loss: s.loss, k })).sort((a, b) => a.loss - b.loss || a.k - b.k).slice(0, 3);
  const rng = createRng(`${seed}/local/${batch}`);
  const step = Math.max(0.01, 0.2 * 0.75 ** sinceStart);
  while (proposals.length < size) {
    const centre = ranked[(proposals.length - surrogate) % ranked.length].unit;
    proposals.push({ sampler: "local", values: fromUnit(centre.map((u) => u + step * gaussian(rng)), parameters) });
  }
  return proposals;
}

/**
 * The identification profile: for each parameter in turn, {@link PROFILE_POINTS} values evenly spaced over its
 * bounds with every other parameter at the best point.
 * @example
 * profileProposals(parameters, [0.05, 0.1]).length; // 2 × 9
 */
export function profileProposals(parameters: readonly Parameter[], best: readonly number[]): Proposal[] {
  return parameters.flatMap((p, k) =>
    Array.from({ length: PROFILE_POINTS }, (_, i) => {
      const values = [...best];
      const v = p.low + (i / (PROFILE_POINTS - 1)) * (p.high - p.low);
      values[k] = p.integer ? Math.round(v) : v;
      return { sampler: "profile" as const, values };
    }),
  );
}
