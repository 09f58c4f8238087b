import type { Simulation } from "../economy/simulation.js";
import { householdUtility, OFFICIAL_UTILITY, type UtilityParameters } from "../households/aieco/reward.js";

/** What one household did over a run, averaged over its months. */
export interface HouseholdBehaviour {
  household: number;
  /** Hourly wage at the start of the run (wages then move with the economy, eq. 8). */
  initial_wage: number;
  /** Mean work propensity p^w the policy chose. */
  work_propensity: number;
  /** Share of months actually worked (the eq. 5 draws). */
  worked: number;
  /** Mean consumption propensity p^c. */
  consumption_propensity: number;
  /** Mean money after purchases, in months of the household's own income on offer (168·w). */
  savings_months: number;
  /** Mean utility per month (seed eq. 18). */
  utility: number;
}

/**
 * Run a simulation to its end and record, per household, what its policy chose and what came of it: the
 * behaviour of trained (or any) households, e.g. which households choose not to work.
 * @example
 * const { simulation } = await createSimulation({ policy: "aieco", households: 100, months: 240, seed: 1 });
 * const rows = await householdBehaviour(simulation);
 */
export async function householdBehaviour(
  simulation: Simulation,
  utility: UtilityParameters = OFFICIAL_UTILITY,
): Promise<HouseholdBehaviour[]> {
  const s = simulation.state;
  const n = s.n;
  const hours = simulation.params.hoursPerMonth;
  const initialWage = Float64Array.from(s.wage);
  const sums = { work: new Float64Array(n), worked: new Float64Array(n), consumption: new Float64Array(n), savings: new Float64Array(n), utility: new Float64Array(n) };
  let months = 0;
  while (!simulation.done) {
    const price = s.price;
    await simulation.step();
    months++;
    const { work, consumption } = simulation.decisions;
    for (let i = 0; i < n; i++) {
      sums.work[i] += work[i];
      sums.worked[i] += s.worked[i];
      sums.consumption[i] += consumption[i];
      sums.savings[i] += s.savings[i] / Math.max(hours * s.wage[i], Number.MIN_VALUE);
      sums.utility[i] += householdUtility(s.savings[i], s.spend[i], s.worked[i], price, utility);
    }
  }
  return Array.from({ length: n }, (_, i) => ({
    household: i,
    initial_wage: initialWage[i],
    work_propensity: sums.work[i] / months,
    worked: sums.worked[i] / months,
    consumption_propensity: sums.consumption[i] / months,
    savings_months: sums.savings[i] / months,
    utility: sums.utility[i] / months,
  }));
}

/** Mean behaviour per initial-wage decile (decile 1 = the lowest-paid tenth), as a table row each. */
export function behaviourByWageDecile(rows: readonly HouseholdBehaviour[]): (Omit<HouseholdBehaviour, "household"> & { decile: number; households: number })[] {
  const sorted = [...rows].sort((a, b) => a.initial_wage - b.initial_wage || a.household - b.household);
  return Array.from({ length: 10 }, (_, d) => {
    const group = sorted.slice(Math.floor((d * sorted.length) / 10), Math.floor(((d + 1) * sorted.length) / 10));
    const mean = (pick: (r: HouseholdBehaviour) => number) => group.reduce((acc, r) => acc + pick(r), 0) / group.length;
    return {
      decile: d + 1,
      households: group.length,
      initial_wage: mean((r) => r.initial_wage),
      work_propensity: mean((r) => r.work_propensity),
      worked: mean((r) => r.worked),
      consumption_propensity: mean((r) => r.consumption_propensity),
      savings_months: mean((r) => r.savings_months),
      utility: mean((r) => r.utility),
    };
  });
}
