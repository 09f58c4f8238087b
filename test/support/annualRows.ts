/** Hand-built `annual.csv` rows for the analysis tests. */
import type { AnnualRow } from "../../lib/economy/rows.js";

/** A year of zeros whose year-on-year indicators are undefined; tests set the columns they need. */
export const BLANK: Readonly<AnnualRow> = Object.freeze({
  year: 0, unemployment_rate: 0, price_inflation: null, wage_inflation: null, nominal_gdp: 0, real_gdp: 0,
  nominal_gdp_growth: null, real_gdp_growth: null, unemployment_growth: null, interest_rate: 0,
  gini_income: 0, gini_savings: 0, mean_savings: 0,
});

/** A row: BLANK with `values` set. */
export const row = (values: Partial<AnnualRow>): AnnualRow => ({ ...BLANK, ...values });
