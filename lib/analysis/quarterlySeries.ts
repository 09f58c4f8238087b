/**
 * The five quarterly series business-cycle statistics are computed on, from a run's monthly rows or from the US
 * data: real GDP, real consumption, the price level, the mean wage and the unemployment rate.
 */
import type { MonthlyRow } from "../economy/rows.js";
import { usMonthly, usQuarterly } from "../calibration/macro.js";

/** The series, in the order of `business_cycle.csv`'s rows; real_gdp is the reference (output). */
export const CYCLE_SERIES = ["real_gdp", "real_consumption", "price_level", "mean_wage", "unemployment"] as const;
/** A quarterly series whose business cycle is measured (a row of `business_cycle.csv`). */
export type CycleSeries = (typeof CYCLE_SERIES)[number];

/** One value per quarter of each series: levels (any unit) for all but unemployment, which is in percent. */
export type QuarterlySeries = Record<CycleSeries, number[]>;

/**
 * Quarterly aggregates of a run's monthly rows: real GDP and real consumption (goods bought) are the quarter's sums,
 * the price level and the mean hourly wage the quarter's means, unemployment the mean of the monthly rates
 * 100·(1 − employed/N) in percent — the same definitions as the annual indicators (docs/model.md §4), a quarter at a time.
 *
 * @param monthly the run's monthly rows, a whole number of quarters
 * @param households N
 * @returns {@link QuarterlySeries} with months/3 values per series
 * @throws Error if the months do not make whole quarters or households is not positive
 * @example
 * quarterlySeries(simulation.monthly, 100).real_gdp.length; // 80 for a 240-month run
 */
export function quarterlySeries(monthly: readonly MonthlyRow[], households: number): QuarterlySeries {
  if (monthly.length % 3 !== 0) throw new Error(`quarterlySeries: ${monthly.length} months are not whole quarters`);
  if (!(households > 0)) throw new Error(`quarterlySeries: households must be positive, got ${households}`);
  const out: QuarterlySeries = { real_gdp: [], real_consumption: [], price_level: [], mean_wage: [], unemployment: [] };
  for (let q = 0; q < monthly.length; q += 3) {
    const months = monthly.slice(q, q + 3);
    const sum = (pick: (row: MonthlyRow) => number) => months.reduce((s, row) => s + pick(row), 0);
    out.real_gdp.push(sum((row) => row.real_gdp));
    out.real_consumption.push(sum((row) => row.goods_sold));
    out.price_level.push(sum((row) => row.price) / 3);
    out.mean_wage.push(sum((row) => row.mean_wage) / 3);
    out.unemployment.push(sum((row) => 100 * (1 - row.employed / households)) / 3);
  }
  return out;
}

/**
 * The US counterparts, quarter by quarter over [fromYear, toYear]: real GDP (GDPC1) and real personal consumption
 * (PCECC96) as published, and the quarter's means of the CPI (CPIAUCSL), average hourly earnings (AHETPI) and the
 * unemployment rate (UNRATE, percent). See data/README.md.
 *
 * @param fromYear first year, ≥ 2000 (default 2001, the simulated period)
 * @param toYear last year, ≤ 2020
 * @example
 * usQuarterlySeries().unemployment[32]; // 2009Q1: 8.27 (mean of 7.8, 8.3, 8.7)
 */
export function usQuarterlySeries(fromYear = 2001, toYear = 2020): QuarterlySeries {
  if (!(fromYear >= 2000 && fromYear <= toYear && toYear <= 2020)) {
    throw new Error(`usQuarterlySeries: years must satisfy 2000 ≤ from ≤ to ≤ 2020, got ${fromYear}..${toYear}`);
  }
  const within = (year: number) => year >= fromYear && year <= toYear;
  const quarters = usQuarterly().filter((q) => within(q.year));
  const months = usMonthly().filter((m) => within(m.year));
  const mean3 = (k: number, pick: (m: (typeof months)[number]) => number) => (pick(months[3 * k]) + pick(months[3 * k + 1]) + pick(months[3 * k + 2])) / 3;
  return {
    real_gdp: quarters.map((q) => q.GDPC1),
    real_consumption: quarters.map((q) => q.PCECC96),
    price_level: quarters.map((_, k) => mean3(k, (m) => m.CPIAUCSL)),
    mean_wage: quarters.map((_, k) => mean3(k, (m) => m.AHETPI)),
    unemployment: quarters.map((_, k) => mean3(k, (m) => m.UNRATE)),
  };
}
