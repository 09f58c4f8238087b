import type { RedistributionScheme } from "./redistribution.js";
import type { EconomyState } from "./state.js";
import type { Stage } from "./stage.js";

/**
 * Tax this month's labor income with `taxOf` (eq. 1, see progressiveTax) and hand the whole revenue back through the redistribution scheme, so
 * tax collected = transfers paid every month. `net` is a scratch buffer of length N (post-tax income).
 * Returns the revenue.
 */
export function taxAndRedistribute(
  state: EconomyState,
  taxOf: (income: number) => number,
  redistribute: RedistributionScheme,
  net: Float64Array,
): number {
  const { n, income, tax, transfer, savings, yearIncome } = state;
  let revenue = 0;
  for (let i = 0; i < n; i++) {
    const t = taxOf(income[i]);
    tax[i] = t;
    net[i] = income[i] - t;
    revenue += t;
  }
  redistribute(revenue, net, transfer);
  for (let i = 0; i < n; i++) {
    const disposable = net[i] + transfer[i];
    savings[i] += disposable;
    yearIncome[i] += disposable;
  }
  return revenue;
}

/**
 * A scenario's universal basic income: `amount` dollars to every household this month, on top of the redistributed
 * tax and counted with it as a transfer. It is new money (the model has no government debt).
 */
export function payBasicIncome(state: EconomyState, amount: number): void {
  if (amount === 0) return;
  const { n, transfer, savings, yearIncome } = state;
  for (let i = 0; i < n; i++) {
    transfer[i] += amount;
    savings[i] += amount;
    yearIncome[i] += amount;
  }
}

/** §3 step 3 (eq. 1): income tax, and the whole revenue handed back by the redistribution scheme. */
export const taxStage: Stage = {
  name: "tax",
  equation: "eq. 1",
  run(m) {
    m.revenue = taxAndRedistribute(m.parts.state, m.inForce.taxOf, m.parts.redistribution, m.parts.scratch);
  },
};

/** A scenario's universal basic income, after the redistributed tax (inserted by lib/scenario/schedule.ts). */
export const basicIncomeStage: Stage = {
  name: "basicIncome",
  equation: "model.md §8 (ubi)",
  run(m) {
    payBasicIncome(m.parts.state, m.inForce.ubi);
  },
};
