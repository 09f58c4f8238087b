import type { RunConfig } from "../run/config.js";
import type { HouseholdPolicy } from "./policy.js";
import { catsPolicy, compositePolicy, fixedPolicy, lenPolicy } from "./ruleBased.js";

export type { Decisions, HouseholdPolicy, MonthContext } from "./policy.js";
export { catsPolicy, compositePolicy, fixedPolicy, lenPolicy } from "./ruleBased.js";

/** The household policy a run configuration names. */
export function createPolicy(config: RunConfig): HouseholdPolicy {
  switch (config.policy) {
    case "fixed":
      return fixedPolicy(config.work ?? 0, config.consumption ?? 0);
    case "len":
      return lenPolicy(config, config.hoursPerMonth);
    case "cats":
      return catsPolicy(config, config.hoursPerMonth);
    case "composite":
      return compositePolicy(config, config.hoursPerMonth);
  }
}
