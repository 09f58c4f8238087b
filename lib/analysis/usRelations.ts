/**
 * The Phillips curve and Okun's law in the real US series 2001–2020 (calibration.md: FRED UNRATE, GDPC1, AHETPI),
 * measured as close as the data allow to the simulation's definitions, as the reference the simulated r is read
 * against. Units match the simulated relations: rates and growth as fractions; the percentage-point change as pp.
 */
import type { MacroYear } from "../calibration/macro.js";
import type { AnnualRelation } from "./annualRelation.js";
import { olsLine } from "../stats/olsLine.js";
import { pairedDefined } from "../stats/pairedDefined.js";
import { pearson } from "../stats/pearson.js";

function relation(x: (number | null)[], y: (number | null)[], years: number[]): AnnualRelation {
  const pairs = pairedDefined(x, y);
  const points = { x: pairs.x, y: pairs.y, years: pairs.index.map((i) => years[i]) };
  const n = pairs.x.length;
  if (n < 3) return { r: null, p: null, n, ci95: null, slope: null, intercept: null, ...points };
  const { r, p, ci95 } = pearson(pairs.x, pairs.y);
  const { slope, intercept } = olsLine(pairs.x, pairs.y);
  return { r, p, n, ci95, slope, intercept, ...points };
}

/** Each row's value against the previous row's; null for the first row. */
function change(rows: readonly MacroYear[], f: (row: MacroYear, previous: MacroYear) => number): (number | null)[] {
  return rows.map((row, k) => (k === 0 ? null : f(row, rows[k - 1])));
}

/**
 * US wage Phillips curve: annual unemployment rate (x) against the growth of average hourly earnings (y), every
 * year given (n = 20 for 2001–2020; AHE growth of 2001 is measured against 2000).
 * @example
 * usPhillipsCurve(usMacro()).r; // -0.23 (n = 20; -0.48 without the 2020 composition effect)
 */
export function usPhillipsCurve(rows: readonly MacroYear[]): AnnualRelation {
  return relation(
    rows.map((row) => row.unemployment_pct / 100),
    rows.map((row) => row.ahe_growth_pct / 100),
    rows.map((row) => row.year),
  );
}

/**
 * US Okun's law in the official code's form: relative change of the unemployment rate, u_y/u_{y−1} − 1 (x; the
 * relative change of the unemployed count when the labour force is steady), against real GDP growth (y), from the
 * second year on.
 * @example
 * usOkunsLaw(usMacro()).n; // 19
 */
export function usOkunsLaw(rows: readonly MacroYear[]): AnnualRelation {
  return relation(
    change(rows, (row, previous) => row.unemployment_pct / previous.unemployment_pct - 1),
    rows.map((row, k) => (k === 0 ? null : row.real_gdp_growth_pct / 100)),
    rows.map((row) => row.year),
  );
}

/**
 * US Okun's law in its textbook form: change of the unemployment rate in percentage points (x) against real GDP
 * growth (y), from the second year on — the units of {@link "analysis/okunsLaw"!okunsLawPp} for simulated runs.
 * @example
 * usOkunsLawPp(usMacro()).slope; // ≈ -0.0102: real growth ~1.0 pp lower per pp rise in unemployment
 */
export function usOkunsLawPp(rows: readonly MacroYear[]): AnnualRelation {
  return relation(
    change(rows, (row, previous) => row.unemployment_pct - previous.unemployment_pct),
    rows.map((row, k) => (k === 0 ? null : row.real_gdp_growth_pct / 100)),
    rows.map((row) => row.year),
  );
}
