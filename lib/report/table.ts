/**
 * Fixed-width text tables and one-line fit summaries for the terminal.
 */
import type { AnnualRow } from "../economy/rows.js";
import { fitSummary, type FitStats } from "./fit.js";

/** How a cell is written: a fraction as percent with 2 decimals, an integer, money with thousands separators
 * and no decimals, a number with 3 decimals (integers as is), or text. */
export type CellFormat = "pct" | "int" | "money" | "num" | "str";

/** A column of a terminal table: the row key, its header and how cells are formatted. */
export interface TableColumn {
  key: string;
  header: string;
  format: CellFormat;
}

/** A row of a terminal table, by column key. */
export type TableRow = Record<string, number | string | null>;

/** What a missing (null or absent) or non-finite value prints as. */
export const MISSING = "–";

/**
 * Rows as a fixed-width table: a header line, a rule, one line per row; numbers right-aligned, text
 * left-aligned, columns two spaces apart, no trailing newline.
 * @example
 * formatTable([{ year: 2002, u: 0.05 }], [
 *   { key: "year", header: "Year", format: "int" },
 *   { key: "u", header: "Unemp %", format: "pct" },
 * ]);
 * // "Year  Unemp %\n----  -------\n2002     5.00"
 */
export function formatTable(rows: TableRow[], columns: TableColumn[]): string {
  const cells = rows.map((row) => columns.map((col) => formatCell(row[col.key], col.format)));
  const widths = columns.map((col, j) => Math.max(col.header.length, ...cells.map((line) => line[j].length)));
  const pad = (text: string, j: number) =>
    columns[j].format === "str" ? text.padEnd(widths[j]) : text.padStart(widths[j]);
  const line = (texts: string[]) => texts.map(pad).join("  ").trimEnd();
  return [
    line(columns.map((col) => col.header)),
    line(widths.map((w) => "-".repeat(w))),
    ...cells.map(line),
  ].join("\n");
}

/** One cell as text; see {@link CellFormat}. */
export function formatCell(value: number | string | null | undefined, format: CellFormat): string {
  if (value === null || value === undefined) return MISSING;
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return MISSING;
  switch (format) {
    case "pct":
      return fixed(value * 100, 2);
    case "int":
      return Math.round(value).toFixed(0);
    case "money":
      return groupThousands(Math.round(value).toFixed(0));
    case "num":
      return Number.isInteger(value) ? String(value) : fixed(value, 3);
    case "str":
      return String(value);
  }
}

/**
 * A sample's median and 10–90 % range as "median [q10, q90]", each written by `format`.
 * @example
 * medianRange({ median: 0.5, q10: 0.25, q90: 0.75 }, (v) => (v ?? 0).toFixed(2)); // "0.50 [0.25, 0.75]"
 */
export function medianRange(d: { median: number | null; q10: number | null; q90: number | null }, format: (v: number | null) => string): string {
  return `${format(d.median)} [${format(d.q10)}, ${format(d.q90)}]`;
}

/**
 * The columns of a run's annual table in `econagent report`.
 * @example
 * formatTable(run.annual, ANNUAL_TABLE_COLUMNS); // Year, Unemployment, Inflation, …
 */
export const ANNUAL_TABLE_COLUMNS: TableColumn[] = [
  { key: "year", header: "Year", format: "int" },
  { key: "unemployment_rate", header: "Unemp %", format: "pct" },
  { key: "price_inflation", header: "Price infl %", format: "pct" },
  { key: "wage_inflation", header: "Wage infl %", format: "pct" },
  { key: "nominal_gdp", header: "Nominal GDP", format: "money" },
  { key: "real_gdp_growth", header: "Real GDP growth %", format: "pct" },
  { key: "interest_rate", header: "Rate %", format: "pct" },
];

/** The annual indicators of a run as a terminal table (see {@link ANNUAL_TABLE_COLUMNS}). */
export function formatAnnualTable(annual: Partial<AnnualRow>[]): string {
  return formatTable(annual as TableRow[], ANNUAL_TABLE_COLUMNS);
}

/**
 * @example
 * formatFitLine("Phillips curve (unemployment vs wage inflation)", phillipsCurve(annual));
 * // "Phillips curve (unemployment vs wage inflation): r = +0.81, p < 0.001, n = 19"
 */
export function formatFitLine(label: string, fit: FitStats): string {
  return `${label}: ${fitSummary(fit)}`;
}

/** toFixed without a "-0.00" for tiny negatives. */
function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
