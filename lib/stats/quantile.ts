/**
 * Empirical quantile with linear interpolation between order statistics (Hyndman & Fan type 7, the default of
 * R's `quantile` and numpy's `percentile`): h = (n − 1)·p, then x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) on the sorted
 * values. p = 0 is the minimum, p = 1 the maximum, p = 0.5 the median.
 *
 * @see https://en.wikipedia.org/wiki/Quantile#Estimating_quantiles_from_a_sample
 * @param values a non-empty series of finite numbers (not modified)
 * @param p probability in [0, 1]
 * @returns the p-quantile
 * @throws Error if values is empty, a value is not finite, or p is outside [0, 1]
 * @example
 * quantile([4, 1, 3, 2], 0.5); // => 2.5
 * quantile([1, 2, 3, 4, 5], 0.1); // => 1.4
 */
export function quantile(values: ArrayLike<number>, p: number): number {
  return quantiles(values, [p])[0];
}

/**
 * Several {@link quantile}s of the same values, sorting them once (a typed array's native numeric sort).
 * @throws Error as {@link quantile}
 * @example
 * quantiles([4, 1, 3, 2], [0.25, 0.5]); // => [1.75, 2.5]
 */
export function quantiles(values: ArrayLike<number>, ps: readonly number[]): number[] {
  if (values.length === 0) throw new Error("quantile: needs at least one value");
  for (const p of ps) if (!(p >= 0 && p <= 1)) throw new Error(`quantile: p must be in [0, 1], got ${p}`);
  for (let k = 0; k < values.length; k++) if (!Number.isFinite(values[k])) throw new Error(`quantile: values must be finite, got ${values[k]}`);
  const sorted = Float64Array.from(values).sort();
  return ps.map((p) => {
    const h = (sorted.length - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  });
}
