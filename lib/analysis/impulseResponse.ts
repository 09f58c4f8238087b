/**
 * The quarterly impulse response of a scenario: the scenario run minus the baseline run of the same seed, quarter by
 * quarter, for one business-cycle series — in percent of the baseline level (100·Δlog) or, for unemployment, in
 * percentage points — with the median and 10–90 % band over seeds. Pairing by seed removes the seeds' common noise
 * (both runs share every draw until the shock), so the band is the spread of the effect itself.
 */
import { checkPairedSeeds, type SeedRun } from "./acrossSeeds.js";
import { quarterlySeries, type CycleSeries } from "./quarterlySeries.js";
import { quantile } from "../stats/quantile.js";

/** Per quarter: the median and 10–90 % band over seeds of the per-seed effect; null where no seed defines it. */
export interface ImpulseResponse {
  series: CycleSeries;
  /** Calendar year and quarter (1..4) of each point, from the runs' first year. */
  year: number[];
  quarter: number[];
  median: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
  /** Seeds paired. */
  seeds: number;
}

/**
 * Scenario minus baseline, paired by seed, for `series` ({@link ImpulseResponse}).
 *
 * @param baseline in-memory runs without the scenario (with monthly rows), one per seed
 * @param scenario runs with it, the same seeds in the same order
 * @param households N of the runs
 * @param series which series (real_gdp, real_consumption, price_level, mean_wage: 100·log difference; unemployment: pp)
 * @throws Error if the seeds do not pair, a run has no monthly rows, or the runs have different lengths
 * @example
 * impulseResponse(base, crisis, 100, "real_gdp").median; // % deviation of real GDP from the no-crisis economy
 */
export function impulseResponse(
  baseline: readonly SeedRun[],
  scenario: readonly SeedRun[],
  households: number,
  series: CycleSeries,
): ImpulseResponse {
  checkPairedSeeds("impulseResponse", baseline, scenario);
  const quarterly = (run: SeedRun) => {
    if (!run.monthly) throw new Error(`impulseResponse: seed ${run.seed} has no monthly rows (run it in memory, e.g. with runSeeds)`);
    return quarterlySeries(run.monthly, households)[series];
  };
  const effects = baseline.map((b, k) => {
    const [x, y] = [quarterly(b), quarterly(scenario[k])];
    if (x.length !== y.length) throw new Error(`impulseResponse: seed ${b.seed}'s runs have different lengths`);
    return x.map((base, t) => {
      if (series === "unemployment") return y[t] - base;
      return base > 0 && y[t] > 0 ? 100 * (Math.log(y[t]) - Math.log(base)) : null;
    });
  });
  const firstYear = baseline[0].monthly![0].year;
  const out: ImpulseResponse = { series, year: [], quarter: [], median: [], lower: [], upper: [], seeds: baseline.length };
  effects[0].forEach((_, t) => {
    const values = effects.map((e) => e[t]).filter((v): v is number => v !== null && Number.isFinite(v));
    const at = (p: number) => (values.length ? quantile(values, p) : null);
    out.year.push(firstYear + Math.floor(t / 4));
    out.quarter.push((t % 4) + 1);
    out.median.push(at(0.5));
    out.lower.push(at(0.1));
    out.upper.push(at(0.9));
  });
  return out;
}
