/**
 * How an economy responds to a scenario's shock: the same configuration run with and without the scenario on the
 * same seeds, compared year by year around the event. Using the same seeds makes the per-seed difference mostly
 * the shock's effect (the runs share every draw until the shock, and all initial conditions).
 */
import type { MonthlyRow } from "../economy/rows.js";
import type { SeedRun } from "./acrossSeeds.js";
import { quantile } from "../stats/quantile.js";

/** One year's medians across seeds of the baseline, the scenario and their seed-by-seed difference. */
export interface ShockYear {
  year: number;
  unemployment_baseline: number;
  unemployment_scenario: number;
  unemployment_effect: number;
  real_gdp_growth_baseline: number | null;
  real_gdp_growth_scenario: number | null;
  real_gdp_growth_effect: number | null;
  /** Growth of goods bought over the year (real consumption). */
  consumption_growth_baseline: number | null;
  consumption_growth_scenario: number | null;
  consumption_growth_effect: number | null;
}

/** Goods bought per year (real consumption) from a run's monthly rows. */
export function annualGoodsBought(monthly: readonly MonthlyRow[]): Map<number, number> {
  const byYear = new Map<number, number>();
  for (const row of monthly) byYear.set(row.year, (byYear.get(row.year) ?? 0) + row.goods_sold);
  return byYear;
}

const median = (values: (number | null)[]): number | null => {
  const defined = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return defined.length ? quantile(defined, 0.5) : null;
};

function goodsOf(run: SeedRun): Map<number, number> {
  if (!run.monthly) throw new Error(`shockResponse: seed ${run.seed} has no monthly rows (run it in memory, e.g. with runSeeds)`);
  return annualGoodsBought(run.monthly);
}

function consumptionGrowth(goods: Map<number, number>, year: number): number | null {
  const [now, before] = [goods.get(year), goods.get(year - 1)];
  return now === undefined || before === undefined || before === 0 ? null : now / before - 1;
}

/**
 * Medians across seeds, for each year in `years`, of unemployment, real GDP growth and real consumption growth
 * without and with the scenario, and of the per-seed effect (scenario − baseline).
 * @param baseline runs without the scenario, one per seed
 * @param scenario runs with it, on the same seeds in the same order
 * @example
 * shockResponse(await runSeeds(cfg, seeds), await runSeeds({ ...cfg, scenario: file }, seeds), [2007, 2008, 2009, 2010]);
 */
export function shockResponse(baseline: readonly SeedRun[], scenario: readonly SeedRun[], years: readonly number[]): ShockYear[] {
  if (baseline.length !== scenario.length || baseline.some((run, k) => run.seed !== scenario[k].seed)) {
    throw new Error("shockResponse: the baseline and scenario runs must use the same seeds in the same order");
  }
  const row = (run: SeedRun, year: number) => {
    const found = run.annual.find((r) => r.year === year);
    if (!found) throw new Error(`shockResponse: seed ${run.seed} has no year ${year}`);
    return found;
  };
  // Each run's goods bought per year, once, not once per year asked for.
  const goods = new Map([...baseline, ...scenario].map((run) => [run, goodsOf(run)]));
  return years.map((year) => {
    const pairs = baseline.map((b, k) => [b, scenario[k]] as const);
    const stat = (pick: (run: SeedRun) => number | null) => {
      const b = pairs.map(([x]) => pick(x));
      const s = pairs.map(([, y]) => pick(y));
      const d = pairs.map((_, k) => (b[k] === null || s[k] === null ? null : (s[k] as number) - (b[k] as number)));
      return [median(b), median(s), median(d)] as const;
    };
    const [ub, us, ue] = stat((run) => row(run, year).unemployment_rate);
    const [gb, gs, ge] = stat((run) => row(run, year).real_gdp_growth);
    const [cb, cs, ce] = stat((run) => consumptionGrowth(goods.get(run)!, year));
    return {
      year,
      unemployment_baseline: ub as number,
      unemployment_scenario: us as number,
      unemployment_effect: ue as number,
      real_gdp_growth_baseline: gb,
      real_gdp_growth_scenario: gs,
      real_gdp_growth_effect: ge,
      consumption_growth_baseline: cb,
      consumption_growth_scenario: cs,
      consumption_growth_effect: ce,
    };
  });
}
