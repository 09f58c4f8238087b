import type { AnnualRow } from "../economy/rows.js";
import { annualRelation, type AnnualRelation } from "./annualRelation.js";

/**
 * Okun's law: correlation between the annual growth of unemployment (x, relative change of the unemployed
 * count) and real GDP growth (y), years 2..Y (docs/model.md §4). The paper reports r = −0.918 (p < 0.001). In
 * this model real GDP is proportional to hours worked, so r is near −1 for almost any household policy.
 *
 * @see https://en.wikipedia.org/wiki/Okun%27s_law
 * @param annual the run's annual rows, in year order
 * @returns {@link "analysis/annualRelation"!AnnualRelation}; statistics are null with fewer than 3 defined years or a constant series
 * @throws Error if annual is empty
 * @example
 * okunsLaw(annualRows); // => { r: -0.92, p: 3e-8, n: 19, ci95: [...], slope: ..., x, y, years }
 */
export function okunsLaw(annual: readonly AnnualRow[]): AnnualRelation {
  return annualRelation(annual, "unemployment_growth", "real_gdp_growth");
}

/**
 * The change of the unemployment rate in percentage points, u_y − u_{y−1} (× 100). The textbook form of Okun's
 * law uses this rather than the official code's relative change of the unemployed count, which explodes when
 * unemployment is near zero.
 */
export const unemploymentChangePp = (row: AnnualRow, previous: AnnualRow): number =>
  100 * (row.unemployment_rate - previous.unemployment_rate);

/**
 * Okun's law in its textbook form: the change of the unemployment rate in percentage points (x) against real GDP
 * growth (y), years 2..Y.
 * @example
 * okunsLawPp(annualRows).r; // close to okunsLaw(annualRows).r when unemployment is well above 0
 */
export function okunsLawPp(annual: readonly AnnualRow[]): AnnualRelation {
  return annualRelation(annual, unemploymentChangePp, "real_gdp_growth");
}
