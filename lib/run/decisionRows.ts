/**
 * The decision records (`decisions.csv` / `decisions.parquet`): one row per recorded household-month, taken
 * from the simulation's typed arrays in blocks of at most {@link CHUNK_ROWS} rows, so a month of a million
 * households is never one million-row string or table in memory.
 */
import { jobTitles } from "../calibration/jobs.js";
import type { Simulation } from "../economy/simulation.js";
import { csvCell } from "./csv.js";
import type { NumberColumn } from "./parquet.js";
import { populationIndex } from "./populationRows.js";

/**
 * The columns of `decisions.csv` in the paper's economy.
 * @example
 * DECISION_COLUMNS[0]; // "month"
 */
export const DECISION_COLUMNS = [
  "month", "household", "work_propensity", "consumption_propensity", "worked", "job", "income", "tax", "transfer",
  "consumption", "savings", "rationed",
] as const;

/** With `--bank on`, after the decision columns above: the bank decisions and the household's account. */
export const BANK_DECISION_COLUMNS = [
  "saving_propensity", "borrow_propensity", "deposit", "debt", "drawn", "instalment", "missed_payments",
] as const;

/**
 * With config `populations`, last: the household's population, as its index in the configured list (0 = the first;
 * households.csv and the manifest name them).
 * @example
 * columns.includes(POPULATION_DECISION_COLUMN); // true only for a run with populations
 */
export const POPULATION_DECISION_COLUMN = "population";

/** Columns holding whole numbers (written as integers to Parquet); the others are doubles, `job` is text. */
export const INTEGER_DECISION_COLUMNS: ReadonlySet<string> = new Set(["month", "household", "worked", "rationed", "missed_payments", POPULATION_DECISION_COLUMN]);

/** Rows per block: 65,536 rows × 19 columns × 8 bytes ≈ 10 MB of values. */
export const CHUNK_ROWS = 65_536;

/**
 * A block of decision rows, column by column: `values[c * rows + r]` is column c of row r. The `job` column
 * holds the job's index in {@link jobTitleList}, or −1 for a household that did not work.
 */
export interface DecisionChunk {
  rows: number;
  columns: number;
  values: Float64Array;
}

/**
 * The job titles by job index (the `job` column's text).
 * @example
 * jobTitleList().slice(0, 3); // ["intern", "cashier", "dishwasher"] (100 titles in all)
 */
export function jobTitleList(): string[] {
  return jobTitles().flat();
}

/**
 * One decision column of the month just simulated for households `recorded[from..to)` (or households from..to-1
 * when `recorded` is null: every household): for every household, a view of the simulation's own array where
 * there is one (valid until the next month), else a new array. `job` holds the job's index in
 * {@link jobTitleList}, or −1 for a household that did not work.
 * @example
 * decisionColumn(simulation, "income", null, 0, 3); // the first three households' incomes (a view)
 */
export function decisionColumn(simulation: Simulation, name: string, recorded: Int32Array | null, from: number, to: number): NumberColumn {
  const { state: s, decisions: d, bank } = simulation;
  const rows = to - from;
  const household = (r: number) => (recorded === null ? from + r : recorded[from + r]);
  if (name === "month") return new Int32Array(rows).fill(s.month);
  if (name === "household") return recorded === null ? Int32Array.from({ length: rows }, (_, r) => from + r) : recorded.subarray(from, to);
  if (name === POPULATION_DECISION_COLUMN) {
    const index = populationIndex(simulation.policy, s.n);
    if (!index) throw new Error("decision column population without populations");
    return recorded === null ? index.of.subarray(from, to) : Int32Array.from({ length: rows }, (_, r) => index.of[recorded[from + r]]);
  }
  if (name === "job") {
    const job = new Int32Array(rows);
    for (let r = 0; r < rows; r++) job[r] = s.worked[household(r)] ? s.job[household(r)] : -1;
    return job;
  }
  const b = bank?.state;
  const sources: Record<string, NumberColumn | undefined> = {
    work_propensity: d.work, consumption_propensity: d.consumption, worked: s.worked, income: s.income, tax: s.tax,
    transfer: s.transfer, consumption: s.spend, savings: s.savings, rationed: s.rationed, saving_propensity: d.saving,
    borrow_propensity: d.borrow, deposit: b?.deposit, debt: b?.debt, drawn: b?.drawn, instalment: b?.instalment,
    missed_payments: b?.missed,
  };
  const source = sources[name];
  if (source === undefined) throw new Error(`decision column ${name} has no source (is the bank on?)`);
  if (recorded === null) return source.subarray(from, to);
  const values = new Float64Array(rows);
  for (let r = 0; r < rows; r++) values[r] = source[recorded[from + r]];
  return values;
}

/**
 * The decision rows of the month just simulated for households `recorded[from..to)` (or households from..to-1
 * when `recorded` is null: every household), column by column ({@link decisionColumn}).
 * @example
 * const chunk = decisionChunk(simulation, columns, null, 0, Math.min(CHUNK_ROWS, simulation.state.n));
 */
export function decisionChunk(
  simulation: Simulation,
  columns: readonly string[],
  recorded: Int32Array | null,
  from: number,
  to: number,
): DecisionChunk {
  const rows = to - from;
  const values = new Float64Array(rows * columns.length);
  // One native copy per column (cell by cell, this was 8 % of the main thread at 1 M × 12).
  columns.forEach((name, c) => values.set(decisionColumn(simulation, name, recorded, from, to), c * rows));
  return { rows, columns: columns.length, values };
}

/** What {@link formatDecisionCsv} needs besides the chunk: the `job` column's position and its cells. */
export interface CsvLayout {
  jobColumn: number;
  /** Each job title as a CSV cell (quoted when it must be), UTF-8 encoded. */
  jobCells: Uint8Array[];
}

/**
 * The {@link CsvLayout} of a decisions table with these columns.
 * @example
 * const layout = csvLayout(["month", "job", "hours"]);
 * layout.jobColumn; // 1
 * new TextDecoder().decode(layout.jobCells[1]); // "cashier"
 */
export function csvLayout(columns: readonly string[]): CsvLayout {
  const encoder = new TextEncoder();
  return { jobColumn: columns.indexOf("job"), jobCells: jobTitleList().map((t) => encoder.encode(csvCell(t))) };
}

/**
 * The chunk's CSV lines as UTF-8 bytes, byte for byte what `csvLine` writes for the same values (numbers in
 * JavaScript's shortest round-trip form, non-finite as empty). Self-contained — no imports, no inner functions —
 * because its source text also runs in the formatting worker threads (lib/run/csvWorkers.ts).
 *
 * Why not `csvLine`: a CPU profile of 200,000 × 12 spent 55 % of the run in it and 16 % collecting the
 * garbage of its arrays and string pieces. Here each cell's characters go straight into one byte buffer (numbers
 * are ASCII), and a cell equal to the one above it reuses its text: the transfer is the same for every
 * household, and zeros are common. What remains is V8's number → text itself.
 * @example
 * const { jobColumn, jobCells } = csvLayout(["month", "job", "hours"]);
 * // two rows, column by column: month [1, 1], job [1, -1], hours [160, 0]
 * const bytes = formatDecisionCsv(new Float64Array([1, 1, 1, -1, 160, 0]), 2, 3, jobColumn, jobCells);
 * new TextDecoder().decode(bytes); // "1,cashier,160\n1,,0\n"
 */
export function formatDecisionCsv(values: Float64Array, rows: number, columns: number, jobColumn: number, jobCells: Uint8Array[]): Uint8Array {
  let out = new Uint8Array(rows * columns * 20 + 4096);
  let p = 0;
  const lastValue = new Float64Array(columns).fill(Number.NaN);
  const lastText: string[] = new Array(columns).fill("");
  for (let r = 0; r < rows; r++) {
    // A row is at most columns × 25 bytes of numbers (e.g. "-1.2345678901234567e-100") plus a job title.
    if (p + columns * 25 + 1024 > out.length) {
      const bigger = new Uint8Array(out.length * 2);
      bigger.set(out.subarray(0, p));
      out = bigger;
    }
    for (let c = 0; c < columns; c++) {
      const v = values[c * rows + r];
      if (c === jobColumn) {
        if (v >= 0) {
          out.set(jobCells[v], p);
          p += jobCells[v].length;
        }
      } else {
        let cell: string;
        if (v === lastValue[c]) cell = lastText[c];
        else {
          cell = Number.isFinite(v) ? String(v) : "";
          lastValue[c] = v;
          lastText[c] = cell;
        }
        for (let k = 0; k < cell.length; k++) out[p++] = cell.charCodeAt(k);
      }
      out[p++] = c === columns - 1 ? 10 : 44; // "\n" or ","
    }
  }
  return out.subarray(0, p);
}
