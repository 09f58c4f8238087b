import { incomeTax, type TaxSchedule } from "./incomeTax.js";
import type { RedistributionScheme } from "./redistribution.js";
import type { EconomyState } from "./state.js";

/**
 * Tax this month's labor income (eq. 1) and hand the whole revenue back through the redistribution scheme, so
 * tax collected = transfers paid every month. `net` is a scratch buffer of length N (post-tax income).
 * Returns the revenue.
 */
export function taxAndRedistribute(
  state: EconomyState,
  schedule: TaxSchedule,
  redistribute: RedistributionScheme,
  net: Float64Array,
): number {
  const { n, income, tax, transfer, savings, yearIncome } = state;
  let revenue = 0;
  for (let i = 0; i < n; i++) {
    const t = income[i] > 0 ? incomeTax(income[i], schedule) : 0;
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
