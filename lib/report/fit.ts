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
