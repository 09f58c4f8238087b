/**
 * A run directory as danfojs DataFrames, and the report figures built from those frames, so a notebook of one's
 * own needs three lines to start:
 *
 * ```ts
 * const run = loadRunFrames("data/runs/composite-seed1");
 * showTable(run.annual);
 * await showFigure(annualFigureOf(run), "my-annual");
 * ```
 *
 * The figure builders read the frames (not the files), so a frame filtered first — e.g. to some years — is
 * drawn as filtered.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as dfd from "danfojs";
import type { DataFrame } from "danfojs";
import { okunsLaw } from "../analysis/okunsLaw.js";
import { phillipsCurve } from "../analysis/phillipsCurve.js";
import type { RunSummary } from "../analysis/summarizeRun.js";
import type { AnnualRow } from "../economy/rows.js";
import { comparisonFigure, comparisonPhillipsOkunFigure } from "../report/comparison.js";
import { annualIndicatorsFigure, phillipsOkunFigure } from "../report/figures.js";
import type { Figure } from "../report/plotly.js";
import { parseCsv } from "../run/csv.js";
import { loadRun, runTableRows, type LoadedRun } from "../run/loadRun.js";
import { RUN_FILES } from "../run/runDirectory.js";
import { projectRoot } from "../paths.js";
import { columnsOf } from "./columns.js";

/** A completed run directory as DataFrames (columns as in the files; empty cells are null). */
export interface RunFrames {
  dir: string;
  /** The directory's base name, e.g. "composite-seed1". */
  name: string;
  manifest: LoadedRun["manifest"];
  summary: RunSummary;
  /** monthly.csv: one row per month. */
  monthly: DataFrame;
  /** annual.csv: one row per year. */
  annual: DataFrame;
  /** decisions.csv (one row per household-month), or null when the run was made with `--decisions off`.
   * Read on first access: it is large (N × M rows). */
  decisions: DataFrame | null;
  /** households.csv: id, name, age, initial wage, type. */
  households: DataFrame;
  /** transcripts.jsonl of LLM runs: the decision and reflection records (columns month, household, kind,
   * prompt, answer, work, consumption, reasks, fallback, error), or null for other policies. Read on first access. */
  transcripts: DataFrame | null;
  /** The system message of an LLM run's transcript, or null. */
  systemPrompt: string | null;
  /** populations.csv of a run with config `populations`: each month's indicators of each population (e.g. its
   * unemployment rate), or null. */
  populations: DataFrame | null;
}

/** Text files larger than this are not turned into a DataFrame (a JavaScript string holds at most ~512 MB). */
const MAX_TABLE_BYTES = 256 * 1024 * 1024;

const TRANSCRIPT_COLUMNS = ["month", "household", "kind", "prompt", "answer", "work", "consumption", "reasks", "fallback", "error"];

/**
 * Load a completed run directory (relative paths from the working directory, else from the project root).
 * @throws UsageError when `dir` is not a completed run
 * @example
 * const run = loadRunFrames("data/runs/composite-seed1");
 * run.annual.shape // [20, 13]
 */
export function loadRunFrames(dir: string): RunFrames {
  const resolved = resolveRunDir(dir);
  const loaded = loadRun(resolved);
  const file = (name: string) => path.join(resolved, name);
  const transcripts = lazyValue(() => readTranscripts(file(RUN_FILES.transcripts)));
  const decisions = lazyValue(() => tableFrame(resolved, "decisions"));
  const frames = {
    dir: resolved,
    name: loaded.name,
    manifest: loaded.manifest,
    summary: loaded.summary,
    monthly: frameOf(loaded.monthly),
    annual: frameOf(loaded.annual),
    households: tableFrame(resolved, "households") ?? frameOf([]),
    populations: loaded.populations ? frameOf(loaded.populations) : null,
  } as RunFrames;
  // Getters keep loadRunFrames fast; notebooks print them as [Getter] until read.
  defineLazy(frames, "decisions", decisions);
  defineLazy(frames, "transcripts", () => transcripts().records);
  defineLazy(frames, "systemPrompt", () => transcripts().system);
  return frames;
}

/**
 * A DataFrame's rows as plain objects (column name → value).
 * @example rowsOf(run.annual)[0].year // 2001
 */
export function rowsOf<T = Record<string, number | string | boolean | null>>(df: DataFrame): T[] {
  if (df.shape[0] === 0) return [];
  return dfd.toJSON(df) as T[];
}

/**
 * Rows as a DataFrame, keeping the column order of the first row (and adding columns that appear later);
 * `columns` fixes the order and lets an empty table keep its header.
 */
export function frameOf(rows: readonly object[], columns?: string[]): DataFrame {
  const names = columns ?? columnsOf(rows);
  if (rows.length === 0) return new dfd.DataFrame([], { columns: names });
  const records = rows as Record<string, unknown>[];
  // Every row gets every column (missing → null): danfojs takes the columns of the first row only.
  const full = records.map((r) => Object.fromEntries(names.map((c) => [c, r[c] === undefined ? null : r[c]])));
  return new dfd.DataFrame(full, { columns: names });
}

/**
 * The paper's Figure 2 for one run, or the runs compared (one colour per run) for several. Legends name runs by
 * policy, or by directory when two runs share a policy.
 * @example annualFigureOf([len, cats, composite], "Rule-based households")
 */
export function annualFigureOf(frames: RunFrames | RunFrames[], title?: string): Figure {
  const runs = Array.isArray(frames) ? frames : [frames];
  if (runs.length === 1) {
    return annualIndicatorsFigure(annualRowsOf(runs[0]), title ?? `Annual indicators: ${describe(runs[0])}`);
  }
  const labels = runLabels(runs);
  return comparisonFigure(
    runs.map((run, i) => ({ label: labels[i], annual: annualRowsOf(run) })),
    title ?? "Annual indicators by run",
  );
}

/**
 * Phillips curve and Okun's law of one run (scatter, OLS line, r, p, n), or of several runs compared.
 * @example phillipsOkunFigureOf(run)
 */
export function phillipsOkunFigureOf(frames: RunFrames | RunFrames[], title?: string): Figure {
  const runs = Array.isArray(frames) ? frames : [frames];
  if (runs.length === 1) {
    const annual = annualRowsOf(runs[0]);
    return phillipsOkunFigure(phillipsCurve(annual), okunsLaw(annual), title ?? `Phillips curve and Okun's law: ${describe(runs[0])}`);
  }
  const labels = runLabels(runs);
  return comparisonPhillipsOkunFigure(
    runs.map((run, i) => {
      const annual = annualRowsOf(run);
      return { label: labels[i], phillips: phillipsCurve(annual), okun: okunsLaw(annual) };
    }),
    title,
  );
}

/** The annual frame as the analysis reads it: NaN (which danfojs operations may introduce) back to null. */
export function annualRowsOf(frames: RunFrames): AnnualRow[] {
  return rowsOf<Record<string, unknown>>(frames.annual).map(
    (row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "number" && Number.isNaN(v) ? null : v])) as AnnualRow,
  );
}

/** Legend labels: the policies, or the directory names when two runs share a policy (e.g. two seeds). */
function runLabels(runs: RunFrames[]): string[] {
  const policies = runs.map((run) => String(run.manifest.policy));
  return new Set(policies).size === policies.length ? policies : runs.map((run) => run.name);
}

function describe(run: RunFrames): string {
  return `${run.manifest.policy} (seed ${run.manifest.seed})`;
}

/** A directory given relative to the working directory, else to the project root (notebooks run in either). */
export function resolveRunDir(dir: string): string {
  if (path.isAbsolute(dir)) return dir;
  const fromCwd = path.resolve(dir);
  if (fs.existsSync(fromCwd)) return fromCwd;
  const fromRoot = path.resolve(projectRoot(), dir);
  return fs.existsSync(fromRoot) ? fromRoot : fromCwd;
}

/** A run table as a DataFrame: its CSV (read here, within the size limit) or its Parquet file; null if absent. */
function tableFrame(dir: string, table: "decisions" | "households"): DataFrame | null {
  const csv = path.join(dir, RUN_FILES[table]);
  if (fs.existsSync(csv)) return csvFrame(csv);
  const rows = runTableRows(dir, table);
  return rows === null ? null : frameOf(rows);
}

/** A CSV file written by a run or a sweep as a DataFrame (its header names the columns even without rows). */
export function csvFrame(file: string): DataFrame {
  const text = readText(file);
  // The header names the columns even when there are no rows (the run files' names never need quoting).
  const header = text.slice(0, text.indexOf("\n") < 0 ? text.length : text.indexOf("\n")).replace(/\r$/, "");
  return frameOf(parseCsv(text), header === "" ? [] : header.split(","));
}

/** transcripts.jsonl → the system message and a frame of the decision and reflection records. */
function readTranscripts(file: string): { system: string | null; records: DataFrame | null } {
  if (!fs.existsSync(file)) return { system: null, records: null };
  let system: string | null = null;
  const records: Record<string, unknown>[] = [];
  readText(file)
    .split("\n")
    .forEach((line, k) => {
      if (line.trim() === "") return;
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line);
      } catch (error) {
        throw new Error(`${file}:${k + 1}: not a JSON line (${(error as Error).message})`);
      }
      if (record.kind === "system") system = String(record.content);
      else records.push(record);
    });
  const extra = columnsOf(records).filter((c) => TRANSCRIPT_COLUMNS.indexOf(c) < 0);
  const columns = TRANSCRIPT_COLUMNS.filter((c) => c !== "error" || records.some((r) => r.error !== undefined)).concat(extra);
  return { system: system, records: frameOf(records, columns) };
}

function readText(file: string): string {
  const size = fs.statSync(file).size;
  if (size > MAX_TABLE_BYTES) {
    throw new Error(
      `${file} is ${Math.round(size / 1048576)} MB, too large for a DataFrame; read it in chunks ` +
        "(e.g. with node:readline) or rerun with fewer households or --decisions off",
    );
  }
  return fs.readFileSync(file, "utf8");
}

/** A property read on first access that can still be assigned like an ordinary one (e.g. a filtered frame). */
function defineLazy<K extends keyof RunFrames>(frames: RunFrames, key: K, read: () => RunFrames[K]): void {
  Object.defineProperty(frames, key, {
    enumerable: true,
    configurable: true,
    get: read,
    set: (value: RunFrames[K]) => Object.defineProperty(frames, key, { value: value, writable: true, enumerable: true, configurable: true }),
  });
}

function lazyValue<T>(read: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = read();
      done = true;
    }
    return value;
  };
}
