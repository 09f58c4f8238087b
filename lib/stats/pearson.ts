import { checkSeries } from "./checkSeries.js";
import { fisherCi } from "./fisherCi.js";
import { isConstant } from "./isConstant.js";
import { mean } from "./mean.js";
import { tTestPValue } from "./tTestPValue.js";

/** A Pearson correlation with its test and interval; r, p and ci95 are null when r is undefined. */
export interface Correlation {
  /** Pearson's r in [−1, 1], or null when either series is constant. */
  r: number | null;
  /** Two-sided p-value of H0: ρ = 0 from Student's t with n − 2 degrees of freedom, or null with r. */
  p: number | null;
  /** Number of pairs. */
  n: number;
  /** 95% interval by Fisher's z; null when r is null or n ≤ 3. */
  ci95: [number, number] | null;
}

/**
 * Pearson's product-moment correlation of two paired series, with the two-sided t-test of zero correlation
 * (t = r·√((n − 2)/(1 − r²)), n − 2 degrees of freedom; |r| = 1 gives p = 0) and a 95% Fisher-z interval.
 *
 * A constant series has no correlation: r, p and ci95 are then null rather than an error, because a
 * perfectly stable economy (say, unemployment fixed by policy) is a legitimate result, not bad input.
 *
 * @see https://en.wikipedia.org/wiki/Pearson_correlation_coefficient
 * @param x first series (number[] or Float64Array); finite values only
 * @param y second series, same length
 * @returns {@link Correlation}
 * @throws Error if the lengths differ, there are fewer than 3 pairs, or a value is not finite
 * @example
 * pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);
 * // => { r: 0.7745966692414834, p: 0.1240270626..., n: 5, ci95: [-0.3400820351875105, 0.9842357551507267] }
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): Correlation {
  checkSeries("pearson", x, y, 3);
  const n = x.length;
  const r = pearsonR(x, y);
  if (r === null) return { r: null, p: null, n, ci95: null };
  const p = Math.abs(r) === 1 ? 0 : tTestPValue(r * Math.sqrt((n - 2) / (1 - r * r)), n - 2);
  return { r, p, n, ci95: fisherCi(r, n) };
}

/**
 * Pearson's r alone (null when either series is constant), the same arithmetic as {@link pearson} without its test
 * and interval: what a bootstrap needs 2,000 times per relation (their p-values and intervals were most of a
 * small run's analysis time). The series are not checked: pass paired, finite series of at least 3 values.
 * @example
 * pearsonR([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]); // => 0.7745966692414834
 */
export function pearsonR(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  if (isConstant(x) || isConstant(y)) return null;
  const n = x.length;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // Rounding can push |r| a hair past 1 for perfectly collinear data.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}
