import type { Rng } from "../../rng.js";
import type { EconomyState } from "../../economy/state.js";
import { catsConsumption, lenConsumption } from "./consumptionRules.js";
import type { Decisions, HouseholdPolicy, MonthContext } from "../../economy/policy.js";
import type { FieldChecks } from "../../readBack.js";
import type { RuleParameters } from "./ruleParameters.js";
import { workPropensity } from "./workRule.js";

/** A rule household's consumption rule: LEN (eq. 15) or CATS (eq. 16). */
export type ConsumptionRule = "len" | "cats";

/**
 * A rule-based household population: everyone works by eq. 17 and consumes by LEN (eq. 15) or CATS (eq. 16).
 * `assign` fixes each household's consumption rule once at initialisation.
 */
function rulePolicy(
  name: string,
  rules: RuleParameters,
  hoursPerMonth: number,
  assign: (n: number, rng: Rng) => Uint8Array,
): HouseholdPolicy {
  let usesCats: Uint8Array = new Uint8Array(0);
  return {
    name,
    init(economy: Readonly<EconomyState>, rng: Rng) {
      usesCats = assign(economy.n, rng);
    },
    decide({ economy }: MonthContext, out: Decisions) {
      const { n, wage, savings, price, rate } = economy;
      const { workGamma, lenBeta, catsH } = rules;
      // Local bindings: compiled imports are property getters, a measurable cost at 10^8 calls per run.
      const work = workPropensity;
      const cats = catsConsumption;
      const len = lenConsumption;
      const { work: workOut, consumption: consumptionOut } = out;
      for (let i = 0; i < n; i++) {
        const z = hoursPerMonth * wage[i];
        const s = savings[i];
        workOut[i] = work(z, s, rate, workGamma);
        consumptionOut[i] = usesCats[i] ? cats(s, z, rate, catsH) : len(price, s, z, lenBeta);
      }
    },
    householdType: (i: number) => (usesCats[i] ? "cats" : "len"),
    snapshot: () => Array.from(usesCats),
    restore(saved: unknown, at: FieldChecks, field: string) {
      const rulesSaved = at.array(saved, field);
      if (rulesSaved.length !== usesCats.length) at.fail(field, `${rulesSaved.length} households`, `one rule per household (${usesCats.length})`);
      rulesSaved.forEach((v, i) => (v === 0 || v === 1 ? v : at.fail(`${field}[${i}]`, v, "0 (LEN) or 1 (CATS)")));
      usesCats = Uint8Array.from(rulesSaved as number[]);
    },
  };
}

/**
 * LEN households (seed §4.5): eq. 17 work, eq. 15 consumption.
 * @example
 * const households = lenPolicy(DEFAULT_RULE_PARAMETERS, 168); // households.name === "len"; householdType(i) is "len" for every i
 */
export const lenPolicy = (rules: RuleParameters, hours: number) => rulePolicy("len", rules, hours, (n) => new Uint8Array(n));

/**
 * CATS households (seed §4.5): eq. 17 work, eq. 16 buffer-stock consumption.
 * @example
 * const households = catsPolicy(DEFAULT_RULE_PARAMETERS, 168); // households.name === "cats"; householdType(i) is "cats" for every i
 */
export const catsPolicy = (rules: RuleParameters, hours: number) =>
  rulePolicy("cats", rules, hours, (n) => new Uint8Array(n).fill(1));

/**
 * Composite (the official baseline): each household draws LEN or CATS once, uniformly at random.
 * @example
 * const households = compositePolicy(DEFAULT_RULE_PARAMETERS, 168); // name "composite"; after init(economy, rng), householdType(i) is "len" or "cats", about half each
 */
export const compositePolicy = (rules: RuleParameters, hours: number) =>
  rulePolicy("composite", rules, hours, (n, rng) => {
    const cats = new Uint8Array(n);
    for (let i = 0; i < n; i++) cats[i] = rng.int(2);
    return cats;
  });

/**
 * Every household always uses the given propensities (for tests and controlled experiments).
 * @example
 * const households = fixedPolicy(1, 0.5); // every household, every month: work propensity 1, consumption propensity 0.5
 */
export function fixedPolicy(work: number, consumption: number): HouseholdPolicy {
  return {
    name: "fixed",
    decide(_context: MonthContext, out: Decisions) {
      out.work.fill(work);
      out.consumption.fill(consumption);
    },
  };
}
