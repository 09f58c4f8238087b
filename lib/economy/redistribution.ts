/**
 * How tax revenue returns to households. A scheme fills `transfers` (length N) so that the transfers sum to
 * `revenue` (budget balance: everything collected is redistributed) from post-tax incomes `netIncome`.
 *
 * Besides the paper's equal split, the seed's utility-based redistribution (seed eqs. 2–3, 19; docs/model.md §8). The
 * seed's formulas are garbled (its z^r is a welfare sum, not an amount); we implement their stated intent — transfers
 * that reflect diminishing marginal utility — in two readings, both with budget balance and R_i ≥ 0:
 *  - `welfare-optimal`: maximise Σ U(y_i + R_i) subject to Σ R_i = revenue, R_i ≥ 0, for any identical strictly
 *    concave U (e.g. CRRA). The first-order conditions U'(y_i + R_i) = μ for R_i > 0 and U'(y_i) ≤ μ otherwise give
 *    water-filling: the lowest post-tax incomes are raised to a common level L with Σ max(0, L − y_i) = revenue.
 *    The solution does not depend on U's curvature.
 *  - `marginal-utility`: the softer rule R_i ∝ U'(·) with CRRA U'(x) = x^(−η). U' is evaluated at the income the
 *    household would have under the equal split, y_i + revenue/N, so it is finite for a household with no income.
 */
export type RedistributionScheme = (revenue: number, netIncome: Float64Array, transfers: Float64Array) => void;

/**
 * The redistribution schemes `--redistribution` accepts (docs/model.md §8).
 * @example
 * REDISTRIBUTION_NAMES[0]; // "equal", the paper's
 */
export const REDISTRIBUTION_NAMES = ["equal", "welfare-optimal", "marginal-utility"] as const;
/** The name of a redistribution scheme. */
export type RedistributionName = (typeof REDISTRIBUTION_NAMES)[number];

/** The official scheme: an equal lump sum ΣT/N to every household, worker or not. */
export const equalSplit: RedistributionScheme = (revenue, _netIncome, transfers) => {
  transfers.fill(revenue / transfers.length);
};

/**
 * Water-filling (the welfare optimum): R_i = max(0, L − y_i) with L chosen so the transfers exhaust the revenue.
 * @example
 * // incomes 0, 100, 500 and revenue 300: L = 200, transfers 200, 100, 0
 */
export const welfareOptimal: RedistributionScheme = (revenue, netIncome, transfers) => {
  const n = netIncome.length;
  transfers.fill(0);
  if (revenue <= 0) return;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => netIncome[a] - netIncome[b] || a - b);
  // Raise the k lowest incomes to the (k+1)-th; stop at the first k whose common level L fits the revenue.
  let sum = 0;
  let level = 0;
  for (let k = 1; k <= n; k++) {
    sum += netIncome[order[k - 1]];
    level = (revenue + sum) / k;
    if (k === n || level <= netIncome[order[k]]) break;
  }
  for (let i = 0; i < n; i++) transfers[i] = Math.max(0, level - netIncome[i]);
};

/**
 * Transfers proportional to marginal utility (x + revenue/N)^(−η) at the equal-split income x + revenue/N.
 * @example
 * // η = 1, incomes 0 and 200, revenue 200: weights 1/100 and 1/300, transfers 150 and 50
 */
export function marginalUtility(eta: number): RedistributionScheme {
  return (revenue, netIncome, transfers) => {
    const n = netIncome.length;
    if (revenue <= 0) {
      transfers.fill(0);
      return;
    }
    const base = revenue / n;
    let total = 0;
    for (let i = 0; i < n; i++) {
      transfers[i] = Math.pow(netIncome[i] + base, -eta);
      total += transfers[i];
    }
    for (let i = 0; i < n; i++) transfers[i] = (revenue * transfers[i]) / total;
  };
}

/**
 * The scheme a run's `--redistribution` names; `eta` is the CRRA curvature of `marginal-utility`.
 * @example
 * const transfers = new Float64Array(3);
 * redistributionScheme("equal", 1)(300, Float64Array.from([1, 2, 3]), transfers); // transfers: [100, 100, 100]
 */
export function redistributionScheme(name: RedistributionName, eta: number): RedistributionScheme {
  switch (name) {
    case "equal":
      return equalSplit;
    case "welfare-optimal":
      return welfareOptimal;
    case "marginal-utility":
      return marginalUtility(eta);
  }
}
