/**
 * Business-cycle statistics in the report: a run's table beside the US one (terminal), the across-seed comparison
 * as text, and a figure of each statistic's distribution over seeds per policy against the US value.
 */
import type { BusinessCycleRow, CycleStatistic } from "../analysis/businessCycle.js";
import type { CycleComparison } from "../analysis/businessCycleAcrossSeeds.js";
import { CYCLE_SERIES } from "../analysis/quarterlySeries.js";
import { distributionFigure, type DistributionGroup } from "./distribution.js";
import type { Figure } from "./plotly.js";
import { formatCell, formatTable, medianRange } from "./table.js";

/** What each statistic is called in tables and figure titles. */
export const STATISTIC_LABELS: Partial<Record<CycleStatistic, string>> = {
  sd: "SD of the cycle",
  relative_sd: "SD relative to output",
  autocorr_1: "first-order autocorrelation",
  xcorr_p0: "correlation with output",
  ar1_phi: "AR(1) coefficient",
};

const num = (v: number | null | undefined) => formatCell(v ?? null, "num");

/**
 * A run's business-cycle table beside the US 2001–2020 values, one line per series: "run / US" for the SD (percent
 * or pp), the SD relative to output, the first-order autocorrelation and the contemporaneous correlation with output.
 * @example
 * formatBusinessCycleTable(run.businessCycle, businessCycleTable(usQuarterlySeries()));
 */
export function formatBusinessCycleTable(run: readonly BusinessCycleRow[], us: readonly BusinessCycleRow[]): string {
  const both = (row: BusinessCycleRow, key: CycleStatistic) => `${num(row[key])} / ${num(us.find((u) => u.series === row.series)?.[key])}`;
  return formatTable(
    run.map((row) => ({
      series: row.series,
      sd: both(row, "sd"),
      relative_sd: both(row, "relative_sd"),
      autocorr_1: both(row, "autocorr_1"),
      xcorr_p0: both(row, "xcorr_p0"),
    })),
    [
      { key: "series", header: "series (run / US)", format: "str" },
      { key: "sd", header: "SD (% or pp)", format: "str" },
      { key: "relative_sd", header: "SD / SD(output)", format: "str" },
      { key: "autocorr_1", header: "autocorrelation", format: "str" },
      { key: "xcorr_p0", header: "corr with output", format: "str" },
    ],
  );
}

/**
 * The across-seed comparison as a table: per series and statistic, the model's median and 10–90 % range over seeds,
 * the US value and the share of seeds at or below it.
 * @example
 * formatCycleComparison(compareBusinessCycles(seedBusinessCycles(runs, 100), us, ["relative_sd", "autocorr_1"]));
 */
export function formatCycleComparison(rows: readonly CycleComparison[]): string {
  return formatTable(
    rows.map((row) => ({
      series: row.series,
      statistic: STATISTIC_LABELS[row.statistic] ?? row.statistic,
      model: medianRange(row.model, num),
      seeds: row.model.n,
      us: num(row.us),
      quantile: row.us_quantile === null ? null : `${Math.round(100 * row.us_quantile)} %`,
    })),
    [
      { key: "series", header: "series", format: "str" },
      { key: "statistic", header: "statistic", format: "str" },
      { key: "model", header: "model median [10–90 %]", format: "str" },
      { key: "seeds", header: "seeds", format: "int" },
      { key: "us", header: "US 2001–2020", format: "str" },
      { key: "quantile", header: "seeds ≤ US", format: "str" },
    ],
  );
}

/** One policy's business-cycle tables over seeds. */
export interface CycleGroup {
  label: string;
  color: string;
  seeds: (number | string)[];
  /** One table per seed, in the order of `seeds`. */
  tables: readonly (readonly BusinessCycleRow[])[];
}

/**
 * One panel per (statistic, series), statistics in rows and series in columns: each policy's values over seeds as a
 * strip with median and 10–90 % whisker, the US 2001–2020 value as a black dashed line.
 * @example
 * businessCycleFigure([{ label: "cats", color: colorAt(1), seeds, tables }], businessCycleTable(usQuarterlySeries()));
 */
export function businessCycleFigure(
  groups: readonly CycleGroup[],
  us: readonly BusinessCycleRow[],
  statistics: readonly CycleStatistic[] = ["relative_sd", "autocorr_1", "xcorr_p0"],
  title = "Business-cycle statistics over seeds against the US 2001–2020 (HP λ = 1,600, quarterly)",
): Figure {
  const panels = statistics.flatMap((statistic) =>
    CYCLE_SERIES.map((series) => {
      const usValue = us.find((row) => row.series === series)?.[statistic] ?? null;
      return {
        title: `${series}: ${STATISTIC_LABELS[statistic] ?? statistic}`,
        yTitle: statistic,
        groups: groups.map((g): DistributionGroup => ({
          label: g.label,
          color: g.color,
          seeds: g.seeds,
          values: g.tables.map((table) => table.find((row) => row.series === series)?.[statistic] ?? null),
        })),
        references: usValue === null ? [] : [{ label: "US 2001–2020", value: usValue, color: "#000000", dash: "dash" as const }],
      };
    }),
  );
  return distributionFigure(panels, { title, cols: CYCLE_SERIES.length, width: 1500, height: 300 * statistics.length + 160 });
}
