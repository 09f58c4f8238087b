import type { RedistributionScheme } from "./redistribution.js";
import type { EconomyState } from "./state.js";

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
