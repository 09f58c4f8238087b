import { pearson } from "./pearson.js";

/**
 * Pearson correlation of x at t with y at t + k over the overlapping periods (n − |k| pairs): k > 0 pairs x with
 * later y (y lags x), k < 0 with earlier y (y leads x). The business-cycle convention: with x = output, a peak at
 * k > 0 means the series lags the cycle. `laggedCorrelation(x, x, 1)` is the first-order autocorrelation.
 *
 * @param x the reference series (e.g. the output cycle)
 * @param y the other series, same length
 * @param k the lag, |k| ≤ n − 3
 * @returns r, or null when either overlapping segment is constant
 * @throws Error if the lengths differ, fewer than 3 pairs overlap, or a value is not finite
 * @example
 * laggedCorrelation([1, 2, 3, 4, 5], [0, 1, 2, 3, 5], 1); // => corr([1, 2, 3, 4], [1, 2, 3, 5]) = 0.9827
 */
export function laggedCorrelation(x: ArrayLike<number>, y: ArrayLike<number>, k: number): number | null {
  const n = x.length;
  if (y.length !== n) throw new Error(`laggedCorrelation: x and y must have the same length, got ${n} and ${y.length}`);
  if (!Number.isInteger(k) || n - Math.abs(k) < 3) {
    throw new Error(`laggedCorrelation: the lag must be an integer leaving at least 3 pairs of ${n}, got ${k}`);
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (let t = Math.max(0, -k); t < Math.min(n, n - k); t++) {
    xs.push(x[t]);
    ys.push(y[t + k]);
  }
  return pearson(xs, ys).r;
}

/**
 * Cross-correlations of `y` with `x` at lags −maxLag…+maxLag ({@link laggedCorrelation}), in lag order.
 * @example
 * crossCorrelations(outputCycle, priceCycle, 4); // 9 values: k = −4 … +4
 */
export function crossCorrelations(x: ArrayLike<number>, y: ArrayLike<number>, maxLag: number): (number | null)[] {
  const lags = Array.from({ length: 2 * maxLag + 1 }, (_, i) => i - maxLag);
  return lags.map((k) => laggedCorrelation(x, y, k));
}
