import { ols } from "./regression.js";

/** An autoregression xₜ = c + φ₁xₜ₋₁ + … + φₚxₜ₋ₚ + eₜ fitted by OLS on the observations p+1..n. */
export interface ArFit {
  /** c; null when the design is rank-deficient (e.g. a constant series). */
  intercept: number | null;
  /** φ₁…φₚ; an entry is null when its lag was dropped as collinear. */
  coefficients: (number | null)[];
  /** Classical OLS standard errors of φ₁…φₚ (residual degrees of freedom n − p − (p + 1)). */
  se: (number | null)[];
  /** Residual standard deviation; null when no degrees of freedom are left. */
  sigma: number | null;
  /** Observations used: n − p. */
  n: number;
}

/**
 * AR(p) by conditional least squares: the regression of xₜ on a constant and its p lags, t = p+1..n — the
 * estimates of statsmodels' `AutoReg(x, lags=p, trend="c")` (whose standard errors divide the residual sum of
 * squares by n − p instead of the residual degrees of freedom used here). The persistence of an HP cycle, e.g.
 * the sum φ₁ + φ₂, is a business-cycle fact models are compared on.
 *
 * @see https://www.statsmodels.org/stable/generated/statsmodels.tsa.ar_model.AutoReg.html
 * @param x the series (finite values), longer than 2p + 1
 * @param order p ≥ 1
 * @returns {@link ArFit}
 * @throws Error if order is not a positive integer or the series is too short for it
 * @example
 * arFit(outputCycle, 2).coefficients; // [φ₁, φ₂]
 */
export function arFit(x: ArrayLike<number>, order: number): ArFit {
  if (!Number.isInteger(order) || order < 1) throw new Error(`arFit: order must be a positive integer, got ${order}`);
  if (x.length <= 2 * order + 1) throw new Error(`arFit: an AR(${order}) needs more than ${2 * order + 1} values, got ${x.length}`);
  const rows: number[][] = [];
  const y: number[] = [];
  for (let t = order; t < x.length; t++) {
    rows.push(Array.from({ length: order }, (_, j) => x[t - 1 - j]));
    y.push(x[t]);
  }
  const names = Array.from({ length: order }, (_, j) => `lag${j + 1}`);
  const fit = ols(rows, y, names);
  const [intercept, ...lags] = fit.coefficients;
  return {
    intercept: intercept.estimate,
    coefficients: lags.map((c) => c.estimate),
    se: lags.map((c) => c.se),
    sigma: fit.sigma,
    n: y.length,
  };
}
