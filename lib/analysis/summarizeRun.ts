import type { AnnualRow } from "../economy/rows.js";
import type { AnnualRelation } from "./annualRelation.js";
import { okunsLaw, okunsLawPp } from "./okunsLaw.js";
import { phillipsCurve } from "./phillipsCurve.js";
import { robustInference, type RobustInference } from "./robustInference.js";
import { seriesRange, type SeriesRange } from "../stats/seriesRange.js";

/**
 * The statistics of an {@link AnnualRelation}, without the points; with a seed, followed by the
 * {@link RobustInference} fields (Spearman, Newey–West, n_eff/p_eff, block bootstrap).
 */
export type RelationSummary = Pick<AnnualRelation, "r" | "p" | "n" | "ci95" | "slope" | "intercept"> & Partial<RobustInference>;

/** The content of a run's `summary.json`. */
export interface RunSummary {
  phillips: RelationSummary;
  okun: RelationSummary;
  /** Okun's law with the unemployment change in percentage points instead of the relative change. */
  okun_pp: RelationSummary;
  price_inflation: SeriesRange;
  wage_inflation: SeriesRange;
  unemployment_rate: SeriesRange;
  real_gdp_growth: SeriesRange;
  /** Number of annual rows (simulated years). */
  years: number;
}

function relationSummary(relation: AnnualRelation, seed: number | string | undefined, name: string): RelationSummary {
  const { r, p, n, ci95, slope, intercept } = relation;
  const naive = { r, p, n, ci95, slope, intercept };
  return seed === undefined ? naive : { ...naive, ...robustInference(relation.x, relation.y, seed, name) };
}

/**
 * The headline numbers of one run, as written to `summary.json`: the Phillips-curve and Okun's-law
 * statistics and the range of the main indicators over their defined years. Keys are built in a fixed order
 * and undefined statistics are null (never NaN), so the same run always serialises to the same bytes. Given the
 * run's seed, each relation also carries inference robust to autocorrelated years ({@link robustInference}: the
 * bootstrap is seeded from it), after the naive fields, which it leaves unchanged.
 *
 * @param annual the run's annual rows, in year order
 * @param seed the run's seed; omit for the naive statistics only
 * @returns {@link RunSummary}
 * @throws Error if annual is empty
 * @example
 * JSON.stringify(summarizeRun(annualRows, 1), null, 2); // the summary.json text of a seed-1 run
 */
export function summarizeRun(annual: readonly AnnualRow[], seed?: number | string): RunSummary {
  if (annual.length === 0) throw new Error("summarizeRun: needs at least one annual row");
  const column = (name: "price_inflation" | "wage_inflation" | "unemployment_rate" | "real_gdp_growth") =>
    seriesRange(annual.map((row) => row[name]));
  return {
    phillips: relationSummary(phillipsCurve(annual), seed, "phillips"),
    okun: relationSummary(okunsLaw(annual), seed, "okun"),
    okun_pp: relationSummary(okunsLawPp(annual), seed, "okun_pp"),
    price_inflation: column("price_inflation"),
    wage_inflation: column("wage_inflation"),
    unemployment_rate: column("unemployment_rate"),
    real_gdp_growth: column("real_gdp_growth"),
    years: annual.length,
  };
}
