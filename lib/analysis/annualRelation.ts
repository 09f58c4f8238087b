import type { AnnualColumn, AnnualRow } from "../economy/rows.js";
import { olsLine } from "../stats/olsLine.js";
import { pairedDefined } from "../stats/pairedDefined.js";
import { pearson } from "../stats/pearson.js";

/** A correlation between two annual indicators, with its fitted line and the points behind it. */
export interface AnnualRelation {
  /** Pearson's r; null when fewer than 3 years are defined or either series is constant. */
  r: number | null;
  /** Two-sided p-value (t, n − 2 degrees of freedom); null with r. */
  p: number | null;
  /** Number of years used. */
  n: number;
  /** 95% Fisher-z interval of r; null with r or when n ≤ 3. */
  ci95: [number, number] | null;
  /** OLS slope of y on x; null when fewer than 3 years are defined or x is constant. */
  slope: number | null;
  /** OLS intercept; null with slope. */
  intercept: number | null;
  /** The x values used, in year order. */
  x: number[];
  /** The y values used. */
  y: number[];
  /** The year of each point. */
  years: number[];
}

/** An indicator computed from a year's row and the previous year's (e.g. a change in percentage points). */
export type DerivedIndicator = (row: AnnualRow, previous: AnnualRow) => number | null;

/**
 * Relation between two annual indicators over years 2..Y: the first row is skipped (year-on-year indicators
 * are undefined there, and the paper's figures start at year 2), then any year where either value is null is
 * dropped. With fewer than 3 years left the relation is undefined and every statistic is null, so a short run
 * still yields a summary instead of an error.
 *
 * @param annual the run's annual rows, in year order
 * @param xColumn the indicator on the horizontal axis, a column or derived from the row and the previous one
 * @param yColumn the indicator on the vertical axis
 * @returns {@link AnnualRelation}
 * @throws Error if annual is empty
 * @example
 * annualRelation(rows, "unemployment_rate", "wage_inflation").r; // the Phillips-curve correlation
 */
export function annualRelation(
  annual: readonly AnnualRow[],
  xColumn: AnnualColumn | DerivedIndicator,
  yColumn: AnnualColumn,
): AnnualRelation {
  if (annual.length === 0) throw new Error("annualRelation: needs at least one annual row");
  const rows = annual.slice(1);
  const xs = rows.map((row, k) => (typeof xColumn === "function" ? xColumn(row, annual[k]) : row[xColumn]));
  const pairs = pairedDefined(xs, rows.map((row) => row[yColumn]));
  const points = { x: pairs.x, y: pairs.y, years: pairs.index.map((i) => rows[i].year) };
  const n = pairs.x.length;
  if (n < 3) return { r: null, p: null, n, ci95: null, slope: null, intercept: null, ...points };
  const { r, p, ci95 } = pearson(pairs.x, pairs.y);
  const { slope, intercept } = olsLine(pairs.x, pairs.y);
  return { r, p, n, ci95, slope, intercept, ...points };
}
