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
/** With `--bank on`, after the columns above: month-end stocks and the month's flows of the bank (lib/economy/bank.ts). */
export const BANK_MONTHLY_COLUMNS = [
  "deposits", "household_debt", "new_lending", "repayments", "loan_interest", "deposit_interest", "write_offs",
  "defaults", "missed_payments", "bank_reserves", "bank_equity",
] as const;
/** One row of `monthly.csv`: the paper's columns, and the bank's when it is on. */
export type MonthlyRow = Record<(typeof MONTHLY_COLUMNS)[number], number> &
  Partial<Record<(typeof BANK_MONTHLY_COLUMNS)[number], number>>;

/**
 * The columns of `annual.csv` in the paper's economy (docs/model.md §4).
 * @example
 * ANNUAL_COLUMNS[1]; // "unemployment_rate"
 */
export const ANNUAL_COLUMNS = [
  "year", "unemployment_rate", "price_inflation", "wage_inflation", "nominal_gdp", "real_gdp",
  "nominal_gdp_growth", "real_gdp_growth", "unemployment_growth", "interest_rate",
  "gini_income", "gini_savings", "mean_savings",
] as const;
/** A column of `annual.csv` in the paper's economy. */
export type AnnualColumn = (typeof ANNUAL_COLUMNS)[number];
/** Indicators that need a previous year (inflation, growth) or a non-zero base may be null; the rest never are. */
export type NullableColumn =
  | "price_inflation" | "wage_inflation" | "nominal_gdp_growth" | "real_gdp_growth" | "unemployment_growth";
/**
 * With `--bank on`, after the columns above: year-end household debt and deposits, the year's new lending, the
 * default (charge-off) rate = loans written off in the year ÷ mean month-end household debt (empty if there was no
 * debt), and debt-to-income = year-end debt ÷ the year's post-transfer household income.
 */
export const BANK_ANNUAL_COLUMNS = ["household_debt", "deposits", "new_lending", "default_rate", "debt_to_income"] as const;
/** One row of `annual.csv`: null where a column is undefined (growth and inflation in year 1), plus the bank's columns when it is on. */
export type AnnualRow = { [K in AnnualColumn]: K extends NullableColumn ? number | null : number } &
  Partial<Record<(typeof BANK_ANNUAL_COLUMNS)[number], number | null>>;
