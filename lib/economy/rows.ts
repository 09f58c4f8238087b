/**
 * The tidy output tables: one row per month (`monthly.csv`) and per year (`annual.csv`). Column order here is the
 * file's column order. `null` is written as an empty cell (an indicator undefined in that year, e.g. year-1
 * inflation, or a growth rate from a zero base).
 */
export const MONTHLY_COLUMNS = [
  "month", "year", "price", "mean_wage", "employed", "production", "inventory", "demand", "imbalance",
  "tax_revenue", "transfers", "consumption", "goods_sold", "rationed", "total_savings", "interest_rate",
  "nominal_gdp", "real_gdp",
] as const;
export type MonthlyRow = Record<(typeof MONTHLY_COLUMNS)[number], number>;

export const ANNUAL_COLUMNS = [
  "year", "unemployment_rate", "price_inflation", "wage_inflation", "nominal_gdp", "real_gdp",
  "nominal_gdp_growth", "real_gdp_growth", "unemployment_growth", "interest_rate",
  "gini_income", "gini_savings", "mean_savings",
] as const;
export type AnnualColumn = (typeof ANNUAL_COLUMNS)[number];
/** Indicators that need a previous year (inflation, growth) or a non-zero base may be null; the rest never are. */
type NullableColumn =
  | "price_inflation" | "wage_inflation" | "nominal_gdp_growth" | "real_gdp_growth" | "unemployment_growth";
export type AnnualRow = { [K in AnnualColumn]: K extends NullableColumn ? number | null : number };
