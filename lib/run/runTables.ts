/**
 * A finished run's tables (monthly, annual, business cycle) and summary read back checked (the one reader `report`, `collect` and the notebooks use):
 * a file that is missing, unparseable, has other columns than the run writes, a row count other than its months,
 * or a cell that is not a number is a one-line {@link DamagedFile} naming the file and the line or field — never a
 * report of the wrong numbers, nor rows silently dropped from a sweep's tables.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { BUSINESS_CYCLE_COLUMNS, type BusinessCycleRow } from "../analysis/businessCycle.js";
import { CYCLE_SERIES } from "../analysis/quarterlySeries.js";
import type { RunSummary } from "../analysis/summarizeRun.js";
import { ANNUAL_COLUMNS, BANK_ANNUAL_COLUMNS, BANK_MONTHLY_COLUMNS, MONTHLY_COLUMNS } from "../economy/rows.js";
import { errorCode } from "../files.js";
import { DamagedFile, fields, readJsonFile } from "../readBack.js";
import { csvCell, csvRecords } from "./csv.js";
import type { ManifestData } from "./manifest.js";
import { readParquetRows } from "./parquet.js";
import { PARQUET_FILES, RUN_FILES } from "./runDirectory.js";

/** The two tables a run's analysis reads. */
export type RunTable = "monthly" | "annual";

/** What a run's manifest says its tables hold: the bank's columns or not, and how many months. */
export interface TableShape {
  bank: boolean;
  /** Null for a manifest that does not say (then the row count is not checked). */
  months: number | null;
}

/**
 * The columns a run writes to `table`, in file order (lib/economy/rows.ts), with the bank's after the others.
 * @example
 * runTableColumns("annual", false)[0]; // "year"
 */
export function runTableColumns(table: RunTable, bank: boolean): readonly string[] {
  if (table === "monthly") return bank ? [...MONTHLY_COLUMNS, ...BANK_MONTHLY_COLUMNS] : MONTHLY_COLUMNS;
  return bank ? [...ANNUAL_COLUMNS, ...BANK_ANNUAL_COLUMNS] : ANNUAL_COLUMNS;
}

/**
 * The shape a run's manifest promises for its tables (its `config.bank` and `config.months`).
 * @example
 * tableShape(readManifest("runs/c1", "report"), "runs/c1/manifest.json"); // { bank: false, months: 240 }
 */
export function tableShape(manifest: ManifestData, file: string): TableShape {
  const at = fields(file);
  const { bank, months } = manifest.config;
  if (bank !== undefined && typeof bank !== "boolean") at.fail("config.bank", bank, "true or false");
  return { bank: bank === true, months: months === undefined ? null : at.integer(months, "config.months", 12) };
}

/**
 * One of a run's tables as rows, from its Parquet file if it has one, else its CSV, checked against `shape`.
 * @throws DamagedFile naming the file and the line (or "(file)", "(header)") and what was expected
 * @example
 * readRunTable("runs/c1", "annual", { bank: false, months: 240 }).length; // 20
 */
export function readRunTable(dir: string, table: RunTable, shape: TableShape): Record<string, number | null>[] {
  const columns = runTableColumns(table, shape.bank);
  const parquet = path.join(dir, PARQUET_FILES[table]);
  const csv = path.join(dir, RUN_FILES[table]);
  const file = fs.existsSync(parquet) ? parquet : csv;
  let records: unknown[][];
  let header: string[];
  try {
    if (file === parquet) {
      const rows = readParquetRows(file);
      header = rows.length > 0 ? Object.keys(rows[0]) : [...columns];
      records = rows.map((row) => header.map((c) => row[c]));
    } else {
      [header = [], ...records] = csvRecords(fs.readFileSync(file, "utf8"));
    }
  } catch (error) {
    throw new DamagedFile(file, "(file)", errorCode(error), `a readable ${table} table`);
  }
  return checkedRows(file, header, records, columns, expectedRows(table, shape)) as Record<string, number | null>[];
}

/** The columns a row is identified by: never empty (both readers below check it). */
const KEY_COLUMNS: readonly string[] = ["month", "year"];

const expectedRows = (table: RunTable, shape: TableShape) => ({
  rows: shape.months === null ? null : table === "monthly" ? shape.months : shape.months / 12,
  per: table === "monthly" ? "month" : "year",
});

/**
 * One of a run's tables as CSV data lines (no header, no newline), checked as {@link readRunTable} checks it: a
 * CSV table's own lines as the run wrote them, so a reader that merges tables (a sweep's collect) copies the
 * numbers instead of parsing and formatting them again; a Parquet table's rows formatted as its CSV would be.
 * A plain CSV is checked line by line without building rows; anything else — or any line that fails that check —
 * goes through {@link readRunTable}, which names the file, the line and the field of the damage.
 * @throws DamagedFile as {@link readRunTable}
 * @example
 * const { columns, lines } = readRunTableLines("runs/c1", "annual", { bank: false, months: 240 });
 * lines.length; // 20, e.g. "2001,0.0312,…"
 */
export function readRunTableLines(dir: string, table: RunTable, shape: TableShape): { columns: readonly string[]; lines: string[] } {
  const columns = runTableColumns(table, shape.bank);
  const csv = path.join(dir, RUN_FILES[table]);
  if (!fs.existsSync(path.join(dir, PARQUET_FILES[table]))) {
    let text: string | null = null;
    try {
      text = fs.readFileSync(csv, "utf8");
    } catch {
      // readRunTable below names the file and why it cannot be read.
    }
    const lines = text === null ? null : plainLines(text, columns, expectedRows(table, shape).rows);
    if (lines) return { columns, lines };
  }
  return { columns, lines: readRunTable(dir, table, shape).map((row) => columns.map((c) => csvCell(row[c])).join(",")) };
}

/**
 * A table's data lines when the text is exactly a header of `columns`, `rows` lines (any number when null) of
 * `columns.length` cells each — a number or empty, never empty in the month and year columns — and the final
 * newline; else null. The same acceptance as checkedRows for text without quotes or carriage returns.
 */
function plainLines(text: string, columns: readonly string[], rows: number | null): string[] | null {
  if (text.includes('"') || text.includes("\r")) return null;
  const lines = text.split("\n");
  if (lines[0] !== columns.join(",") || lines[lines.length - 1] !== "" || lines.length < 3) return null;
  const data = lines.slice(1, -1);
  if (rows !== null && data.length !== rows) return null;
  const required = KEY_COLUMNS.map((c) => columns.indexOf(c)).filter((k) => k >= 0);
  for (const line of data) {
    const cells = line.split(",");
    if (cells.length !== columns.length || required.some((k) => cells[k] === "")) return null;
    for (const cell of cells) if (cell !== "" && !Number.isFinite(Number(cell))) return null;
  }
  return data;
}

/**
 * A run's `business_cycle.csv` checked like its other tables: its columns, one row per quarterly series (each named
 * once, in order), a number or an empty cell for every statistic; null for a run written before the file existed.
 * @throws DamagedFile naming the file and the line
 * @example
 * readBusinessCycle("runs/c1")?.map((r) => r.series); // ["real_gdp", "real_consumption", "price_level", "mean_wage", "unemployment"]
 */
export function readBusinessCycle(dir: string): BusinessCycleRow[] | null {
  const file = path.join(dir, RUN_FILES.businessCycle);
  if (!fs.existsSync(file)) return null;
  let records: string[][];
  try {
    records = csvRecords(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new DamagedFile(file, "(file)", errorCode(error), "a readable business-cycle table");
  }
  const [header = [], ...rows] = records;
  const checked = checkedRows(file, header, rows, BUSINESS_CYCLE_COLUMNS, { rows: CYCLE_SERIES.length, per: "quarterly series" }, "series");
  checked.forEach((row, k) => {
    if (row.series !== CYCLE_SERIES[k]) throw new DamagedFile(file, `line ${k + 2}, series`, row.series, `"${CYCLE_SERIES[k]}" (the series in order: ${CYCLE_SERIES.join(", ")})`);
  });
  return checked as unknown as BusinessCycleRow[];
}

/**
 * Rows of a table whose header and records were read from `file`, checked: the header is `columns`, there are
 * `expected.rows` records (at least one when null), each has every cell, and each cell is a number or empty (the
 * `text` column, if any, holds text). Line numbers are as an editor shows them: the header is line 1.
 */
function checkedRows(
  file: string,
  header: readonly string[],
  records: readonly (readonly unknown[])[],
  columns: readonly string[],
  expected: { rows: number | null; per: string },
  text?: string,
): Record<string, number | string | null>[] {
  const fail = (field: string, value: unknown, allowed: string): never => {
    throw new DamagedFile(file, field, value, allowed);
  };
  if (header.join(",") !== columns.join(",")) fail("(header)", header.join(","), `the columns ${columns.join(",")}`);
  if (records.length === 0 || (expected.rows !== null && records.length !== expected.rows)) {
    fail("(rows)", records.length, `${expected.rows ?? "at least 1"} rows (one per ${expected.per} of the run)`);
  }
  return records.map((cells, k) => {
    if (cells.length !== columns.length) fail(`line ${k + 2}`, cells.length, `${columns.length} cells`);
    const row: Record<string, number | string | null> = {};
    columns.forEach((column, c) => {
      const cell = cells[c];
      if (column === text) {
        row[column] = typeof cell === "string" && cell !== "" ? cell : fail(`line ${k + 2}, ${column}`, cell, "a name");
        return;
      }
      const value = cell === "" || cell === null ? null : typeof cell === "number" ? cell : Number(cell);
      if (value !== null && !Number.isFinite(value)) fail(`line ${k + 2}, ${column}`, cell, "a number or an empty cell");
      if (value === null && KEY_COLUMNS.includes(column)) fail(`line ${k + 2}, ${column}`, cell, "a number");
      row[column] = value;
    });
    return row;
  });
}

const RELATIONS = ["phillips", "okun", "okun_pp"] as const;
const RANGES = ["price_inflation", "wage_inflation", "unemployment_rate", "real_gdp_growth"] as const;

/**
 * A run's `summary.json`, checked for every field the report and `collect` read (the relations' r, p, n and
 * robust-inference fields, the indicators' min, max, mean).
 * @throws DamagedFile naming the file and the field
 * @example
 * readRunSummary("runs/c1").phillips.r; // -0.62
 */
export function readRunSummary(dir: string): RunSummary {
  const file = path.join(dir, RUN_FILES.summary);
  const at = fields(file);
  const summary = at.object(readJsonFile(file), "");
  const numberOrNull = (v: unknown, field: string) => (v === null ? null : at.number(v, field));
  for (const name of RELATIONS) {
    const fit = at.object(summary[name], name);
    numberOrNull(fit.r, `${name}.r`);
    numberOrNull(fit.p, `${name}.p`);
    at.integer(fit.n, `${name}.n`, 0);
    if (fit.spearman !== undefined) {
      const s = at.object(fit.spearman, `${name}.spearman`);
      numberOrNull(s.rho, `${name}.spearman.rho`);
      numberOrNull(s.p, `${name}.spearman.p`);
    }
    if (fit.hac !== undefined) {
      const h = at.object(fit.hac, `${name}.hac`);
      numberOrNull(h.p, `${name}.hac.p`);
      at.integer(h.lags, `${name}.hac.lags`, 0);
    }
    for (const key of ["n_eff", "p_eff"]) if (fit[key] !== undefined) numberOrNull(fit[key], `${name}.${key}`);
    if (fit.bootstrap !== undefined) {
      const ci = at.object(fit.bootstrap, `${name}.bootstrap`).ci95;
      if (ci !== null) at.array(ci, `${name}.bootstrap.ci95`).forEach((v, k) => at.number(v, `${name}.bootstrap.ci95[${k}]`));
    }
  }
  for (const name of RANGES) {
    const range = at.object(summary[name], name);
    for (const key of ["min", "max", "mean"]) numberOrNull(range[key], `${name}.${key}`);
  }
  at.integer(summary.years, "years", 1);
  return summary as unknown as RunSummary;
}
