import { summarizeRun, type RunSummary } from "../analysis/summarizeRun.js";
import type { AnnualRow } from "../economy/rows.js";
import type { HouseholdPolicy } from "../economy/policy.js";
import type { RunConfig } from "../run/config.js";
import { createSimulation } from "../run/createSimulation.js";
import { householdBehaviour } from "./behaviour.js";
import { OFFICIAL_UTILITY, type UtilityParameters } from "../households/aieco/reward.js";

/** A recorded `--policy aieco` run (`data/aieco/evaluation.json`): what the committed weights reproduce. */
export interface AiEconomistEvaluation {
  config: Pick<RunConfig, "households" | "months" | "seed" | "aiecoActions">;
  annual: AnnualRow[];
  summary: RunSummary;
}

/**
 * Run the economy with AI-Economist households (default: the paper's 100 households × 240 months, seed 1, the
 * committed weights) and return its annual indicators and summary.
 * @example
 * const { summary } = await evaluateAiEconomist(); summary.unemployment_rate.mean;
 */
export async function evaluateAiEconomist(options: Partial<RunConfig> = {}): Promise<AiEconomistEvaluation> {
  const { simulation, config } = await createSimulation({ households: 100, months: 240, seed: 1, ...options, policy: "aieco" });
  try {
    await simulation.run();
  } finally {
    await simulation.policy.close?.();
  }
  return {
    config: { households: config.households, months: config.months, seed: config.seed, aiecoActions: config.aiecoActions },
    annual: simulation.annual,
    summary: summarizeRun(simulation.annual),
  };
}

/**
 * Mean utility (seed eq. 18) per household-month of any household policy over one run: the AI-Economist
 * objective, undiscounted, e.g. to compare trained, untrained and rule-based households on the same economy.
 * @example
 * await meanUtility(compositePolicy(DEFAULT_RULE_PARAMETERS, 168), { households: 100, months: 240, seed: 1 });
 */
export async function meanUtility(
  policy: HouseholdPolicy,
  options: Partial<RunConfig>,
  utility: UtilityParameters = OFFICIAL_UTILITY,
): Promise<number> {
  const { simulation } = await createSimulation(options, policy);
  const rows = await householdBehaviour(simulation, utility);
  return rows.reduce((acc, r) => acc + r.utility, 0) / rows.length;
}
