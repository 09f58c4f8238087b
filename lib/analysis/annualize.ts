import { yearIndicators, type YearMacro } from "../economy/indicators.js";
import type { MonthlyRow } from "../economy/rows.js";

/**
 * Annual macro indicators from a run's monthly rows (docs/model.md §4), grouped by calendar year.
 * The simulation computes the same rows as it goes (the Taylor rule needs them); this pure function lets any
 * monthly table — e.g. one loaded from `monthly.csv` — be annualised again.
 * @example
 * annualize(monthlyRows, 100)[1].price_inflation; // year-2 inflation
 */
export function annualize(monthly: readonly MonthlyRow[], households: number): YearMacro[] {
  if (!(households > 0)) throw new Error(`annualize: households must be positive, got ${households}`);
  const years: MonthlyRow[][] = [];
  for (const row of monthly) {
    const last = years[years.length - 1];
    if (last && last[0].year === row.year) last.push(row);
    else years.push([row]);
  }
  return years.map((rows, k) => yearIndicators(rows, k > 0 ? years[k - 1] : null, households));
}
