import { jStat } from "jstat";
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

/** One household's gains from the two pure work strategies over the policy as trained, across economy seeds. */
export interface DeviationSummary {
  household: number;
  initial_wage: number;
  seeds: number;
  /** Mean over seeds of always_work − as_trained, and its standard error (sd / √seeds). */
  always_gain: number;
  always_gain_se: number;
  /** Mean over seeds of never_work − as_trained, and its standard error. */
  never_gain: number;
  never_gain_se: number;
  /** The two-sided 95 % Student-t critical value with seeds − 1 degrees of freedom (4.30 for 3 seeds). */
  t_critical: number;
  /**
   * A pure strategy whose mean gain exceeds `t_critical` standard errors (the larger if both); "as trained" if both
   * lose by more than that. With 3 seeds, 2 SE would be a test at about 82 % confidence, not 95 %.
   */
  best: "always work" | "never work" | "as trained" | "within noise";
}

const meanAndSe = (values: number[]) => {
  const n = values.length;
  const m = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((acc, v) => acc + (v - m) ** 2, 0) / (n - 1) : NaN;
  return { mean: m, se: Math.sqrt(variance / n) };
};

/**
 * Summarise {@link workDeviations} run on several economy seeds (one array per seed, the same households in the
 * same order): the mean gain of always and of never working over the policy as trained, with its Monte-Carlo
 * standard error over the seeds, and which strategy is better by more than the 95 % t critical value (seeds − 1
 * degrees of freedom) times its standard error: a one-sample t test of the gain at 5 %, two-sided.
 * @example
 * summarizeDeviations([await workDeviations(make, { ...cfg, seed: 1 }, ids), await workDeviations(make, { ...cfg, seed: 2 }, ids)]);
 */
export function summarizeDeviations(bySeed: readonly (readonly WorkDeviation[])[]): DeviationSummary[] {
  if (bySeed.length < 2) throw new Error("summarizeDeviations: standard errors need at least 2 seeds");
  return bySeed[0].map((first, k) => {
    const rows = bySeed.map((seed) => seed[k]);
    if (rows.some((r) => r.household !== first.household)) throw new Error("summarizeDeviations: every seed must list the same households in the same order");
    const always = meanAndSe(rows.map((r) => r.always_work - r.as_trained));
    const never = meanAndSe(rows.map((r) => r.never_work - r.as_trained));
    const t = jStat.studentt.inv(0.975, rows.length - 1);
    const wins = [["always work", always], ["never work", never]].filter(([, g]) => (g as typeof always).mean > t * (g as typeof always).se) as [DeviationSummary["best"], typeof always][];
    const best: DeviationSummary["best"] = wins.length
      ? wins.reduce((a, b) => (b[1].mean > a[1].mean ? b : a))[0]
      : always.mean < -t * always.se && never.mean < -t * never.se ? "as trained" : "within noise";
    return {
      household: first.household,
      initial_wage: first.initial_wage,
      seeds: rows.length,
      always_gain: always.mean,
      always_gain_se: always.se,
      never_gain: never.mean,
      never_gain_se: never.se,
      t_critical: t,
      best,
    };
  });
}

/**
 * The wage at which a gain changes sign, by linear interpolation in log wage between the two probed households
 * that bracket the first sign change in the given direction ("falling": from gain > 0 to ≤ 0, e.g. never working
 * pays at low wages only; "rising": from < 0 to ≥ 0, e.g. always working pays at high wages only); null if none.
 * @param wages probed wages, increasing
 * @example
 * zeroCrossing([10, 40], [3, -1], "falling"); // exp(ln 10 + (ln 40 − ln 10)·3/4) = 28.28
 */
export function zeroCrossing(wages: readonly number[], gains: readonly number[], direction: "falling" | "rising"): number | null {
  const g = direction === "falling" ? gains : gains.map((v) => -v);
  for (let k = 0; k + 1 < wages.length; k++) {
    if (g[k] > 0 && g[k + 1] <= 0) {
      const [a, b] = [Math.log(wages[k]), Math.log(wages[k + 1])];
      return Math.exp(a + ((b - a) * g[k]) / (g[k] - g[k + 1]));
    }
  }
  return null;
}
