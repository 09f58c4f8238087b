import type { AnnualRow } from "../economy/rows.js";
import { annualRelation, type AnnualRelation } from "./annualRelation.js";

/**
 * The Phillips curve: correlation between the annual unemployment rate (x) and annual **wage** inflation (y),
 * years 2..Y (docs/model.md §4; n = 19 for a 20-year run). The paper reports r = −0.619 (p < 0.01) for
 * EconAgent with GPT-3.5; a realistic economy shows a negative r.
 *
 * @see https://en.wikipedia.org/wiki/Phillips_curve
 * @param annual the run's annual rows, in year order
 * @returns {@link "analysis/annualRelation"!AnnualRelation}; statistics are null with fewer than 3 defined years or a constant series
 * @throws Error if annual is empty
 * @example
 * phillipsCurve(annualRows); // => { r: -0.62, p: 0.004, n: 19, ci95: [...], slope: ..., x, y, years }
 */
export function phillipsCurve(annual: readonly AnnualRow[]): AnnualRelation {
  return annualRelation(annual, "unemployment_rate", "wage_inflation");
}
