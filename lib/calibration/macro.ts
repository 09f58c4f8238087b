import { check, readCsv } from "./files.js";

/** US annual macro indicators, in percent (FRED UNRATE, CPIAUCSL, GDPC1, AHETPI; see data/README.md). */
export interface MacroYear {
  year: number;
  unemployment_pct: number;
  cpi_inflation_pct: number;
  real_gdp_growth_pct: number;
  ahe_growth_pct: number;
}

const FILE = "us_macro_2001_2020.csv";
const COLUMNS = ["year", "unemployment_pct", "cpi_inflation_pct", "real_gdp_growth_pct", "ahe_growth_pct"] as const;
let cache: MacroYear[] | undefined;

/**
 * The real-world benchmark for the simulated 2001–2020 (20 rows, one per year): what the paper's Phillips
 * curve and Okun's law look like in US data. Returns fresh rows.
 *
 * @example
 * usMacro().find((r) => r.year === 2009)!.unemployment_pct; // 9.28
 */
export function usMacro(): MacroYear[] {
  if (cache === undefined) {
    const rows = readCsv(FILE, COLUMNS).map((r) => {
      const row = {} as MacroYear;
      for (const column of COLUMNS) row[column] = r.number(column);
      return row;
    });
    check(rows.length === 20 && rows.every((r, k) => r.year === 2001 + k), FILE, "years must be 2001..2020 in order");
    cache = rows;
  }
  return cache.map((row) => ({ ...row }));
}

/** One month of the US series behind the business-cycle comparison (FRED ids; see data/README.md). */
export interface UsMonth {
  year: number;
  /** 1..12. */
  month: number;
  /** Civilian unemployment rate, percent. */
  UNRATE: number;
  /** CPI-U, all items, 1982–84 = 100. */
  CPIAUCSL: number;
  /** Average hourly earnings of production and nonsupervisory employees, USD. */
  AHETPI: number;
}

/** One quarter of US real output and consumption, billions of chained 2017 dollars (annual rate). */
export interface UsQuarter {
  year: number;
  /** 1..4. */
  quarter: number;
  GDPC1: number;
  PCECC96: number;
}

const MONTHLY_FILE = "us_monthly_2000_2020.csv";
const QUARTERLY_FILE = "us_quarterly_2000_2020.csv";
let monthlyCache: UsMonth[] | undefined;
let quarterlyCache: UsQuarter[] | undefined;

/** Year and period of a "YYYY-MM" date, checked to be the `k`-th period of length `months` from January 2000. */
function period(file: string, date: string, k: number, months: number): { year: number; index: number } {
  const match = /^(\d{4})-(\d{2})$/.exec(date);
  const year = 2000 + Math.floor((k * months) / 12);
  const month = ((k * months) % 12) + 1;
  check(match !== null && Number(match[1]) === year && Number(match[2]) === month, file, `row ${k + 1} is dated ${date}, expected ${year}-${String(month).padStart(2, "0")}`);
  return { year, index: (month - 1) / months + 1 };
}

/**
 * US monthly unemployment, CPI and average hourly earnings, January 2000 – December 2020 (252 rows, FRED
 * UNRATE, CPIAUCSL, AHETPI as published). Returns fresh rows.
 *
 * @example
 * usMonthly().find((m) => m.year === 2009 && m.month === 10)!.UNRATE; // 10
 */
export function usMonthly(): UsMonth[] {
  if (monthlyCache === undefined) {
    const rows = readCsv(MONTHLY_FILE, ["date", "UNRATE", "CPIAUCSL", "AHETPI"]).map((r, k) => {
      const { year, index } = period(MONTHLY_FILE, r.text("date"), k, 1);
      return { year, month: index, UNRATE: r.number("UNRATE"), CPIAUCSL: r.number("CPIAUCSL"), AHETPI: r.number("AHETPI") };
    });
    check(rows.length === 252, MONTHLY_FILE, `must have 252 months (2000-01..2020-12), has ${rows.length}`);
    monthlyCache = rows;
  }
  return monthlyCache.map((row) => ({ ...row }));
}

/**
 * US quarterly real GDP and real personal consumption, 2000Q1 – 2020Q4 (84 rows, FRED GDPC1, PCECC96).
 * Returns fresh rows.
 *
 * @example
 * usQuarterly()[0]; // { year: 2000, quarter: 1, GDPC1: 13878.147, PCECC96: 9039.743 }
 */
export function usQuarterly(): UsQuarter[] {
  if (quarterlyCache === undefined) {
    const rows = readCsv(QUARTERLY_FILE, ["date", "GDPC1", "PCECC96"]).map((r, k) => {
      const { year, index } = period(QUARTERLY_FILE, r.text("date"), k, 3);
      return { year, quarter: index, GDPC1: r.number("GDPC1"), PCECC96: r.number("PCECC96") };
    });
    check(rows.length === 84, QUARTERLY_FILE, `must have 84 quarters (2000Q1..2020Q4), has ${rows.length}`);
    quarterlyCache = rows;
  }
  return quarterlyCache.map((row) => ({ ...row }));
}
