/**
 * CSV cells for the run outputs: numbers in JavaScript's shortest round-trip form (so files are byte-identical
 * for identical runs and lose no precision), null as an empty cell, text quoted only when it must be.
 * @example
 * csvCell(0.1 + 0.2); // "0.30000000000000004"
 * csvCell(null); // ""
 */
export function csvCell(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * One CSV line of cells (see csvCell), newline-terminated.
 * @example
 * csvLine([1, "cashier", null]); // "1,cashier," and a newline
 */
export function csvLine(values: readonly (number | string | null | undefined)[]): string {
  return values.map(csvCell).join(",") + "\n";
}

/**
 * A whole table: header line then one line per row, columns in the given order.
 * @example
 * csvTable(["month", "job"], [{ month: 1, job: "cashier" }, { month: 2, job: null }]); // "month,job\n1,cashier\n2,\n"
 */
export function csvTable<K extends string>(columns: readonly K[], rows: readonly Partial<Record<K, number | string | null>>[]): string {
  return csvLine(columns) + rows.map((row) => csvLine(columns.map((c) => row[c]))).join("");
}

/**
 * Parse a CSV produced by {@link csvTable} (quoted cells allowed) into rows of numbers, text or null (empty cells).
 * Cells that read as finite numbers become numbers.
 * @example
 * parseCsv('month,job\n1,cashier\n2,\n3,"a, b"\n');
 * // [{ month: 1, job: "cashier" }, { month: 2, job: null }, { month: 3, job: "a, b" }]
 */
export function parseCsv(text: string): Record<string, number | string | null>[] {
  const records = csvRecords(text);
  if (records.length === 0) return [];
  const header = records[0];
  return records.slice(1).map((cells) => {
    const row: Record<string, number | string | null> = {};
    header.forEach((column, k) => {
      const cell = cells[k] ?? "";
      row[column] = cell === "" ? null : Number.isFinite(Number(cell)) ? Number(cell) : cell;
    });
    return row;
  });
}

/**
 * A CSV text's records (the header first) as cells of text, quoted cells unquoted: for readers that check a file's
 * shape before trusting it (lib/run/runTables.ts).
 * @example
 * csvRecords('a,b\n1,"x, y"\n'); // [["a", "b"], ["1", "x, y"]]
 */
export function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (quoted) {
      if (ch === '"' && text[k + 1] === '"') {
        cell += '"';
        k++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n") {
      cells.push(cell);
      records.push(cells);
      cells = [];
      cell = "";
    } else if (ch !== "\r") cell += ch;
  }
  if (cell !== "" || cells.length > 0) records.push([...cells, cell]);
  return records;
}
