/**
 * The chain behind a wrongly signed Phillips curve, measured year by year (years 2..Y, as the Phillips curve).
 * Wages and prices move only with the goods-market imbalance φ = (D − G)/max(D, G) (eqs. 7–9), and unemployment is
 * voluntary. Rule households with large real money balances both work less (eq. 17: p^w falls as savings rise
 * relative to wage income) and demand more goods (consumption is a share of money), so the same years show high
 * unemployment, excess demand (φ > 0) and wage inflation: unemployment and wage inflation move together.
 */
import type { AnnualRow, MonthlyRow } from "../economy/rows.js";
import { pearson, type Correlation } from "../stats/pearson.js";

/** The three links of the chain, each a correlation across the run's years 2..Y. */
export interface PhillipsMechanism {
  /** Mean real money balances (Σ savings / price, monthly average) vs the unemployment rate. */
  realSavings_unemployment: Correlation;
  /** Unemployment rate vs the mean monthly goods-market imbalance φ. */
  unemployment_imbalance: Correlation;
  /** Mean imbalance φ vs wage inflation. */
  imbalance_wageInflation: Correlation;
}

/** The mean over each year's months of `value(row)`, in the order of `annual`. */
function yearlyMean(monthly: readonly MonthlyRow[], annual: readonly AnnualRow[], value: (row: MonthlyRow) => number): number[] {
  return annual.map((year) => {
    let sum = 0;
    let n = 0;
    for (const row of monthly) {
      if (row.year === year.year) {
        sum += value(row);
        n++;
      }
    }
    if (n === 0) throw new Error(`phillipsMechanism: no monthly rows for year ${year.year}`);
    return sum / n;
  });
}

/**
 * The correlations of {@link PhillipsMechanism} for one run.
 * @param monthly the run's monthly rows
 * @param annual the run's annual rows; years with undefined wage inflation (year 1) are skipped
 * @throws Error if a year has no monthly rows or fewer than 3 years have wage inflation
 * @example
 * const m = phillipsMechanism(simulation.monthly, simulation.annual);
 * m.unemployment_imbalance.r; // ≈ +0.8 for rule-based households
 */
export function phillipsMechanism(monthly: readonly MonthlyRow[], annual: readonly AnnualRow[]): PhillipsMechanism {
  const years = annual.filter((row) => row.wage_inflation !== null);
  const unemployment = years.map((row) => row.unemployment_rate);
  const imbalance = yearlyMean(monthly, years, (row) => row.imbalance);
  const realSavings = yearlyMean(monthly, years, (row) => row.total_savings / row.price);
  return {
    realSavings_unemployment: pearson(realSavings, unemployment),
    unemployment_imbalance: pearson(unemployment, imbalance),
    imbalance_wageInflation: pearson(imbalance, years.map((row) => row.wage_inflation as number)),
  };
}
