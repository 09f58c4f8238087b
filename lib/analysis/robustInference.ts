import { createRng } from "../rng.js";
import { blockBootstrap, bootstrapBlock, type BootstrapInterval } from "../stats/blockBootstrap.js";
import { effectiveSampleSize } from "../stats/effectiveSampleSize.js";
import { neweyWest, neweyWestLags, type HacSlope } from "../stats/neweyWest.js";
import { spearman, type RankCorrelation } from "../stats/spearman.js";

/**
 * Inference on a correlation of annual series that does not assume independent years (the naive Pearson p does):
 * the rank correlation, the Newey–West test of the OLS slope, the effective sample size and its p, and a
 * moving-block bootstrap interval. Every field is null (or draws 0) when the relation is undefined.
 */
export interface RobustInference {
  spearman: RankCorrelation;
  hac: HacSlope;
  /** Pyper–Peterman effective number of independent years, in [3, n]. */
  n_eff: number | null;
  /** r's two-sided p on n_eff − 2 degrees of freedom. */
  p_eff: number | null;
  bootstrap: BootstrapInterval;
}

/**
 * {@link RobustInference} of the relation between x and y. The bootstrap draws from its own stream,
 * `createRng(\`${seed}/bootstrap/${name}\`)`, so it is deterministic per run seed and independent of the run's draws
 * and of the other relations.
 *
 * @param x the relation's x values (defined years only)
 * @param y its y values
 * @param seed the run's seed
 * @param name the relation ("phillips", "okun", …), which names the bootstrap stream
 * @returns {@link RobustInference}; nulls when fewer than 3 pairs or a constant series
 * @example
 * robustInference(phillips.x, phillips.y, 1, "phillips").p_eff; // 0.17 for data/runs/aieco-seed1
 */
export function robustInference(x: readonly number[], y: readonly number[], seed: number | string, name: string): RobustInference {
  const n = x.length;
  const block = bootstrapBlock(Math.max(1, n));
  if (n < 3) {
    return {
      spearman: { rho: null, p: null },
      hac: { slope: null, se: null, p: null, lags: neweyWestLags(n) },
      n_eff: null,
      p_eff: null,
      bootstrap: { ci95: null, block, draws: 0 },
    };
  }
  const { n_eff, p_eff } = effectiveSampleSize(x, y);
  return {
    spearman: spearman(x, y),
    hac: neweyWest(x, y),
    n_eff,
    p_eff,
    bootstrap: blockBootstrap(x, y, createRng(`${seed}/bootstrap/${name}`)),
  };
}
