/**
 * How an economy responds to a scenario's shock: the same configuration run with and without the scenario on the
 * same seeds, compared year by year around the event. Using the same seeds makes the per-seed difference mostly
 * the shock's effect (the runs share every draw until the shock, and all initial conditions), so the effect is
 * computed seed by seed (scenario − baseline) and summarised with its spread over the seeds — never as a
 * difference of the two arms' medians, which need not be the median of the differences.
 */
import type { MonthlyRow } from "../economy/rows.js";
import { checkPairedSeeds, type SeedRun } from "./acrossSeeds.js";
import { describeSample } from "../stats/describeSample.js";

/** The indicators a shock is measured on: annual unemployment, real GDP growth and real consumption growth. */
export const SHOCK_INDICATORS = ["unemployment_rate", "real_gdp_growth", "consumption_growth"] as const;
/** An annual indicator whose response to a scenario is measured. */
export type ShockIndicator = (typeof SHOCK_INDICATORS)[number];

/** One indicator in one year: the per-seed effects (scenario − baseline, fractions) and their spread. */
export interface ShockEffect {
  year: number;
  indicator: ShockIndicator;
  /** Seeds with the effect defined (a growth rate needs the year before). */
  seeds: number;
  mean: number | null;
  /** Sample standard deviation over seeds (n − 1); null with fewer than 2 seeds. */
  sd: number | null;
  min: number | null;
  max: number | null;
  /** The effect of each seed, in the runs' order (null where undefined). */
  per_seed: (number | null)[];
}

/** Goods bought per year (real consumption) from a run's monthly rows. */
export function annualGoodsBought(monthly: readonly MonthlyRow[]): Map<number, number> {
  const byYear = new Map<number, number>();
  for (const row of monthly) byYear.set(row.year, (byYear.get(row.year) ?? 0) + row.goods_sold);
  return byYear;
}

function goodsOf(run: SeedRun): Map<number, number> {
  if (!run.monthly) throw new Error(`shockResponse: seed ${run.seed} has no monthly rows (run it in memory, e.g. with runSeeds)`);
  return annualGoodsBought(run.monthly);
}

function consumptionGrowth(goods: Map<number, number>, year: number): number | null {
  const [now, before] = [goods.get(year), goods.get(year - 1)];
  return now === undefined || before === undefined || before === 0 ? null : now / before - 1;
}

/**
 * For each year in `years` and each of {@link SHOCK_INDICATORS}: the effect of the scenario in every seed
 * (scenario − baseline) and its mean, standard deviation, minimum and maximum over the seeds.
 * @param baseline runs without the scenario, one per seed
 * @param scenario runs with it, on the same seeds in the same order
 * @example
 * shockResponse(await runSeeds(cfg, seeds), await runSeeds({ ...cfg, scenario: file }, seeds), [2007, 2008, 2009, 2010]);
 */
export function shockResponse(baseline: readonly SeedRun[], scenario: readonly SeedRun[], years: readonly number[]): ShockEffect[] {
  checkPairedSeeds("shockResponse", baseline, scenario);
  const row = (run: SeedRun, year: number) => {
    const found = run.annual.find((r) => r.year === year);
    if (!found) throw new Error(`shockResponse: seed ${run.seed} has no year ${year}`);
    return found;
  };
  // Each run's goods bought per year, once, not once per year asked for.
  const goods = new Map([...baseline, ...scenario].map((run) => [run, goodsOf(run)]));
  const value = (run: SeedRun, year: number, indicator: ShockIndicator): number | null =>
    indicator === "consumption_growth" ? consumptionGrowth(goods.get(run)!, year) : row(run, year)[indicator];
  return years.flatMap((year) =>
    SHOCK_INDICATORS.map((indicator): ShockEffect => {
      const perSeed = baseline.map((b, k) => {
        const [x, y] = [value(b, year, indicator), value(scenario[k], year, indicator)];
        return x === null || y === null ? null : y - x;
      });
      const d = describeSample(perSeed);
      return { year, indicator, seeds: d.n, mean: d.mean, sd: d.sd, min: d.min, max: d.max, per_seed: perSeed };
    }),
  );
}
