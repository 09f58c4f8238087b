import { checkSeries } from "./checkSeries.js";
import { isConstant } from "./isConstant.js";
import { pearson } from "./pearson.js";
import { tTestPValue } from "./tTestPValue.js";
import { autocorrelation } from "./autocorrelation.js";

/** A correlation's effective number of independent pairs and the p-value it implies. */
export interface EffectiveSample {
  /** n / (1 + 2 Σ ρx(k)ρy(k)), clipped to [3, n]; null when either series is constant. */
  n_eff: number | null;
  /** Two-sided p of r from Student's t with n_eff − 2 degrees of freedom; null with n_eff. */
  p_eff: number | null;
}

/**
 * The effective sample size of the correlation of two autocorrelated series (Pyper and Peterman 1998, after
 * Bartlett): n_eff = n / (1 + 2 Σ_{k=1..K} ρx(k)·ρy(k)) with K = floor(n/5) and ρ the sample autocorrelations
 * ({@link autocorrelation}), clipped to [3, n] (positive cross-products shrink it, negative ones are not allowed to
 * inflate it beyond n; a denominator ≤ 0 gives n), and r's two-sided p recomputed with t = r·√((n_eff − 2)/(1 − r²)) on n_eff − 2 degrees of
 * freedom. Two persistent series (ρ(1) ≈ 0.7 each) correlate far more often by chance than n suggests.
 *
 * @see https://doi.org/10.1139/f98-104 (Pyper, B. J. and Peterman, R. M., Can. J. Fish. Aquat. Sci. 55, 2127–2140)
 * @param x first series (finite values)
 * @param y second series, same length, at least 3 pairs
 * @returns {@link EffectiveSample}
 * @throws Error if the lengths differ, there are fewer than 3 pairs, or a value is not finite
 * @example
 * effectiveSampleSize(unemployment, wageInflation); // { n_eff: 7.86, p_eff: 0.17 } for data/runs/aieco-seed1
 */
export function effectiveSampleSize(x: ArrayLike<number>, y: ArrayLike<number>): EffectiveSample {
  checkSeries("effectiveSampleSize", x, y, 3);
  if (isConstant(x) || isConstant(y)) return { n_eff: null, p_eff: null };
  const n = x.length;
  const K = Math.floor(n / 5);
  const rx = autocorrelation(x, K);
  const ry = autocorrelation(y, K);
  let sum = 0;
  for (let k = 1; k <= K; k++) sum += rx[k] * ry[k];
  // A denominator ≤ 0 (strongly negative cross-products) is more information than independence, not less: n.
  const denominator = 1 + 2 * sum;
  const nEff = denominator <= 0 ? n : Math.min(n, Math.max(3, n / denominator));
  const r = pearson(x, y).r as number;
  const p = Math.abs(r) === 1 ? 0 : tTestPValue(r * Math.sqrt((nEff - 2) / (1 - r * r)), nEff - 2);
  return { n_eff: nEff, p_eff: p };
}
