/**
 * The shape of a Phillips-curve or Okun's-law result as the report reads it (the analysis module computes it;
 * typed structurally here so the report depends only on these fields), and how r and p are written.
 */

/** A correlation with its OLS line, over paired annual values (fractions, not percent). */
export interface CurveFit {
  r: number | null;
  p: number | null;
  n: number;
  slope: number | null;
  intercept: number | null;
  x: number[];
  y: number[];
  years: number[];
}

/** The r/p/n part of a fit as printed: only these are needed to describe one. */
export type FitStats = Pick<CurveFit, "r" | "p" | "n">;

/**
 * Pearson r with an explicit sign and two decimals, "n/a" when undefined.
 * @example formatR(-0.6189) // "-0.62"
 */
export function formatR(r: number | null): string {
  if (r === null || !Number.isFinite(r)) return "n/a";
  const s = r.toFixed(2);
  return r > 0 && s !== "0.00" ? `+${s}` : s === "-0.00" ? "0.00" : s;
}

/**
 * A p-value clause: "p < 0.001" below 0.001, three decimals below 0.1, two above.
 * @example formatP(0.0042) // "p = 0.004"
 */
export function formatP(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return "p = n/a";
  if (p < 0.001) return "p < 0.001";
  return `p = ${p.toFixed(p < 0.1 ? 3 : 2)}`;
}

/**
 * @example fitSummary({ r: -0.619, p: 0.0047, n: 19 }) // "r = -0.62, p = 0.005, n = 19"
 */
export function fitSummary(fit: FitStats): string {
  return `r = ${formatR(fit.r)}, ${formatP(fit.p)}, n = ${fit.n}`;
}

/** End points of the fitted line across the observed x range, or null when there is no line to draw. */
export function fittedLine(fit: CurveFit): { x: [number, number]; y: [number, number] } | null {
  const { slope, intercept } = fit;
  if (slope === null || intercept === null || !Number.isFinite(slope) || !Number.isFinite(intercept)) return null;
  const xs = fit.x.filter(Number.isFinite);
  if (xs.length < 2) return null;
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return { x: [lo, hi], y: [intercept + slope * lo, intercept + slope * hi] };
}

/** The robust-inference fields of a relation in `summary.json` (absent for a summary without them). */
export interface RobustStats {
  spearman?: { rho: number | null; p: number | null };
  hac?: { slope: number | null; se: number | null; p: number | null; lags: number };
  n_eff?: number | null;
  p_eff?: number | null;
  bootstrap?: { ci95: [number, number] | null; block: number; draws: number };
}

/**
 * The robust-inference fields in one line, or null when the summary has none.
 * @example
 * robustSummary(summary.phillips);
 * // "Spearman ρ = -0.38 (p = 0.11); Newey–West slope p = 0.003 (2 lags); n_eff = 7.9 (p = 0.17); block bootstrap 95 % CI [-0.87, -0.01]"
 */
export function robustSummary(fit: RobustStats): string | null {
  if (!fit.spearman || !fit.hac || !fit.bootstrap) return null;
  const ci = fit.bootstrap.ci95;
  return [
    `Spearman ρ = ${formatR(fit.spearman.rho)} (${formatP(fit.spearman.p)})`,
    `Newey–West slope ${formatP(fit.hac.p)} (${fit.hac.lags} lags)`,
    `n_eff = ${fit.n_eff === null || fit.n_eff === undefined ? "n/a" : fit.n_eff.toFixed(1)} (${formatP(fit.p_eff ?? null)})`,
    `block bootstrap 95 % CI ${ci ? `[${formatR(ci[0])}, ${formatR(ci[1])}]` : "n/a"}`,
  ].join("; ");
}
