/**
 * `populations.csv`: with config `populations`, each month's indicators of each population (one row per month and
 * population) — how households answered by different models fare in the same economy.
 */
import type { HouseholdPolicy } from "../economy/policy.js";
import type { Simulation } from "../economy/simulation.js";

/**
 * The columns of populations.csv.
 * @example
 * POPULATION_COLUMNS[4]; // "unemployment_rate"
 */
export const POPULATION_COLUMNS = [
  "month", "population", "households", "employed", "unemployment_rate", "mean_income", "mean_consumption", "mean_savings",
  "mean_work_propensity", "mean_consumption_propensity",
] as const;
/** One row of populations.csv. */
export type PopulationRow = Record<(typeof POPULATION_COLUMNS)[number], number | string>;

/** Each household's population as an index into `names` (the order of config `populations`). */
export interface PopulationIndex {
  names: string[];
  of: Int32Array;
}

const indexes = new WeakMap<HouseholdPolicy, PopulationIndex>();

/**
 * The populations of a run's households, read from the policy once (a household's population is fixed for the
 * run); null for a run without populations.
 * @example
 * populationIndex(simulation.policy, 100)?.of[7]; // 0 or 1: the household's population in config order
 */
export function populationIndex(policy: HouseholdPolicy, households: number): PopulationIndex | null {
  const { populationOf, populations: names } = policy;
  if (!populationOf || !names) return null;
  let index = indexes.get(policy);
  if (!index) {
    const position = new Map(names.map((name, k) => [name, k]));
    index = { names: [...names], of: Int32Array.from({ length: households }, (_, i) => position.get(populationOf.call(policy, i)) ?? -1) };
    indexes.set(policy, index);
  }
  return index;
}

/**
 * The month just simulated, one row per population: its households, how many worked, the share that did not
 * (the month's unemployment rate, as monthly `employed` counts it for the whole economy), and the means of its
 * households' incomes, consumption spending, savings and propensities.
 * @example
 * populationMonthRows(simulation, index)[0]; // { month: 1, population: "small", households: 30, employed: 28, unemployment_rate: 0.0667, … }
 */
export function populationMonthRows(simulation: Simulation, index: PopulationIndex): PopulationRow[] {
  const { state: s, decisions: d } = simulation;
  const p = index.names.length;
  const sums = Array.from({ length: p }, () => ({ households: 0, employed: 0, income: 0, spend: 0, savings: 0, work: 0, consumption: 0 }));
  for (let i = 0; i < s.n; i++) {
    const t = sums[index.of[i]];
    t.households++;
    t.employed += s.worked[i];
    t.income += s.income[i];
    t.spend += s.spend[i];
    t.savings += s.savings[i];
    t.work += d.work[i];
    t.consumption += d.consumption[i];
  }
  return sums.map((t, k) => {
    const mean = (x: number) => (t.households > 0 ? x / t.households : Number.NaN);
    return {
      month: s.month, population: index.names[k], households: t.households, employed: t.employed,
      unemployment_rate: t.households > 0 ? 1 - t.employed / t.households : Number.NaN,
      mean_income: mean(t.income), mean_consumption: mean(t.spend), mean_savings: mean(t.savings),
      mean_work_propensity: mean(t.work), mean_consumption_propensity: mean(t.consumption),
    };
  });
}
