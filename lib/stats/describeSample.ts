import { mean } from "./mean.js";
import { quantiles } from "./quantile.js";

/** Location and spread of a sample (e.g. one statistic over seeds); every field but n and missing is null when n = 0. */
export interface SampleDescription {
  /** Number of defined values. */
  n: number;
  /** Number of null or non-finite values skipped (e.g. a correlation undefined for a constant series). */
  missing: number;
  mean: number | null;
  /** Sample standard deviation (n − 1 denominator); null when n < 2. */
  sd: number | null;
  min: number | null;
  /** 10% quantile (type 7). */
  q10: number | null;
  median: number | null;
  /** 90% quantile (type 7). */
  q90: number | null;
  max: number | null;
}

/**
 * Describes a sample: count, mean, standard deviation, minimum, 10/50/90% quantiles and maximum of its defined
 * values. Used to summarise a statistic across seeds, where a null (an undefined r) is counted, not dropped silently.
 *
 * @param values the sample; null, NaN and ±Infinity are skipped and counted in `missing`
 * @returns {@link SampleDescription}
 * @example
 * describeSample([1, 2, null, 3, 4, 5]);
 * // => { n: 5, missing: 1, mean: 3, sd: 1.5811…, min: 1, q10: 1.4, median: 3, q90: 4.6, max: 5 }
 */
export function describeSample(values: ArrayLike<number | null>): SampleDescription {
  const defined: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && Number.isFinite(v)) defined.push(v);
  }
  const n = defined.length;
  const missing = values.length - n;
  if (n === 0) return { n, missing, mean: null, sd: null, min: null, q10: null, median: null, q90: null, max: null };
  const m = mean(defined);
  let ss = 0;
  for (const v of defined) ss += (v - m) * (v - m);
  const [min, q10, median, q90, max] = quantiles(defined, [0, 0.1, 0.5, 0.9, 1]);
  return {
    n,
    missing,
    mean: m,
    sd: n < 2 ? null : Math.sqrt(ss / (n - 1)),
    min,
    q10,
    median,
    q90,
    max,
  };
}
