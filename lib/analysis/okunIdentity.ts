/**
 * Why Okun's law holds almost by construction in this economy: every worker supplies 168 hours at productivity 1,
 * so real GDP (production at the initial price P0) is 168·P0 times the employed household-months, i.e.
 * real GDP = 12·N·168·P0·(1 − u). Its growth is therefore exactly employment growth,
 * g = (1 − u_y)/(1 − u_{y−1}) − 1 = −Δu/(1 − u_{y−1}), a near-linear function of the unemployment change.
 */
import type { AnnualRow } from "../economy/rows.js";
import { annualRelation, type AnnualRelation } from "./annualRelation.js";
import { pearson, type Correlation } from "../stats/pearson.js";

/**
 * Employment growth: relative change of the employment rate 1 − u (of employed household-months), or null when
 * the previous year had no employment.
 * @example employmentGrowth(row({ unemployment_rate: 0.1 }), row({ unemployment_rate: 0.2 })) // 0.125
 */
export function employmentGrowth(row: AnnualRow, previous: AnnualRow): number | null {
  const before = 1 - previous.unemployment_rate;
  return before > 0 ? (1 - row.unemployment_rate) / before - 1 : null;
}

/**
 * Employment growth (x) against real GDP growth (y), years 2..Y: in this model the points lie on the 45° line
 * (r = 1, slope 1) for any household policy.
 * @throws Error if annual is empty
 * @example
 * okunIdentity(simulation.annual).slope; // 1 (to rounding)
 */
export function okunIdentity(annual: readonly AnnualRow[]): AnnualRelation {
  return annualRelation(annual, employmentGrowth, "real_gdp_growth");
}

/**
 * Correlation of the annual employment rate 1 − u with annual real GDP, every year (levels): 1 in this model.
 * @throws Error with fewer than 3 years
 * @example
 * employmentRealGdpCorrelation(simulation.annual).r; // 1 (to rounding)
 */
export function employmentRealGdpCorrelation(annual: readonly AnnualRow[]): Correlation {
  return pearson(
    annual.map((row) => 1 - row.unemployment_rate),
    annual.map((row) => row.real_gdp),
  );
}
