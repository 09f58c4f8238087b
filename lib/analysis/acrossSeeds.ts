/**
 * Statistics of one configuration over several seeds: per-year bands of an indicator (the spread the paper's
 * single-seed Figure 2 hides), the Phillips/Okun statistics of every seed, and a one-row summary per policy.
 */
import type { AnnualRow, MonthlyRow } from "../economy/rows.js";
import { describeSample } from "../stats/describeSample.js";
import { okunsLaw, okunsLawPp } from "./okunsLaw.js";
import { phillipsCurve } from "./phillipsCurve.js";
import { quantile } from "../stats/quantile.js";
import { seriesRange } from "../stats/seriesRange.js";

/** One run's annual rows (and, from an in-memory run, its monthly rows) and the seed that produced them. */
export interface SeedRun {
  seed: number | string;
  annual: readonly AnnualRow[];
  monthly?: readonly MonthlyRow[];
}

/**
 * Check that two arms of an experiment pair by seed (the same seeds in the same order, at least one), as paired
 * effects (scenario − baseline per seed) need.
 * @throws Error naming `caller` otherwise
 * @example
 * checkPairedSeeds("shockResponse", baseline, scenario); // throws if scenario's seeds differ from baseline's
 */
export function checkPairedSeeds(caller: string, baseline: readonly SeedRun[], scenario: readonly SeedRun[]): void {
  if (baseline.length === 0 || baseline.length !== scenario.length || baseline.some((run, k) => run.seed !== scenario[k].seed)) {
    throw new Error(`${caller}: the baseline and scenario runs must use the same seeds in the same order`);
  }
}

/** Per-year median and band of an indicator across seeds; null where no seed defines the indicator that year. */
export interface AnnualBand {
  years: number[];
  median: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
  /** Quantile levels of the band's edges, e.g. [0.1, 0.9]; [0, 1] is the min–max band. */
  coverage: [number, number];
  /** Number of runs. */
  seeds: number;
}

/**
 * Median and quantile band of an annual indicator across seeds, year by year. Years in which a seed leaves the
 * indicator undefined (null: year-1 inflation, growth from a zero base) use the seeds that define it.
 *
 * @param runs runs of the same length (same years in the same order)
 * @param column the indicator, in its annual.csv units (fractions for rates)
 * @param coverage quantile levels of the band's lower and upper edges, default [0.1, 0.9]
 * @returns {@link AnnualBand}
 * @throws Error if runs is empty, the runs' years differ, or coverage is not 0 ≤ lower ≤ upper ≤ 1
 * @example
 * annualBand(runs, "unemployment_rate").median; // the median unemployment rate of each year
 * annualBand(runs, "price_inflation", [0, 1]);  // min–max band
 */
export function annualBand(
  runs: readonly SeedRun[],
  column: keyof AnnualRow,
  coverage: [number, number] = [0.1, 0.9],
): AnnualBand {
  if (runs.length === 0) throw new Error("annualBand: needs at least one run");
  const [lo, hi] = coverage;
  if (!(lo >= 0 && lo <= hi && hi <= 1)) throw new Error(`annualBand: coverage must satisfy 0 ≤ lower ≤ upper ≤ 1, got [${lo}, ${hi}]`);
  const years = runs[0].annual.map((row) => row.year);
  for (const run of runs) {
    if (run.annual.length !== years.length || run.annual.some((row, k) => row.year !== years[k])) {
      throw new Error(`annualBand: seed ${run.seed} covers different years than seed ${runs[0].seed}`);
    }
  }
  const band: AnnualBand = { years, median: [], lower: [], upper: [], coverage: [lo, hi], seeds: runs.length };
  years.forEach((_, k) => {
    const values: number[] = [];
    for (const run of runs) {
      const v = run.annual[k][column];
      if (typeof v === "number" && Number.isFinite(v)) values.push(v);
    }
    const at = (p: number) => (values.length === 0 ? null : quantile(values, p));
    band.median.push(at(0.5));
    band.lower.push(at(lo));
    band.upper.push(at(hi));
  });
  return band;
}

/** The Phillips-curve and Okun's-law statistics of one seed (a tidy row: one per seed). */
export interface SeedStatistics {
  seed: number | string;
  phillips_r: number | null;
  phillips_p: number | null;
  okun_r: number | null;
  okun_p: number | null;
  /** Okun's law with the change of unemployment in percentage points ({@link okunsLawPp}). */
  okun_pp_r: number | null;
  okun_pp_p: number | null;
  /** Years used by the Phillips curve (19 for a 20-year run). */
  n: number;
}

/**
 * Phillips and Okun statistics of every seed, in the order given.
 * @example
 * seedStatistics(runs).map((s) => s.phillips_r); // one r per seed
 */
export function seedStatistics(runs: readonly SeedRun[]): SeedStatistics[] {
  return runs.map((run) => {
    const phillips = phillipsCurve(run.annual);
    const okun = okunsLaw(run.annual);
    const okunPp = okunsLawPp(run.annual);
    return {
      seed: run.seed,
      phillips_r: phillips.r,
      phillips_p: phillips.p,
      okun_r: okun.r,
      okun_p: okun.p,
      okun_pp_r: okunPp.r,
      okun_pp_p: okunPp.p,
      n: phillips.n,
    };
  });
}

/** One configuration over its seeds: indicator ranges in percent over all seed-years, and the spread of r. */
export interface SeedsSummary {
  seeds: number;
  /** Mean, min and max annual price inflation (%) over every seed's years 2..Y. */
  inflation_mean_pct: number | null;
  inflation_min_pct: number | null;
  inflation_max_pct: number | null;
  /** Mean, min and max annual unemployment rate (%) over every seed's years. */
  unemployment_mean_pct: number | null;
  unemployment_min_pct: number | null;
  unemployment_max_pct: number | null;
  /** Mean, min and max of the seeds' Phillips r, and the share of seeds with r > 0 (the wrong sign). */
  phillips_r_mean: number | null;
  phillips_r_min: number | null;
  phillips_r_max: number | null;
  phillips_r_positive_share: number;
  /** Mean, min and max of the seeds' Okun r (official relative-change definition). */
  okun_r_mean: number | null;
  okun_r_min: number | null;
  okun_r_max: number | null;
}

/**
 * The table row of one policy over its seeds (docs/model.md §7 quotes these ranges for the official code).
 * @throws Error if runs is empty
 * @example
 * summarizeSeeds(compositeRuns).phillips_r_positive_share; // 1 for rule-based households
 */
export function summarizeSeeds(runs: readonly SeedRun[]): SeedsSummary {
  if (runs.length === 0) throw new Error("summarizeSeeds: needs at least one run");
  const pooled = (column: "price_inflation" | "unemployment_rate") => {
    const range = seriesRange(runs.flatMap((run) => run.annual.map((row) => row[column])));
    const pct = (v: number | null) => (v === null ? null : 100 * v);
    return { mean: pct(range.mean), min: pct(range.min), max: pct(range.max) };
  };
  const inflation = pooled("price_inflation");
  const unemployment = pooled("unemployment_rate");
  const stats = seedStatistics(runs);
  const phillips = describeSample(stats.map((s) => s.phillips_r));
  const okun = describeSample(stats.map((s) => s.okun_r));
  return {
    seeds: runs.length,
    inflation_mean_pct: inflation.mean,
    inflation_min_pct: inflation.min,
    inflation_max_pct: inflation.max,
    unemployment_mean_pct: unemployment.mean,
    unemployment_min_pct: unemployment.min,
    unemployment_max_pct: unemployment.max,
    phillips_r_mean: phillips.mean,
    phillips_r_min: phillips.min,
    phillips_r_max: phillips.max,
    phillips_r_positive_share: stats.filter((s) => s.phillips_r !== null && s.phillips_r > 0).length / runs.length,
    okun_r_mean: okun.mean,
    okun_r_min: okun.min,
    okun_r_max: okun.max,
  };
}
