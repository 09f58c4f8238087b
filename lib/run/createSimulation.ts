import { taxSchedule, type TaxSchedule } from "../calibration/tax.js";
import { initializeEconomy, type Identities } from "../economy/initialize.js";
import { redistributionScheme } from "../economy/redistribution.js";
import { bankParameters } from "../economy/bank.js";
import { Simulation } from "../economy/simulation.js";
import { loadScenario } from "../scenario/scenario.js";
import { ScenarioSchedule } from "../scenario/schedule.js";
import { createPolicy, type PolicyEnvironment } from "./createPolicy.js";
import type { HouseholdPolicy } from "../economy/policy.js";
import { createRng } from "../rng.js";
import { resolveConfig, type RunConfig } from "./config.js";

/**
 * Build a ready-to-run simulation from a configuration: one RNG from the seed, the initial economy, and the
 * policy (initialised with the same RNG). `policy` overrides the configured one (e.g. a custom policy in a notebook).
 * @example
 * const { simulation } = await createSimulation({ policy: "composite", households: 100, months: 240, seed: 1 });
 * await simulation.run();
 */
export async function createSimulation(
  options: Partial<RunConfig> | RunConfig,
  policy?: HouseholdPolicy,
  transcript: PolicyEnvironment["transcript"] = () => undefined,
): Promise<{ simulation: Simulation; identities: Identities; config: RunConfig }> {
  const config = resolveConfig(options as Record<string, unknown>, {}, "options");
  const rng = createRng(config.seed);
  const { state, identities } = initializeEconomy(config, rng);
  const households = policy ?? (await createPolicy(config, { identities, transcript }));
  await households.init?.(state, rng);
  const baseTax = taxSchedule(config.taxYear);
  const simulation = new Simulation({
    params: config,
    state,
    policy: households,
    rng,
    taxSchedule: baseTax,
    redistribution: redistributionScheme(config.redistribution, config.redistributionEta),
    schedule: monthSchedule(config, baseTax),
    ...(config.bank ? { bank: bankParameters(config) } : {}),
  });
  return { simulation, identities, config };
}

/** The baseline in every month, or the configured scenario's events on top of it. */
function monthSchedule(config: RunConfig, baseTax: TaxSchedule): ScenarioSchedule {
  if (config.scenario === null) return new ScenarioSchedule(config, baseTax);
  const { events, source } = loadScenario(config.scenario, config.startYear, config.months);
  return new ScenarioSchedule(config, baseTax, events, source);
}
