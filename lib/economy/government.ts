import type { RedistributionScheme } from "./redistribution.js";
import type { EconomyState } from "./state.js";
import type { Stage } from "./stage.js";

/**
 * Tax this month's labor income with `taxOf` (eq. 1, see progressiveTax) and hand the whole revenue back through the redistribution scheme, so
 * tax collected = transfers paid every month. `net` is a scratch buffer of length N (post-tax income).
 * Returns the revenue.
 * @example
 * // incomes 0, 1000, 3000 under 10 % to 1000 and 30 % above: taxes 0, 100, 700, each household gets 800/3 back
 * taxAndRedistribute(state, progressiveTax({ cutoffs: [0, 1000], rates: [0.1, 0.3] }), redistributionScheme("equal", 1), net); // 800
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
 * @example
 * payBasicIncome(state, 500); // every household's money and transfer rise by $500
 * @example
 * payBasicIncome(state, 1200); // every s_i, R_i and year income + 1200
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

/**
 * A budget-neutral universal basic income: a flat surcharge τ on every household's post-tax labor income `net`
 * (after eq. 1; what `taxAndRedistribute` left in its scratch buffer) pays every household the same amount, with
 * τ = N·amount / Σ net so that the surcharge collected equals the basic income paid. When the whole post-tax
 * income is less than N·amount, τ is capped at 1 and the basic income is what that raises. The surcharge is
 * counted as tax, the basic income as a transfer; the money stock does not change.
 * @returns the surcharge collected (= basic income paid)
 * @example
 * // post-tax incomes 0 and 2,000, a $500 basic income: τ = 1,000 / 2,000 = 0.5; both get 500, the earner pays 1,000
 * payTaxFundedBasicIncome(state, 500, Float64Array.of(0, 2000)); // 1000
 */
export function payTaxFundedBasicIncome(state: EconomyState, amount: number, net: Float64Array): number {
  const { n, tax, transfer, savings, yearIncome } = state;
  let base = 0;
  for (let i = 0; i < n; i++) base += net[i];
  if (amount === 0 || base <= 0) return 0;
  const rate = Math.min(1, (n * amount) / base);
  const each = (rate * base) / n;
  for (let i = 0; i < n; i++) {
    const levy = rate * net[i];
    tax[i] += levy;
    transfer[i] += each;
    savings[i] += each - levy;
    yearIncome[i] += each - levy;
  }
  return rate * base;
}

/** §3 step 3 (eq. 1): income tax, and the whole revenue handed back by the redistribution scheme. */
export const taxStage: Stage = {
  name: "tax",
  equation: "eq. 1",
  run(m) {
    m.revenue = taxAndRedistribute(m.parts.state, m.inForce.taxOf, m.parts.redistribution, m.parts.scratch);
  },
};

/**
 * A scenario's universal basic income, after the redistributed tax (inserted by lib/scenario/schedule.ts): new
 * money, or funded by a surcharge on post-tax income (`ubiFunding: "income-tax"`, counted as tax revenue).
 */
export const basicIncomeStage: Stage = {
  name: "basicIncome",
  equation: "docs/model.md §8 (ubi)",
  run(m) {
    const { state, scratch } = m.parts;
    if (m.inForce.ubiFunding === "income-tax") m.revenue += payTaxFundedBasicIncome(state, m.inForce.ubi, scratch);
    else payBasicIncome(state, m.inForce.ubi);
  },
};
