import * as path from "node:path";
import { duckdb } from "./duckdb.js";
import { mean } from "../stats/mean.js";
import { pairedEffect, type PairedEffect, type PairedEffectOptions } from "../stats/pairedEffect.js";
import { meanRunUtilities } from "./runUtility.js";
import { openSweep, runStatus, SWEEP_FILES } from "./sweepDirectory.js";

/**
 * Per-run statistics of the annual indicators, as DuckDB aggregates over a run's rows of the sweep's annual.csv
 * (years where the indicator is undefined, e.g. year-1 inflation, are NULL and skipped by the aggregates).
 */
export const DEFAULT_RUN_STATISTICS: Readonly<Record<string, string>> = Object.freeze({
  unemployment: "avg(unemployment_rate)",
  inflation_mean: "avg(price_inflation)",
  inflation_volatility: "stddev_samp(price_inflation)",
  gini_income: "avg(gini_income)",
  real_gdp_growth: "avg(real_gdp_growth)",
});

/** One run's statistics: its cell, seed and one value per statistic (null where undefined). */
export interface RunStatistics {
  cell: string;
  seed: number | string;
  values: Record<string, number | null>;
}

/**
 * Every complete run's statistics: the aggregates (SQL over the run's annual rows, DuckDB over DIR/annual.csv)
 * and, unless `utility: false`, the mean household utility per household-month (seed eq. 18) from its decisions.
 *
 * @example
 * const rows = await runStatistics("sweeps/top-tax");
 * rows[0].values.inflation_volatility; // sd of annual inflation of that run
 */
export async function runStatistics(
  dir: string,
  statistics: Readonly<Record<string, string>> = DEFAULT_RUN_STATISTICS,
  options: { utility?: boolean } = {},
): Promise<RunStatistics[]> {
  const sweep = openSweep(dir);
  const instance = await duckdb.DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  const names = Object.keys(statistics);
  let rows: Record<string, unknown>[];
  try {
    const select = names.map((name) => `${statistics[name]} AS "${name.replace(/"/g, '""')}"`).join(", ");
    const file = path.join(sweep.dir, SWEEP_FILES.annual).replace(/'/g, "''");
    const reader = await db.runAndReadAll(`SELECT cell, CAST(seed AS VARCHAR) AS seed, ${select} FROM read_csv('${file}', header = true, sample_size = -1) GROUP BY cell, seed`);
    rows = reader.getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    db.closeSync();
    instance.closeSync();
  }
  const byRun = new Map(rows.map((r) => [`${r.cell}\u0000${r.seed}`, r]));
  const complete = sweep.runs.filter((run) => runStatus(sweep.dir, run) === "complete");
  const utilities = options.utility === false ? null : await meanRunUtilities(complete.map((run) => path.join(sweep.dir, run.dir)));
  return complete.map((run, k) => {
    const row = byRun.get(`${run.cell.id}\u0000${String(run.seed)}`);
    const values: Record<string, number | null> = {};
    for (const name of names) values[name] = row && typeof row[name] === "number" && Number.isFinite(row[name]) ? (row[name] as number) : null;
    if (utilities) values.utility = utilities[k];
    return { cell: run.cell.id, seed: run.seed, values };
  });
}

/** A cell's effect on one statistic against the reference cell, with the cell's varied options for plotting. */
export interface CellEffect extends PairedEffect {
  cell: string;
  arm: string | null;
  varied: Record<string, unknown>;
  statistic: string;
  reference: string;
  /** Mean of the statistic over the seeds of the cell and of the reference (all their seeds, not only the paired). */
  cellMean: number | null;
  referenceMean: number | null;
}

/**
 * Effects of every cell against the reference cell (the experiment's `reference`, else the first cell) on each
 * statistic, paired by seed: mean difference, t-based and bootstrap intervals (lib/analysis/pairedEffect).
 *
 * @example
 * const effects = sweepEffects("sweeps/top-tax", await runStatistics("sweeps/top-tax"));
 * effects.filter((e) => e.statistic === "unemployment");
 */
export function sweepEffects(dir: string, statistics: readonly RunStatistics[], options: PairedEffectOptions & { reference?: string } = {}): CellEffect[] {
  const sweep = openSweep(dir);
  const reference = options.reference ?? sweep.reference ?? sweep.cells[0].id;
  const names = [...new Set(statistics.flatMap((r) => Object.keys(r.values)))];
  const of = (cell: string, name: string) => new Map(statistics.filter((r) => r.cell === cell).map((r) => [r.seed, r.values[name] ?? null] as [number | string, number | null]));
  const meanOf = (values: Map<number | string, number | null>) => {
    const defined = [...values.values()].filter((v): v is number => v !== null);
    return defined.length > 0 ? mean(defined) : null;
  };
  const effects: CellEffect[] = [];
  for (const name of names) {
    const ref = of(reference, name);
    for (const cell of sweep.cells) {
      if (cell.id === reference) continue;
      const values = of(cell.id, name);
      effects.push({ cell: cell.id, arm: cell.arm, varied: cell.varied, statistic: name, reference, cellMean: meanOf(values), referenceMean: meanOf(ref), ...pairedEffect(values, ref, options) });
    }
  }
  return effects;
}
