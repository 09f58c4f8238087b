/**
 * The business-cycle facts of one configuration over many seeds against the US value: one seed's table is as noisy
 * as one seed's Phillips r, so the model is judged by the distribution of each statistic over seeds.
 */
import type { SeedRun } from "./acrossSeeds.js";
import { businessCycleTable, CYCLE_STATISTICS, type BusinessCycleRow, type CycleStatistic } from "./businessCycle.js";
import { describeSample, type SampleDescription } from "../stats/describeSample.js";
import { quarterlySeries, CYCLE_SERIES, type CycleSeries } from "./quarterlySeries.js";

/** One statistic of one series: the model's values over seeds and where the US value falls among them. */
export interface CycleComparison {
  series: CycleSeries;
  statistic: CycleStatistic;
  /** The US value (2001–2020), null where undefined. */
  us: number | null;
  /** The model's distribution over seeds (median, 10–90 %, …). */
  model: SampleDescription;
  /** Share of seeds whose value is ≤ the US value (0: the US is below every seed, 1: above every seed); null without both. */
  us_quantile: number | null;
  /** Whether the US value lies within the model's 10–90 % range over seeds. */
  us_within_80: boolean | null;
}

/**
 * The business-cycle table ({@link businessCycleTable}) of every seed's run, in the order given.
 * @param runs in-memory runs with monthly rows (e.g. from runSeeds)
 * @param households N of the runs
 * @throws Error if a run has no monthly rows
 * @example
 * seedBusinessCycles(await runSeeds({ policy: "cats" }, seeds), 100)[0]; // seed 1's five rows
 */
export function seedBusinessCycles(runs: readonly SeedRun[], households: number): BusinessCycleRow[][] {
  return runs.map((run) => {
    if (!run.monthly) throw new Error(`seedBusinessCycles: seed ${run.seed} has no monthly rows (run it in memory, e.g. with runSeeds)`);
    return businessCycleTable(quarterlySeries(run.monthly, households));
  });
}

/**
 * Each statistic's distribution over seeds beside the US value, series by series (rows in {@link CYCLE_SERIES} then
 * {@link CYCLE_STATISTICS} order, or the statistics asked for).
 *
 * @param perSeed one business-cycle table per seed ({@link seedBusinessCycles})
 * @param us the US table (`businessCycleTable(usQuarterlySeries())`)
 * @param statistics which columns to compare, default all
 * @returns {@link CycleComparison} rows
 * @throws Error if perSeed is empty
 * @example
 * compareBusinessCycles(seedBusinessCycles(runs, 100), businessCycleTable(usQuarterlySeries()), ["relative_sd"]);
 */
export function compareBusinessCycles(
  perSeed: readonly (readonly BusinessCycleRow[])[],
  us: readonly BusinessCycleRow[],
  statistics: readonly CycleStatistic[] = CYCLE_STATISTICS,
): CycleComparison[] {
  if (perSeed.length === 0) throw new Error("compareBusinessCycles: needs at least one seed");
  const find = (table: readonly BusinessCycleRow[], series: CycleSeries) => table.find((row) => row.series === series) ?? null;
  return CYCLE_SERIES.flatMap((series) =>
    statistics.map((statistic) => {
      const values = perSeed.map((table) => find(table, series)?.[statistic] ?? null);
      const model = describeSample(values);
      const usValue = find(us, series)?.[statistic] ?? null;
      const defined = values.filter((v): v is number => v !== null && Number.isFinite(v));
      const known = usValue !== null && defined.length > 0;
      return {
        series,
        statistic,
        us: usValue,
        model,
        us_quantile: known ? defined.filter((v) => v <= usValue).length / defined.length : null,
        us_within_80: known ? (model.q10 as number) <= usValue && usValue <= (model.q90 as number) : null,
      };
    }),
  );
}
