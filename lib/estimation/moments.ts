/**
 * The moments a calibration targets, a sensitivity analysis measures and a stylized fact bounds, named
 * `<series>.<statistic>`: the business-cycle statistics of `business_cycle.csv` (HP-filtered quarterly cycles,
 * lib/analysis/businessCycle.ts), the mean and SD of the annual indicators of `annual.csv`, and the r and slope of the
 * Phillips curve and Okun's law (`summary.json`). The same definitions give a run's value and the US value
 * (2001–2020, data/), so a gap between them is a gap in the economy, not in the measurement.
 */
import { cycles, cycleStatistics, CYCLE_STATISTICS, type CycleStatistic } from "../analysis/businessCycle.js";
import { okunsLaw, okunsLawPp } from "../analysis/okunsLaw.js";
import { phillipsCurve } from "../analysis/phillipsCurve.js";
import { CYCLE_SERIES, quarterlySeries, usQuarterlySeries, type CycleSeries } from "../analysis/quarterlySeries.js";
import { usOkunsLaw, usOkunsLawPp, usPhillipsCurve } from "../analysis/usRelations.js";
import { usMacro } from "../calibration/macro.js";
import type { AnnualRow, MonthlyRow } from "../economy/rows.js";
import { UsageError } from "../errors.js";
import { createRng, type Rng } from "../rng.js";
import { bootstrapBlock } from "../stats/blockBootstrap.js";
import { describeSample } from "../stats/describeSample.js";
import { olsLine } from "../stats/olsLine.js";
import { pearson } from "../stats/pearson.js";

/**
 * Annual indicators whose mean and SD over the years are moments (fractions, as in annual.csv).
 * @example
 * ANNUAL_SERIES.map((s) => `${s}.mean`); // ["unemployment_rate.mean", …]
 */
export const ANNUAL_SERIES = ["unemployment_rate", "price_inflation", "wage_inflation", "real_gdp_growth"] as const;
/** One of {@link ANNUAL_SERIES}. */
export type AnnualSeries = (typeof ANNUAL_SERIES)[number];
/**
 * Annual relations whose Pearson r and OLS slope are moments (x and y as in summary.json).
 * @example
 * RELATIONS.map((r) => `${r}.r`); // ["phillips.r", "okun.r", "okun_pp.r"]
 */
export const RELATIONS = ["phillips", "okun", "okun_pp"] as const;
/** One of {@link RELATIONS}. */
export type RelationName = (typeof RELATIONS)[number];

/**
 * Every moment name, in a fixed order: business cycle, annual, relations.
 * @example
 * MOMENT_NAMES.includes("price_level.relative_sd"); // true
 */
export const MOMENT_NAMES: readonly string[] = [
  ...CYCLE_SERIES.flatMap((series) => CYCLE_STATISTICS.map((statistic) => `${series}.${statistic}`)),
  ...ANNUAL_SERIES.flatMap((series) => [`${series}.mean`, `${series}.sd`]),
  ...RELATIONS.flatMap((relation) => [`${relation}.r`, `${relation}.slope`]),
];

/**
 * Other spellings of a moment, each with the name it stands for: `<series>.xcorr_0`, the usual name of the
 * contemporaneous correlation with output, is `<series>.xcorr_p0`. Only lag 0 has one: `xcorr_1` would not say
 * whether the series leads or lags output, which `xcorr_m1` (corr(output_t, x_{t−1})) and `xcorr_p1` do.
 * @example
 * MOMENT_ALIASES["real_consumption.xcorr_0"]; // "real_consumption.xcorr_p0"
 */
export const MOMENT_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(
  CYCLE_SERIES.map((series) => [`${series}.xcorr_0`, `${series}.xcorr_p0`]),
);

const KNOWN = new Set(MOMENT_NAMES);

/**
 * The name a moment is known by in outputs (calibration.csv, best.json, indices.csv, facts.csv): the name itself, or
 * the one an alias ({@link MOMENT_ALIASES}) stands for; null for a name that is neither.
 * @example
 * canonicalMomentName("unemployment.xcorr_0"); // "unemployment.xcorr_p0"
 * canonicalMomentName("phillips.r"); // "phillips.r"
 */
export function canonicalMomentName(name: string): string | null {
  const canonical = MOMENT_ALIASES[name] ?? name;
  return KNOWN.has(canonical) ? canonical : null;
}

/** What the moments are computed from: HP cycles of the quarterly series, annual indicator values, relation pairs. */
export interface MomentData {
  cycles: Record<CycleSeries, number[] | null>;
  /** Each indicator's defined values, year by year. */
  annual: Record<AnnualSeries, number[]>;
  relations: Record<RelationName, { x: number[]; y: number[] }>;
}

const ALLOWED = `<series>.<statistic>: ${CYCLE_SERIES.join(", ")} with ${CYCLE_STATISTICS.join(", ")} (xcorr_0 is xcorr_p0); ${ANNUAL_SERIES.join(", ")} with mean, sd; ${RELATIONS.join(", ")} with r, slope`;

/**
 * Check moment names: each must be one of {@link MOMENT_NAMES} or an alias of one ({@link MOMENT_ALIASES}), no
 * moment named twice (under either name).
 *
 * @param names the names as given
 * @param field the input field, for the error
 * @returns the names as outputs write them ({@link canonicalMomentName}), in the order given
 * @throws UsageError naming the field, the unknown name and the allowed ones (one line)
 * @example
 * checkMomentNames(["phillips.r", "real_consumption.xcorr_0"], "moments"); // ["phillips.r", "real_consumption.xcorr_p0"]
 */
export function checkMomentNames(names: readonly unknown[], field: string): string[] {
  if (names.length === 0) throw new UsageError(field, names, `at least one moment, ${ALLOWED}`);
  const seen = new Map<string, string>();
  return names.map((name) => {
    const canonical = typeof name === "string" ? canonicalMomentName(name) : null;
    if (canonical === null) throw new UsageError(field, name, ALLOWED);
    const earlier = seen.get(canonical);
    if (earlier !== undefined) throw new UsageError(field, name, earlier === name ? "each moment once" : `each moment once (${earlier} is the same moment)`);
    seen.set(canonical, name as string);
    return canonical;
  });
}

const defined = (values: readonly (number | null)[]) => values.filter((v): v is number => v !== null && Number.isFinite(v));

/**
 * The moment data of one run, from its annual and monthly rows (in memory or read back from its directory).
 *
 * @param annual the run's annual rows
 * @param monthly the run's monthly rows (whole quarters)
 * @param households N of the run
 * @example
 * const data = runMomentData(simulation.annual, simulation.monthly, 100);
 */
export function runMomentData(annual: readonly AnnualRow[], monthly: readonly MonthlyRow[], households: number): MomentData {
  const pairs = (relation: { x: number[]; y: number[] }) => ({ x: relation.x, y: relation.y });
  return {
    cycles: cycles(quarterlySeries(monthly, households)),
    annual: Object.fromEntries(ANNUAL_SERIES.map((s) => [s, defined(annual.map((row) => row[s]))])) as Record<AnnualSeries, number[]>,
    relations: { phillips: pairs(phillipsCurve(annual)), okun: pairs(okunsLaw(annual)), okun_pp: pairs(okunsLawPp(annual)) },
  };
}

/**
 * The US moment data, 2001–2020: the FRED quarterly series (data/us_quarterly_2000_2020.csv, us_monthly_2000_2020.csv)
 * and annual indicators (data/us_macro_2001_2020.csv: unemployment, CPI inflation as price inflation, average hourly
 * earnings growth as wage inflation, real GDP growth), with the relations of lib/analysis/usRelations.ts.
 *
 * @example
 * momentValues(usMomentData(), ["phillips.r"]); // [-0.23]
 */
export function usMomentData(): MomentData {
  const rows = usMacro();
  const pairs = (relation: { x: number[]; y: number[] }) => ({ x: relation.x, y: relation.y });
  return {
    cycles: cycles(usQuarterlySeries()),
    annual: {
      unemployment_rate: rows.map((r) => r.unemployment_pct / 100),
      price_inflation: rows.map((r) => r.cpi_inflation_pct / 100),
      wage_inflation: rows.map((r) => r.ahe_growth_pct / 100),
      real_gdp_growth: rows.map((r) => r.real_gdp_growth_pct / 100),
    },
    relations: { phillips: pairs(usPhillipsCurve(rows)), okun: pairs(usOkunsLaw(rows)), okun_pp: pairs(usOkunsLawPp(rows)) },
  };
}

/**
 * The named moments of one set of data, null where undefined (a constant series has no correlation, too few
 * quarters no AR fit).
 *
 * @param data {@link MomentData}
 * @param names moment names ({@link checkMomentNames}; an alias gives the value of the name it stands for)
 * @returns one value per name
 * @throws Error for a name that is not a moment (input is checked before, by {@link checkMomentNames})
 * @example
 * momentValues(usMomentData(), ["real_consumption.relative_sd", "unemployment_rate.mean"]); // [≈0.98?, 0.061]
 */
export function momentValues(data: MomentData, names: readonly string[]): (number | null)[] {
  const table = names.some((n) => (CYCLE_SERIES as readonly string[]).includes(n.split(".")[0])) ? cycleStatistics(data.cycles) : null;
  return names.map((given) => {
    const name = canonicalMomentName(given);
    if (name === null) throw new Error(`momentValues: unknown moment ${JSON.stringify(given)} (see MOMENT_NAMES)`);
    const [series, statistic] = name.split(".");
    if (table) {
      const row = table.find((r) => r.series === series);
      if (row) return row[statistic as CycleStatistic];
    }
    if ((ANNUAL_SERIES as readonly string[]).includes(series)) {
      const d = describeSample(data.annual[series as AnnualSeries]);
      return statistic === "mean" ? d.mean : d.sd;
    }
    const { x, y } = data.relations[series as RelationName];
    if (x.length < 3) return null;
    return statistic === "r" ? pearson(x, y).r : olsLine(x, y).slope;
  });
}

/** Moving-block resample of positions 0..n−1: ceil(n/b) blocks of b consecutive positions, cut to n. */
function blockIndices(n: number, block: number, rng: Rng): number[] {
  const out: number[] = [];
  while (out.length < n) {
    const start = rng.int(n - block + 1);
    for (let j = 0; j < block && out.length < n; j++) out.push(start + j);
  }
  return out;
}

/**
 * Quarters per block when resampling cycles: two years, so that autocorrelations up to lag 4 survive inside blocks.
 * @example
 * QUARTER_BLOCK; // 8
 */
export const QUARTER_BLOCK = 8;

/**
 * The sampling variance of each moment of the data by a moving-block bootstrap (Künsch 1989): the cycles' quarters
 * are resampled together in blocks of {@link QUARTER_BLOCK}, each annual indicator's years and each relation's
 * pairs in blocks of ceil(n^(1/3)) ({@link bootstrapBlock}); the moments are recomputed on every resample, and the
 * variance (n − 1) of the defined values is returned (0 when fewer than two resamples define it).
 *
 * @param data the data, e.g. {@link usMomentData}
 * @param names moment names
 * @param seed seed of the resampling
 * @param draws resamples, default 500
 * @returns one variance per name
 * @example
 * momentVariances(usMomentData(), ["phillips.r"], 1); // [≈0.05]
 */
export function momentVariances(data: MomentData, names: readonly string[], seed: number | string, draws = 500): number[] {
  const rng = createRng(`${seed}/moment-bootstrap`);
  const values: (number | null)[][] = [];
  const quarters = CYCLE_SERIES.map((s) => data.cycles[s]?.length ?? 0).reduce((a, b) => Math.max(a, b), 0);
  for (let d = 0; d < draws; d++) {
    const q = quarters >= QUARTER_BLOCK ? blockIndices(quarters, QUARTER_BLOCK, rng) : null;
    const resample = <T>(v: readonly T[], index: number[]) => index.map((i) => v[i]);
    const resampled: MomentData = {
      cycles: Object.fromEntries(CYCLE_SERIES.map((s) => [s, q && data.cycles[s] ? resample(data.cycles[s]!, q) : data.cycles[s]])) as MomentData["cycles"],
      annual: Object.fromEntries(
        ANNUAL_SERIES.map((s) => {
          const v = data.annual[s];
          return [s, v.length > 0 ? resample(v, blockIndices(v.length, bootstrapBlock(v.length), rng)) : v];
        }),
      ) as MomentData["annual"],
      relations: Object.fromEntries(
        RELATIONS.map((s) => {
          const { x, y } = data.relations[s];
          const index = x.length > 0 ? blockIndices(x.length, bootstrapBlock(x.length), rng) : [];
          return [s, { x: resample(x, index), y: resample(y, index) }];
        }),
      ) as MomentData["relations"],
    };
    values.push(momentValues(resampled, names));
  }
  return names.map((_, j) => {
    const d = describeSample(values.map((v) => v[j]));
    return d.sd === null ? 0 : d.sd ** 2;
  });
}
