import type { Identities } from "../economy/initialize.js";
import { createLlmPolicy } from "./createLlmPolicy.js";
import { createAiEconomistPolicy } from "./createAiEconomistPolicy.js";
import type { RunConfig } from "./config.js";
import type { HouseholdPolicy } from "../economy/policy.js";
import { catsPolicy, compositePolicy, fixedPolicy, lenPolicy } from "../households/rules/ruleBased.js";

export type { Decisions, HouseholdPolicy, MonthContext } from "../economy/policy.js";
export { catsPolicy, compositePolicy, fixedPolicy, lenPolicy } from "../households/rules/ruleBased.js";

/** What a policy may need from its run besides the configuration. */
export interface PolicyEnvironment {
  identities: Identities;
  /** Sink for dialogue records (LLM households' transcripts.jsonl); rule households write none. */
  transcript: (record: Record<string, unknown>) => void;
  /** Sink for the archetype audit's monthly rows (audit.csv, `--audit`); absent: none are written. */
  auditRow?: (row: number[]) => void;
}

/**
 * The household policy a run configuration names.
 * @example
 * const policy = await createPolicy(resolveConfig({ policy: "len" }), { identities, transcript: () => undefined });
 */
export async function createPolicy(config: RunConfig, env: PolicyEnvironment): Promise<HouseholdPolicy> {
  switch (config.policy) {
    case "fixed":
      return fixedPolicy(config.work ?? 0, config.consumption ?? 0);
    case "len":
      return lenPolicy(config, config.hoursPerMonth);
    case "cats":
      return catsPolicy(config, config.hoursPerMonth);
    case "composite":
      return compositePolicy(config, config.hoursPerMonth);
    case "llm":
      return createLlmPolicy(config, env);
    case "aieco":
      return createAiEconomistPolicy(config);
  }
}
