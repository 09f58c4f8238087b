import type { Decisions, HouseholdPolicy, MonthContext } from "../../economy/policy.js";
import {
  actionDistribution,
  CONSUMPTION_CHOICES,
  CONSUMPTION_STEP,
  modeChoice,
  POLICY_HEADS,
  sampleChoice,
  workProbability,
} from "./actions.js";
import { Mlp } from "./network.js";
import { OBSERVATION_SIZE, observeHouseholds } from "./observation.js";
import { tensorflow } from "./tf.js";
import type { AiEconomistWeights } from "./weights.js";

/**
 * How the trained policy acts in a run. `sample`: consumption drawn from the policy's distribution with the run's
 * RNG (the policy as trained; reproducible from the run's seed). `greedy`: its most probable consumption share.
 * Either way the work propensity is P(work), which the economy's eq. 5 draw turns into work or not.
 */
export type AiEconomistActions = "sample" | "greedy";

/**
 * AI-Economist households (docs/model.md §7): the PPO-trained policy network shared by every household, read from a
 * weights file (`npm run train:aieco` writes `data/aieco/weights.json`). `provenance` (e.g. the file and its
 * digest) goes into the run's manifest.
 * @example
 * const households = await aiEconomistPolicy(readWeights("data/aieco/weights.json"), 168, "greedy");
 * // households.name === "aieco"; each month work[i] = P(work) in [0, 1], consumption[i] a multiple of 0.02 in [0, 1]
 */
export async function aiEconomistPolicy(
  weights: AiEconomistWeights,
  hours: number,
  actions: AiEconomistActions = "sample",
  provenance: Record<string, unknown> = {},
): Promise<HouseholdPolicy> {
  await tensorflow();
  const network = Mlp.fromJson(weights.network.layers, POLICY_HEADS);
  let observations = new Float32Array(0);
  return {
    name: "aieco",
    decide(context: MonthContext, out: Decisions) {
      const n = context.economy.n;
      if (observations.length !== n * OBSERVATION_SIZE) observations = new Float32Array(n * OBSERVATION_SIZE);
      observeHouseholds(context.economy, context.monthOfYear, hours, observations);
      const { workLogit, consumptionLogp } = actionDistribution(network, observations, n);
      for (let i = 0; i < n; i++) {
        const choice =
          actions === "sample"
            ? sampleChoice(consumptionLogp, i, CONSUMPTION_CHOICES, context.rng.next())
            : modeChoice(consumptionLogp, i, CONSUMPTION_CHOICES);
        out.work[i] = workProbability(workLogit[i]);
        out.consumption[i] = choice * CONSUMPTION_STEP;
      }
    },
    describe: () => ({
      ...provenance,
      actions,
      network: weights.network.sizes,
      utility: weights.utility,
      training: { seed: weights.training.seed, iterations: weights.training.iterations },
    }),
    async close() {
      network.dispose();
    },
  };
}
