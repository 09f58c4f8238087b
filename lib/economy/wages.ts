import { jStat } from "jstat";
import { incompleteBeta } from "../stats/incompleteBeta.js";
import type { Rng } from "../rng.js";

/** Lomax (Pareto II) shape of the official wage draw: numpy's pareto(8), X = U^(−1/8) − 1. */
const LOMAX_SHAPE = 8;
const WAGE_SCALE = 949;
const WAGE_SHIFT = 1;
const WAGE_CAP = 950;

/**
 * Official hourly wages: the expected order statistics of min(950, 949·X + 1), X ~ Lomax(8), household 0 the
 * poorest. The official code estimates them by sorting 1000 draws of N and averaging per rank; here they are
 * exact, so no 1000 × N matrix is needed for large N.
 *
 * With X = U^(−c) − 1 (c = 1/8), the k-th smallest wage comes from the j-th smallest U, j = N − k + 1, and
 * U_(j) ~ Beta(j, N − j + 1). The cap binds for U ≤ u0 = 2^(−8). Hence
 *   E = 950·I(u0; j, N−j+1) + 949·M_j·(1 − I(u0; j−c, N−j+1)) − 948·(1 − I(u0; j, N−j+1)),
 * with M_j = E[U_(j)^(−c)] = Γ(j−c)Γ(N+1) / (Γ(j)Γ(N+1−c)) and I the regularized incomplete beta.
 * @example
 * const wages = officialWages(100);
 * [wages[0], wages[49], wages[99]]; // ≈ [2.19, 86.3, 795]
 */
export function officialWages(n: number): Float64Array {
  const c = 1 / LOMAX_SHAPE;
  const u0 = Math.pow((WAGE_CAP - WAGE_SHIFT) / WAGE_SCALE + 1, -LOMAX_SHAPE);
  const logRatioN = jStat.gammaln(n + 1) - jStat.gammaln(n + 1 - c);
  const wages = new Float64Array(n);
  for (let k = 1; k <= n; k++) {
    const j = n - k + 1;
    const b = n - j + 1;
    const moment = Math.exp(jStat.gammaln(j - c) - jStat.gammaln(j) + logRatioN);
    // Beyond ~12 standard deviations above u0 the cap has probability 0 to double precision.
    const mean = j / (n + 1);
    const sd = Math.sqrt((j * b) / ((n + 1) * (n + 1) * (n + 2)));
    const capped = mean - u0 > 12 * sd ? 0 : incompleteBeta(u0, j, b);
    const cappedShifted = mean - u0 > 12 * sd ? 0 : incompleteBeta(u0, j - c, b);
    wages[k - 1] =
      WAGE_CAP * capped + WAGE_SCALE * moment * (1 - cappedShifted) - (WAGE_SCALE - WAGE_SHIFT) * (1 - capped);
  }
  return wages;
}

/**
 * The official procedure itself: `draws` samples of N capped Lomax wages, each sorted, averaged per rank.
 * O(draws · N log N) time and O(N) memory; use {@link officialWages} for large N.
 * @example
 * sampledOfficialWages(createRng("1"), 100).length; // 100, sorted ascending, close to officialWages(100)
 */
export function sampledOfficialWages(rng: Rng, n: number, draws = 1000): Float64Array {
  const sum = new Float64Array(n);
  const row = new Float64Array(n);
  for (let d = 0; d < draws; d++) {
    for (let i = 0; i < n; i++) {
      const x = Math.pow(1 - rng.next(), -1 / LOMAX_SHAPE) - 1;
      row[i] = Math.min(WAGE_CAP, WAGE_SCALE * x + WAGE_SHIFT);
    }
    row.sort();
    for (let i = 0; i < n; i++) sum[i] += row[i];
  }
  for (let i = 0; i < n; i++) sum[i] /= draws;
  return sum;
}

/** Hourly wage percentiles of a real wage distribution (BLS OEWS), plus the top-tail anchors. */
export interface WageCalibration {
  p10: number;
  p25: number;
  median: number;
  p75: number;
  p90: number;
  /** Pareto tail index above p90 (≈ 2 for US wages). */
  tailIndex: number;
  /** No hourly wage above this (the observed top percentile). */
  cap: number;
  /** No hourly wage below this (the legal minimum). */
  floor: number;
}

/**
 * Quantile function of a Pareto-tailed wage distribution: log-linear between the OEWS percentiles, a Pareto tail
 * w(q) = p90·(0.1/(1−q))^(1/α) above p90, log-linear extrapolation below p10; clamped to [floor, cap].
 * @example
 * wageQuantile(0.9, usWageCalibration2022()); // ≈ 53.03 (the OEWS 2022 p90, $/h)
 */
export function wageQuantile(q: number, w: WageCalibration): number {
  const knots: [number, number][] = [
    [0.1, w.p10], [0.25, w.p25], [0.5, w.median], [0.75, w.p75], [0.9, w.p90],
  ];
  let value: number;
  if (q >= 0.9) value = w.p90 * Math.pow(0.1 / (1 - q), 1 / w.tailIndex);
  else {
    let k = 0;
    while (k < knots.length - 2 && q > knots[k + 1][0]) k++;
    const [q0, w0] = knots[k];
    const [q1, w1] = knots[k + 1];
    value = Math.exp(Math.log(w0) + ((q - q0) / (q1 - q0)) * (Math.log(w1) - Math.log(w0)));
  }
  return Math.min(w.cap, Math.max(w.floor, value));
}

/**
 * Calibrated hourly wages: household i (poorest first) gets the quantile at (i + ½)/N.
 * @example
 * calibratedWages(3, usWageCalibration2022()); // ≈ [14.35, 22.26, 44.27]
 */
export function calibratedWages(n: number, calibration: WageCalibration): Float64Array {
  const wages = new Float64Array(n);
  for (let i = 0; i < n; i++) wages[i] = wageQuantile((i + 0.5) / n, calibration);
  return wages;
}
