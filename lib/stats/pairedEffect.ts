import { jStat } from "jstat";
import { createRng } from "../rng.js";
import { mean } from "./mean.js";
import { quantile } from "./quantile.js";

/** The effect of a cell against the reference cell on one statistic, from the seeds both have (common random numbers). */
export interface PairedEffect {
  /** Seeds with a defined value in both cells. */
  n: number;
  /** Mean over seeds of (cell − reference); null when n = 0. */
  mean: number | null;
  /** Sample standard deviation of the differences; null when n < 2. */
  sd: number | null;
  /** mean ± t_{(1+level)/2, n−1} · sd/√n; null when n < 2. */
  tCi: [number, number] | null;
  /** Percentile bootstrap interval of the mean difference (seeds resampled with replacement); null when n < 2. */
  bootstrapCi: [number, number] | null;
}

/** Options of {@link pairedEffect}: confidence level, bootstrap resamples and their seed. */
export interface PairedEffectOptions {
  /** Confidence level, 0.95 by default. */
  level?: number;
  /** Bootstrap resamples, 2000 by default. */
  resamples?: number;
  /** Seed of the bootstrap's own RNG (the same seed gives the same interval). */
  seed?: number;
}

/**
 * The paired-by-seed effect of a cell against a reference: the differences d_s = cell_s − reference_s over the
 * seeds defined in both (in the reference's order), their mean, a t-based interval over seeds and a seeded
 * percentile bootstrap. Seeds are the independent replications here — each seed's statistic summarises a whole
 * run — so the intervals are across-seed evidence, not a per-year test on autocorrelated annual series.
 *
 * @param cell the cell's statistic by seed (null or non-finite = undefined for that seed, skipped)
 * @param reference the reference cell's statistic by seed
 * @example
 * const effect = pairedEffect(new Map([[1, 3], [2, 5], [3, 7], [4, 9], [5, 11]]), new Map([[1, 2], [2, 3], [3, 4], [4, 5], [5, 6]]));
 * effect.mean; // 3 (differences 1, 2, 3, 4, 5)
 * effect.tCi;  // [1.0367…, 4.9632…] = 3 ± 2.776445 · 1.581139/√5
 */
export function pairedEffect(
  cell: ReadonlyMap<number | string, number | null>,
  reference: ReadonlyMap<number | string, number | null>,
  options: PairedEffectOptions = {},
): PairedEffect {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new Error(`pairedEffect: level must be in (0, 1), got ${level}`);
  const differences: number[] = [];
  for (const [seed, ref] of reference) {
    const value = cell.get(seed);
    if (value !== null && value !== undefined && ref !== null && Number.isFinite(value) && Number.isFinite(ref)) differences.push(value - ref);
  }
  const n = differences.length;
  if (n === 0) return { n, mean: null, sd: null, tCi: null, bootstrapCi: null };
  const m = mean(differences);
  if (n < 2) return { n, mean: m, sd: null, tCi: null, bootstrapCi: null };
  let ss = 0;
  for (const d of differences) ss += (d - m) * (d - m);
  const sd = Math.sqrt(ss / (n - 1));
  const half = jStat.studentt.inv((1 + level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { n, mean: m, sd, tCi: [m - half, m + half], bootstrapCi: bootstrapMeanCi(differences, level, options.resamples ?? 2000, options.seed ?? 1) };
}

/**
 * Percentile bootstrap interval of a mean: `resamples` means of n draws with replacement (one seeded RNG), and
 * their (1 − level)/2 and (1 + level)/2 quantiles (type 7).
 *
 * @example
 * bootstrapMeanCi([0, 2], 0.95, 4000, 1); // [0, 2]: the resampled means are 0, 1 or 2
 */
export function bootstrapMeanCi(values: readonly number[], level: number, resamples: number, seed: number): [number, number] {
  if (values.length === 0) throw new Error("bootstrapMeanCi: needs at least one value");
  if (!Number.isInteger(resamples) || resamples < 1) throw new Error(`bootstrapMeanCi: resamples must be a positive integer, got ${resamples}`);
  const rng = createRng(seed);
  const n = values.length;
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += values[rng.int(n)];
    means[b] = sum / n;
  }
  return [quantile(means, (1 - level) / 2), quantile(means, (1 + level) / 2)];
}
