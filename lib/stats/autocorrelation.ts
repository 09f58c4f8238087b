import { mean } from "./mean.js";

/**
 * Sample autocorrelation function ρ(0..maxLag) with the overall mean and the n-denominator autocovariance
 * (Box–Jenkins; statsmodels' `acf(x, adjusted=False)`): ρ(k) = Σ_{t<n−k} (x_t − x̄)(x_{t+k} − x̄) / Σ_t (x_t − x̄)².
 * This estimator keeps the sequence positive semi-definite, which the effective-sample-size formula relies on.
 *
 * @see https://www.statsmodels.org/stable/generated/statsmodels.tsa.stattools.acf.html
 * @param x the series (at least 2 finite values, not constant)
 * @param maxLag the largest lag, 0 ≤ maxLag < n
 * @returns maxLag + 1 values, the first being 1
 * @throws Error for a constant or too short series, a non-finite value or a bad lag
 * @example
 * autocorrelation([1, 2, 3, 4, 5], 2); // => [1, 0.4, -0.1]
 */
export function autocorrelation(x: ArrayLike<number>, maxLag: number): number[] {
  const n = x.length;
  if (!Number.isInteger(maxLag) || maxLag < 0 || maxLag >= n) {
    throw new Error(`autocorrelation: maxLag must be an integer in [0, ${n - 1}], got ${maxLag}`);
  }
  for (let i = 0; i < n; i++) if (!Number.isFinite(x[i])) throw new Error(`autocorrelation: x[${i}] is not finite: ${x[i]}`);
  const m = mean(x);
  let c0 = 0;
  for (let t = 0; t < n; t++) c0 += (x[t] - m) ** 2;
  if (c0 === 0) throw new Error("autocorrelation: the series is constant");
  const rho: number[] = [];
  for (let k = 0; k <= maxLag; k++) {
    let ck = 0;
    for (let t = 0; t + k < n; t++) ck += (x[t] - m) * (x[t + k] - m);
    rho.push(ck / c0);
  }
  return rho;
}
