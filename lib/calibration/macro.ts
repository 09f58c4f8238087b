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
