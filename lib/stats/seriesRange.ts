/** Range and mean of a series' defined values; all null when none is defined. */
export interface SeriesRange {
  min: number | null;
  max: number | null;
  mean: number | null;
}

/**
 * Minimum, maximum and mean over the finite values of a series, skipping null (undefined years), NaN and
 * ±Infinity. A series with no defined value (e.g. inflation in a one-year run) gives all nulls.
 *
 * @param values the series
 * @returns {@link SeriesRange}, keys in the order min, max, mean
 * @example
 * seriesRange([null, 0.02, -0.01, 0.05]); // => { min: -0.01, max: 0.05, mean: 0.02 }
 */
export function seriesRange(values: ArrayLike<number | null>): SeriesRange {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || !Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    n++;
  }
  if (n === 0) return { min: null, max: null, mean: null };
  return { min, max, mean: sum / n };
}
