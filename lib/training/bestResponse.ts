import type { HouseholdPolicy } from "../economy/policy.js";
import type { RunConfig } from "../run/config.js";
import { createSimulation } from "../run/createSimulation.js";
import { householdBehaviour } from "./behaviour.js";

/** `base` with one household's work propensity forced to `work` every month; every other choice unchanged. */
export function forcedWork(base: HouseholdPolicy, household: number, work: number): HouseholdPolicy {
  return {
    ...base,
    async decide(context, out) {
      await base.decide(context, out);
      out.work[household] = work;
    },
  };
}

/** One household's utility under the policy as trained and under the two pure work strategies. */
export interface WorkDeviation {
  household: number;
  initial_wage: number;
  as_trained: number;
  always_work: number;
  never_work: number;
  /** The best of the three for this household. */
  best: "as trained" | "always work" | "never work";
}

/**
 * A unilateral best-response check of the work decision (a Nash-style test of a shared policy): run the economy as
 * the policy plays, then, for each listed household, rerun the same economy (same seed) with that household always
 * working and with it never working, everyone else unchanged, and compare its mean utility (seed eq. 18). One
 * household is 1/N of the economy, so prices barely move; if a pure strategy beats the policy, the policy is not a
 * best response for that household. Costs 1 + 2 × households runs.
 * @example
 * await workDeviations(() => aiEconomistPolicy(weights, 168), { households: 100, months: 240, seed: 1 }, [7, 42]);
 */
export async function workDeviations(
  makePolicy: () => Promise<HouseholdPolicy>,
  options: Partial<RunConfig>,
  households: readonly number[],
): Promise<WorkDeviation[]> {
  const behaviourUnder = async (policy: HouseholdPolicy) => {
    const { simulation } = await createSimulation(options, policy);
    try {
      return await householdBehaviour(simulation);
    } finally {
      await policy.close?.();
    }
  };
  const trained = await behaviourUnder(await makePolicy());
  const deviations: WorkDeviation[] = [];
  for (const household of households) {
    const always = (await behaviourUnder(forcedWork(await makePolicy(), household, 1)))[household].utility;
    const never = (await behaviourUnder(forcedWork(await makePolicy(), household, 0)))[household].utility;
    const strategies = [
      ["as trained", trained[household].utility],
      ["always work", always],
      ["never work", never],
    ] as const;
    deviations.push({
      household,
      initial_wage: trained[household].initial_wage,
      as_trained: trained[household].utility,
      always_work: always,
      never_work: never,
      best: strategies.reduce((a, b) => (b[1] > a[1] ? b : a))[0],
    });
  }
  return deviations;
}
