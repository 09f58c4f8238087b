import { pearson } from "./pearson.js";
import { checkSeries } from "./checkSeries.js";

/** Spearman's rank correlation with its two-sided p-value; null when either series is constant. */
export interface RankCorrelation {
  rho: number | null;
  p: number | null;
}

/**
 * Ranks 1..n of a series, ties sharing their average rank (scipy's `rankdata(method="average")`).
 * @example
 * ranks([10, 30, 20, 20]); // => [1, 4, 2.5, 2.5]
 */
export function ranks(values: ArrayLike<number>): number[] {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const out = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]] === values[order[start]]) end++;
    for (let j = start; j <= end; j++) out[order[j]] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return out;
}

/**
 * Spearman's ρ: Pearson's r of the ranks, robust to outliers and to any monotone transformation of either
 * series; p from Student's t with n − 2 degrees of freedom on the ranks, exactly as scipy's `spearmanr`.
 *
 * @see https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.spearmanr.html
 * @param x first series (finite values)
 * @param y second series, same length, at least 3 pairs
 * @returns {@link RankCorrelation}
 * @throws Error if the lengths differ, there are fewer than 3 pairs, or a value is not finite
 * @example
 * spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]); // => { rho: 0.8207826816681233, p: 0.0885870053135438 }
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): RankCorrelation {
  checkSeries("spearman", x, y, 3);
  const { r, p } = pearson(ranks(x), ranks(y));
  return { rho: r, p };
}
