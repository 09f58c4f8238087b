import { taxSchedule, type TaxSchedule } from "../calibration/tax.js";
import { initializeEconomy, type Identities } from "../economy/initialize.js";
import { redistributionScheme } from "../economy/redistribution.js";
import { bankParameters } from "../economy/bank.js";
import { Simulation } from "../economy/simulation.js";
import { ScenarioSchedule } from "../scenario/schedule.js";
import { createPolicy, type PolicyEnvironment } from "./createPolicy.js";
import type { HouseholdPolicy } from "../economy/policy.js";
import { withBankRules } from "../households/rules/bankRules.js";
import { createRng } from "../rng.js";
import { resolveConfig, scenarioOf, type RunConfig } from "./config.js";

/**
 * Build a ready-to-run simulation from a configuration: one RNG from the seed, the initial economy, and the
 * policy (initialised with the same RNG). `policy` overrides the configured one (e.g. a custom policy in a notebook).
 * @example
 * const { simulation } = await createSimulation({ policy: "composite", households: 100, months: 240, seed: 1 });
 * await simulation.run();
 */
export async function createSimulation(
  options: Partial<RunConfig>,
  policy?: HouseholdPolicy,
  transcript: PolicyEnvironment["transcript"] = () => undefined,
): Promise<{ simulation: Simulation; identities: Identities; config: RunConfig }> {
  return buildSimulation(resolveConfig(options, {}, "options"), policy, transcript);
}

/**
 * {@link createSimulation} from a configuration resolved and validated already (by `resolveConfig`): nothing is
 * resolved or read again but what the configuration names (its scenario is the one resolved with it).
 * @example
 * const { simulation } = await buildSimulation(resolveConfig({ policy: "len", households: 10, months: 12 }));
 */
export async function buildSimulation(
  config: RunConfig,
  policy?: HouseholdPolicy,
  transcript: PolicyEnvironment["transcript"] = () => undefined,
  auditRow?: PolicyEnvironment["auditRow"],
): Promise<{ simulation: Simulation; identities: Identities; config: RunConfig }> {
  const rng = createRng(config.seed);
  const { state, identities } = initializeEconomy(config, rng);
  const chosen = policy ?? (await createPolicy(config, { identities, transcript, ...(auditRow ? { auditRow } : {}) }));
  // With the bank on, households that do not choose saving and borrowing themselves follow the simple rules.
  const households = config.bank ? withBankRules(chosen, config.hoursPerMonth) : chosen;
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
  const scenario = scenarioOf(config);
  return scenario === null ? new ScenarioSchedule(config, baseTax) : new ScenarioSchedule(config, baseTax, scenario.events, scenario.source);
}
