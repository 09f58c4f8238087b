import type { AnnualRow, BANK_ANNUAL_COLUMNS, MONTHLY_COLUMNS, MonthlyRow } from "./rows.js";

/** An annual column the bank adds (docs/model.md §8). */
export type BankAnnualColumn = (typeof BANK_ANNUAL_COLUMNS)[number];

/**
 * Relative change a/b − 1, undefined (null) from a zero or undefined base.
 * @example
 * growth(6, 5); // 0.2
 * growth(5, 0); // null
 */
export function growth(current: number, previous: number | null | undefined): number | null {
  return previous === null || previous === undefined || previous === 0 ? null : current / previous - 1;
}

type Column = (typeof MONTHLY_COLUMNS)[number];
const mean = (rows: readonly MonthlyRow[], key: Column) => rows.reduce((acc, r) => acc + r[key], 0) / rows.length;
const sum = (rows: readonly MonthlyRow[], key: Column) => rows.reduce((acc, r) => acc + r[key], 0);

/** The macro part of an annual row (docs/model.md §4); the distributional columns need household data. */
export type YearMacro = Omit<AnnualRow, "gini_income" | "gini_savings" | "mean_savings" | BankAnnualColumn>;

/**
 * Annual indicators of one year from its monthly rows and the previous year's (docs/model.md §4):
 * unemployment = unemployed household-months / (12N); inflation = change of the mean of the monthly prices
 * (after each month's update), wage inflation likewise on the mean hourly wage; GDP = sums of the monthly
 * accumulators; growth rates year on year; the interest rate in force during the year.
 * @example
 * yearIndicators(monthly.slice(12, 24), monthly.slice(0, 12), 100).price_inflation; // year 2 over year 1
 */
export function yearIndicators(
  year: readonly MonthlyRow[],
  previous: readonly MonthlyRow[] | null,
  households: number,
): YearMacro {
  const unemployed = year.reduce((acc, r) => acc + (households - r.employed), 0);
  const prevUnemployed = previous ? previous.reduce((acc, r) => acc + (households - r.employed), 0) : null;
  const nominalGdp = sum(year, "nominal_gdp");
  const realGdp = sum(year, "real_gdp");
  return {
    year: year[0].year,
    unemployment_rate: unemployed / (year.length * households),
    price_inflation: previous ? growth(mean(year, "price"), mean(previous, "price")) : null,
    wage_inflation: previous ? growth(mean(year, "mean_wage"), mean(previous, "mean_wage")) : null,
    nominal_gdp: nominalGdp,
    real_gdp: realGdp,
    nominal_gdp_growth: previous ? growth(nominalGdp, sum(previous, "nominal_gdp")) : null,
    real_gdp_growth: previous ? growth(realGdp, sum(previous, "real_gdp")) : null,
    unemployment_growth: growth(unemployed, prevUnemployed),
    interest_rate: year[0].interest_rate,
  };
}
