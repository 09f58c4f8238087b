import { availableCredit, type BankParameters, type BankState } from "../../economy/bank.js";
import type { HouseholdPolicy } from "../../economy/policy.js";
import type { EconomyState } from "../../economy/state.js";

/**
 * The simple bank rules for households that do not choose these themselves (rule-based and AI-Economist):
 * keep everything left after purchases on deposit (deposits are withdrawable every month and earn the policy
 * rate, cash earns nothing), and borrow only to bring money up to one month's expected income 168·w.
 * @example
 * ruleBankDecisions(bank, state, 1, DEFAULT_BANK, 168, saving, borrow);
 * saving[0]; // 1
 */
export function ruleBankDecisions(
  bank: BankState,
  state: Readonly<EconomyState>,
  month: number,
  p: BankParameters,
  hours: number,
  saving: Float64Array,
  borrow: Float64Array,
): void {
  for (let i = 0; i < state.n; i++) {
    saving[i] = 1;
    const available = availableCredit(bank, state, i, month, p, hours);
    const shortfall = hours * state.wage[i] - state.savings[i];
    borrow[i] = available > 0 && shortfall > 0 ? Math.min(1, shortfall / available) : 0;
  }
}

/**
 * `policy` with the bank's decisions prefilled by {@link ruleBankDecisions} every month before it decides, so a
 * policy that does not choose them (rule-based, AI-Economist) leaves the rules in force and one that does (LLM
 * households) overwrites them. Everything else is the policy's own.
 * @example
 * const households = withBankRules(lenPolicy(DEFAULT_RULE_PARAMETERS, 168), 168);
 * households.name; // "len"
 */
export function withBankRules(policy: HouseholdPolicy, hours: number): HouseholdPolicy {
  return new Proxy(policy, {
    get(target, key, receiver) {
      if (key !== "decide") return Reflect.get(target, key, receiver);
      return (context: Parameters<HouseholdPolicy["decide"]>[0], out: Parameters<HouseholdPolicy["decide"]>[1]) => {
        if (context.bank && out.saving && out.borrow) {
          ruleBankDecisions(context.bank.state, context.economy, context.month, context.bank.params, hours, out.saving, out.borrow);
        }
        return target.decide(context, out);
      };
    },
  });
}
