import { quantile } from "../stats/quantile.js";

/** An axis range and the points it leaves out. */
export interface FencedRange {
  range: [number, number];
  /** Indices (into the values given) of the points outside the range. */
  outside: number[];
}

/**
 * An axis range that keeps the bulk of the points readable when one or two are far out (one LEN year's +660 %
 * unemployment growth would otherwise squeeze every other Okun point into a tenth of the panel): the span of the
 * points inside Tukey's fences (k × IQR beyond the quartiles; k = 3 is his "far out"), plus 5 % on each side. The
 * points outside are returned so a figure can say which it clipped; clipping an axis changes no statistic.
 * @example
 * fencedRange([1, 2, 3, 4, 100]); // { range: [0.85, 4.15], outside: [4] }: quartiles 2 and 4, fences −4 and 10
 */
export function fencedRange(values: readonly number[], k = 3): FencedRange {
  const q1 = quantile(values, 0.25);
  const q3 = quantile(values, 0.75);
  const low = q1 - k * (q3 - q1);
  const high = q3 + k * (q3 - q1);
  const inside = values.filter((v) => v >= low && v <= high);
  const min = Math.min(...inside);
  const max = Math.max(...inside);
  const margin = 0.05 * (max - min || 1);
  const outside = values.flatMap((v, i) => (v < low || v > high ? [i] : []));
  return { range: [min - margin, max + margin], outside };
}
