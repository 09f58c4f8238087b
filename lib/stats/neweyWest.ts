import { checkSeries } from "./checkSeries.js";
import { isConstant } from "./isConstant.js";
import { mean } from "./mean.js";
import { tTestPValue } from "./tTestPValue.js";

/** An OLS slope with a heteroskedasticity- and autocorrelation-consistent (Newey–West) test. */
export interface HacSlope {
  slope: number | null;
  /** Newey–West standard error of the slope; null with slope. */
  se: number | null;
  /** Two-sided p of H0: slope = 0 from Student's t with n − 2 degrees of freedom; null with se. */
  p: number | null;
  /** Bartlett-kernel truncation lag used. */
  lags: number;
}

/**
 * The Newey–West lag rule of thumb floor(4·(n/100)^(2/9)) (statsmodels' and Stata's default; 2 for n = 19).
 * @example
 * neweyWestLags(19); // => 2
 */
export function neweyWestLags(n: number): number {
  return Math.floor(4 * Math.pow(n / 100, 2 / 9));
}

/**
 * OLS of y on x with an intercept and Newey–West (Bartlett-kernel) HAC standard errors: with uₜ the residuals and
 * gₜ = uₜ·(1, xₜ), S = Σₜ gₜgₜᵀ + Σ_{j=1..L} (1 − j/(L+1)) Σₜ (gₜg_{t−j}ᵀ + g_{t−j}gₜᵀ),
 * Var(β) = n/(n − 2) · (XᵀX)⁻¹ S (XᵀX)⁻¹ — exactly statsmodels'
 * `OLS(y, add_constant(x)).fit(cov_type="HAC", cov_kwds={"maxlags": L, "use_correction": True}, use_t=True)`.
 * Annual macro series are autocorrelated, which the classical OLS and Pearson p-values ignore.
 *
 * @see https://www.statsmodels.org/stable/generated/statsmodels.regression.linear_model.RegressionResults.get_robustcov_results.html
 * @param x regressor (finite values)
 * @param y response, same length, at least 3 pairs
 * @param lags the truncation lag L ≥ 0; default {@link neweyWestLags}(n)
 * @returns {@link HacSlope}; all null (but lags) when x is constant, se and p null when y is fitted exactly
 * @throws Error if the lengths differ, there are fewer than 3 pairs, a value is not finite or lags is negative
 * @example
 * neweyWest([1, 2, 3, 4, 5, 6], [1, 3, 2, 5, 4, 6]).slope; // => 0.8857142857142857 (lags 2)
 */
export function neweyWest(x: ArrayLike<number>, y: ArrayLike<number>, lags = neweyWestLags(x.length)): HacSlope {
  checkSeries("neweyWest", x, y, 3);
  if (!Number.isInteger(lags) || lags < 0) throw new Error(`neweyWest: lags must be an integer ≥ 0, got ${lags}`);
  const n = x.length;
  if (isConstant(x)) return { slope: null, se: null, p: null, lags };
  const mx = mean(x);
  const my = mean(y);
  let sxx = 0;
  let sxy = 0;
  for (let t = 0; t < n; t++) {
    sxx += (x[t] - mx) ** 2;
    sxy += (x[t] - mx) * (y[t] - my);
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  // Scores gₜ = uₜ·(1, xₜ) and the Bartlett-weighted long-run covariance S (2 × 2: s00, s01, s11).
  const g0: number[] = [];
  const g1: number[] = [];
  for (let t = 0; t < n; t++) {
    const u = y[t] - intercept - slope * x[t];
    g0.push(u);
    g1.push(u * x[t]);
  }
  let s00 = 0;
  let s01 = 0;
  let s11 = 0;
  for (let j = 0; j <= Math.min(lags, n - 1); j++) {
    const w = j === 0 ? 0.5 : 1 - j / (lags + 1); // j = 0 is counted twice below (Γ₀ + Γ₀ᵀ)
    for (let t = j; t < n; t++) {
      s00 += w * 2 * g0[t] * g0[t - j];
      s01 += w * (g0[t] * g1[t - j] + g1[t] * g0[t - j]);
      s11 += w * 2 * g1[t] * g1[t - j];
    }
  }
  // (XᵀX)⁻¹ of the design with columns (1, x) is [[Σx², −Σx], [−Σx, n]] / (n·Sxx); only the slope's row is needed.
  let sumX = 0;
  for (let t = 0; t < n; t++) sumX += x[t];
  const det = n * sxx;
  const b10 = -sumX / det; // row of the slope in (XᵀX)⁻¹
  const b11 = n / det;
  const variance = (n / (n - 2)) * (b10 * b10 * s00 + 2 * b10 * b11 * s01 + b11 * b11 * s11);
  const se = Math.sqrt(Math.max(0, variance));
  if (!(se > 0)) return { slope, se: null, p: null, lags };
  return { slope, se, p: tTestPValue(slope / se, n - 2), lags };
}
