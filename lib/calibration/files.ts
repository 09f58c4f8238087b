import * as fs from "node:fs";
import { dataPath } from "../paths.js";

/** One data row of a CSV file, with typed, located access to its cells. */
export interface CsvRow {
  /** 1-based line number in the file (the header is line 1). */
  readonly line: number;
  /** The cell as text; throws if empty. */
  text(column: string): string;
  /** The cell as a finite number; throws naming file, line and column otherwise. */
  number(column: string): number;
}

/**
 * Read a small, unquoted CSV from `data/` synchronously and check its header is exactly `columns`.
 * The calibration files are plain comma-separated numbers and words, so no quoting rules are needed.
 *
 * @example
 * readCsv("us_ages_2018.csv", ["age", "population"]).map((r) => r.number("age")); // [18, 19, ..., 60]
 */
export function readCsv(file: string, columns: readonly string[]): CsvRow[] {
  const lines = fs.readFileSync(dataPath(file), "utf8").split(/\r?\n/);
  const header = lines[0].split(",");
  if (header.join(",") !== columns.join(",")) {
    throw new Error(`data/${file}: header is "${lines[0]}", expected "${columns.join(",")}"`);
  }
  const rows: CsvRow[] = [];
  lines.forEach((text, index) => {
    if (index === 0 || text.trim() === "") return;
    const cells = text.split(",");
    const line = index + 1;
    if (cells.length !== columns.length) {
      throw new Error(`data/${file} line ${line}: ${cells.length} cells, expected ${columns.length}`);
    }
    const cell = (column: string): string => {
      const value = cells[columns.indexOf(column)]?.trim();
      if (value === undefined || value === "") throw new Error(`data/${file} line ${line}: "${column}" is empty`);
      return value;
    };
    rows.push({
      line,
      text: cell,
      number(column) {
        const value = Number(cell(column));
        if (!Number.isFinite(value)) {
          throw new Error(`data/${file} line ${line}: "${column}" is not a number: ${cell(column)}`);
        }
        return value;
      },
    });
  });
  return rows;
}

/** Parse a JSON file from `data/` synchronously; the caller validates the shape. */
export function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(dataPath(file), "utf8"));
}

/** Throw a located error unless `ok`; keeps the loaders' validation to one line per rule. */
export function check(ok: boolean, file: string, problem: string): asserts ok {
  if (!ok) throw new Error(`data/${file}: ${problem}`);
}

/** True for an array of `n` finite numbers (any length when `n` is omitted). */
export function isNumberArray(value: unknown, n?: number): value is number[] {
  return (
    Array.isArray(value) &&
    (n === undefined || value.length === n) &&
    value.every((x) => typeof x === "number" && Number.isFinite(x))
  );
}

/** True for an array of `n` distinct non-empty strings. */
export function isUniqueStrings(value: unknown, n: number): value is string[] {
  return (
    Array.isArray(value) &&
    value.length === n &&
    value.every((x) => typeof x === "string" && x.trim() === x && x !== "") &&
    new Set(value).size === n
  );
}
