import * as tf from "@tensorflow/tfjs";
import type { EconomyState } from "../economy/state.js";
import type { Decisions, HouseholdPolicy, MonthContext } from "../economy/policy.js";
import {
  actionDistribution,
  CONSUMPTION_CHOICES,
  CONSUMPTION_STEP,
  sampleChoice,
  workLogProbability,
  workProbability,
} from "../households/aieco/actions.js";
import type { Mlp } from "../households/aieco/network.js";
import { tensorValues } from "../households/aieco/tf.js";
import { OBSERVATION_SIZE, observeHouseholds } from "../households/aieco/observation.js";
import { householdUtility, type UtilityParameters } from "../households/aieco/reward.js";

/** One rollout fragment: T months × N households, row t·N + i. */
export interface Trajectory {
  months: number;
  households: number;
  observations: Float32Array;
  worked: Float32Array;
  choice: Float32Array;
  /** log π(action | observation) under the policy that acted. */
  logp: Float32Array;
  value: Float32Array;
  /** Raw utility (seed eq. 18) of each household-month. */
  reward: Float64Array;
  /** V of the observation after the last month (the fragment is truncated, not terminated). */
  bootstrap: Float32Array;
}

/** The critic's values for N observations. */
export function criticValues(value: Mlp, observations: Float32Array, n: number): Float32Array {
  return tensorValues(() => [value.apply(tf.tensor2d(observations, [n, OBSERVATION_SIZE]))[0]])[0];
}

/**
 * The learning households inside a real simulation: each month they sample actions from the shared policy
 * (consumption with the run's RNG; work through the economy's own Bernoulli draw of eq. 5, so the action taken
 * is the `worked` outcome) and record observation, action, log-probability, value and reward (seed eq. 18).
 */
export class RolloutPolicy implements HouseholdPolicy {
  readonly name = "aieco-training";
  private readonly t: Trajectory;
  private readonly workLogit: Float32Array;
  private readonly choiceLogp: Float32Array;
  private month = 0;
  private priceInForce = 0;

  constructor(
    private readonly policy: Mlp,
    private readonly critic: Mlp,
    private readonly utility: UtilityParameters,
    households: number,
    months: number,
  ) {
    const rows = households * months;
    this.t = {
      months: 0,
      households,
      observations: new Float32Array(rows * OBSERVATION_SIZE),
      worked: new Float32Array(rows),
      choice: new Float32Array(rows),
      logp: new Float32Array(rows),
      value: new Float32Array(rows),
      reward: new Float64Array(rows),
      bootstrap: new Float32Array(households),
    };
    this.workLogit = new Float32Array(rows);
    this.choiceLogp = new Float32Array(rows);
  }

  /** Start a new fragment (the simulation may continue where the last one stopped). */
  reset(): void {
    this.month = 0;
  }

  /** Fill the month's propensities from the actions the rollout drew. */
  decide(context: MonthContext, out: Decisions): void {
    const n = this.t.households;
    const rows = this.t.observations.subarray(this.month * n * OBSERVATION_SIZE, (this.month + 1) * n * OBSERVATION_SIZE);
    observeHouseholds(context.economy, context.monthOfYear, this.utility.hours, rows);
    const { workLogit, consumptionLogp } = actionDistribution(this.policy, rows, n);
    this.t.value.set(criticValues(this.critic, rows, n), this.month * n);
    for (let i = 0; i < n; i++) {
      const row = this.month * n + i;
      const choice = sampleChoice(consumptionLogp, i, CONSUMPTION_CHOICES, context.rng.next());
      this.workLogit[row] = workLogit[i];
      this.choiceLogp[row] = consumptionLogp[i * CONSUMPTION_CHOICES + choice];
      this.t.choice[row] = choice;
      out.work[i] = workProbability(workLogit[i]);
      out.consumption[i] = choice * CONSUMPTION_STEP;
    }
    this.priceInForce = context.economy.price;
  }

  observe(context: MonthContext): void {
    const { savings, spend, worked } = context.economy;
    const n = this.t.households;
    for (let i = 0; i < n; i++) {
      const row = this.month * n + i;
      this.t.worked[row] = worked[i];
      this.t.logp[row] = workLogProbability(worked[i], this.workLogit[row]) + this.choiceLogp[row];
      this.t.reward[row] = householdUtility(savings[i], spend[i], worked[i], this.priceInForce, this.utility);
    }
    this.month++;
  }

  /** The fragment so far, with the critic's value of the state the economy is now in (month `nextMonthOfYear`). */
  trajectory(state: Readonly<EconomyState>, nextMonthOfYear: number): Trajectory {
    const n = this.t.households;
    const next = new Float32Array(n * OBSERVATION_SIZE);
    observeHouseholds(state, nextMonthOfYear, this.utility.hours, next);
    this.t.bootstrap.set(criticValues(this.critic, next, n));
    this.t.months = this.month;
    return this.t;
  }
}
