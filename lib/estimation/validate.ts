/**
 * `econagent validate DIR`: the stylized facts (lib/estimation/facts.ts) of a run directory or of every cell of a
 * sweep directory, written to DIR/facts.csv and as a terminal table.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError } from "../errors.js";
import { openSweep, runStatus, SWEEP_FILES } from "../experiment/sweepDirectory.js";
import { writeFileAtomic } from "../files.js";
import { formatTable } from "../report/table.js";
import { csvTable } from "../run/csv.js";
import { loadRun } from "../run/loadRun.js";
import { RUN_FILES } from "../run/runDirectory.js";
import { checkFacts, FACT_COLUMNS, type Fact, type FactRow } from "./facts.js";

/** A row of facts.csv: a fact of a run, or of one cell of a sweep (`cell` set). */
export type ValidationRow = FactRow & { cell?: string };

/**
 * The file `validate` writes into the directory it checks.
 * @example
 * path.join(runDir, FACTS_FILE); // "<run>/facts.csv"
 */
export const FACTS_FILE = "facts.csv";

function households(run: ReturnType<typeof loadRun>): number {
  return Number(run.manifest.config.households);
}

/**
 * Check the facts on a run directory (its one seed) or a sweep directory (each cell over its complete seeds; a cell
 * with runs still missing is checked on those that are complete, and `seeds` says how many), and write DIR/facts.csv.
 *
 * @param dir a run or sweep directory
 * @param facts the targets
 * @returns the rows, in fact order (per cell for a sweep)
 * @throws UsageError when dir is neither, or a sweep has no complete run
 * @example
 * validateDirectory("data/runs/composite-seed1", readTargets()).find((r) => r.fact === "phillips_curve_negative")!.pass;
 */
export function validateDirectory(dir: string, facts: readonly Fact[]): { kind: "run" | "sweep"; rows: ValidationRow[]; file: string } {
  let kind: "run" | "sweep";
  let rows: ValidationRow[];
  if (fs.existsSync(path.join(dir, SWEEP_FILES.marker))) {
    kind = "sweep";
    const sweep = openSweep(dir);
    rows = sweep.cells.flatMap((cell) => {
      const runs = sweep.runs.filter((r) => r.cell.id === cell.id && runStatus(sweep.dir, r) === "complete").map((r) => loadRun(path.join(sweep.dir, r.dir)));
      if (runs.length === 0) return [];
      const seeds = runs.map((run) => ({ seed: String(run.manifest.config.seed), annual: run.annual, monthly: run.monthly }));
      return checkFacts(facts, seeds, households(runs[0])).map((row) => ({ cell: cell.id, ...row }));
    });
    if (rows.length === 0) throw new UsageError("validate", dir, "a sweep with at least one complete run");
  } else if (fs.existsSync(path.join(dir, RUN_FILES.manifest))) {
    kind = "run";
    const run = loadRun(dir);
    rows = checkFacts(facts, [{ seed: String(run.manifest.config.seed), annual: run.annual, monthly: run.monthly }], households(run));
  } else throw new UsageError("validate", dir, "a run directory (with manifest.json) or a sweep directory (with sweep.json)");
  const file = path.join(dir, FACTS_FILE);
  const columns = kind === "sweep" ? (["cell", ...FACT_COLUMNS] as const) : FACT_COLUMNS;
  writeFileAtomic(file, csvTable(columns, rows.map((r) => ({ ...r, pass: r.pass ? "pass" : "fail" }))));
  return { kind, rows, file };
}

/**
 * The facts as a terminal table: the band, the value (median over seeds), the share of seeds inside, pass/fail;
 * rows may carry a label (a cell, a policy).
 * @example
 * factTable(validateDirectory(dir, readTargets()).rows);
 */
export function factTable(rows: readonly (FactRow & { cell?: string })[]): string {
  const num = (v: number | null) => (v === null ? "–" : String(Number(v.toPrecision(3))));
  const labelled = rows.some((r) => r.cell !== undefined);
  return formatTable(
    rows.map((r) => ({
      cell: r.cell ?? "",
      fact: r.fact,
      band: `[${num(r.low)}, ${num(r.high)}]`,
      value: num(r.value),
      inside: `${Math.round(r.share_inside * r.seeds)}/${r.seeds}`,
      pass: r.pass ? "pass" : "FAIL",
    })),
    [
      ...(labelled ? [{ key: "cell", header: "", format: "str" as const }] : []),
      { key: "fact", header: "fact", format: "str" },
      { key: "band", header: "band", format: "str" },
      { key: "value", header: rows.some((r) => r.seeds > 1) ? "median" : "value", format: "str" },
      { key: "inside", header: "seeds inside", format: "str" },
      { key: "pass", header: "", format: "str" },
    ],
  );
}
