import { checkSeries } from "./checkSeries.js";
import { pearsonR } from "./pearson.js";
import { quantiles } from "./quantile.js";
import type { Rng } from "../rng.js";

/** A moving-block bootstrap percentile interval of a correlation. */
export interface BootstrapInterval {
  /** 2.5 % and 97.5 % quantiles (type 7) of the resampled r; null when no resample defines r. */
  ci95: [number, number] | null;
  /** Block length used. */
  block: number;
  /** Resamples with a defined r (a resample in which x or y is constant has none). */
  draws: number;
}

/**
 * The block length ceil(n^(1/3)), the usual rate for a moving-block bootstrap of a smooth statistic (Hall,
 * Horowitz and Jing 1995); 3 for n = 19.
 * @example
 * bootstrapBlock(19); // => 3
 */
export function bootstrapBlock(n: number): number {
  return Math.ceil(Math.cbrt(n));
}

/**
 * Moving-block bootstrap interval for Pearson's r of two paired series (Künsch 1989): each resample joins
 * ceil(n/b) blocks of b consecutive pairs, whose starts are drawn uniformly from 0..n − b with `rng`, cut to n
 * pairs; r is recomputed on each. Blocks keep the short-run dependence of autocorrelated years that an i.i.d.
 * bootstrap (and the Fisher interval) assumes away. Deterministic for a given rng state.
 *
 * @see https://en.wikipedia.org/wiki/Bootstrapping_(statistics)#Block_bootstrap
 * @param x first series (finite values)
 * @param y second series, same length, at least 3 pairs
 * @param rng the generator (e.g. `createRng(\`${seed}/bootstrap/phillips\`)`); advanced by the draws
 * @param draws number of resamples, default 2,000
 * @param block block length, default {@link bootstrapBlock}(n)
 * @returns {@link BootstrapInterval}
 * @throws Error if the lengths differ, there are fewer than 3 pairs, a value is not finite, or draws/block are
 *   not positive integers (block ≤ n)
 * @example
 * blockBootstrap(unemployment, wageInflation, createRng("1/bootstrap/phillips")).ci95; // e.g. [-0.83, -0.05]
 */
export function blockBootstrap(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  rng: Rng,
  draws = 2000,
  block = bootstrapBlock(x.length),
): BootstrapInterval {
  checkSeries("blockBootstrap", x, y, 3);
  const n = x.length;
  if (!Number.isInteger(draws) || draws < 1) throw new Error(`blockBootstrap: draws must be a positive integer, got ${draws}`);
  if (!Number.isInteger(block) || block < 1 || block > n) {
    throw new Error(`blockBootstrap: block must be an integer in [1, ${n}], got ${block}`);
  }
  const rs: number[] = [];
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let d = 0; d < draws; d++) {
    for (let filled = 0; filled < n; ) {
      const start = rng.int(n - block + 1);
      for (let j = 0; j < block && filled < n; j++, filled++) {
        xs[filled] = x[start + j];
        ys[filled] = y[start + j];
      }
    }
    const r = pearsonR(xs, ys);
    if (r !== null) rs.push(r);
  }
  const ci95 = rs.length === 0 ? null : (quantiles(rs, [0.025, 0.975]) as [number, number]);
  return { ci95, block, draws: rs.length };
}
