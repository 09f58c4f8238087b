/** A progressive schedule: bracket lower edges b_k (b_1 = 0, increasing) and marginal rates τ_k. */
export interface TaxSchedule {
  readonly cutoffs: readonly number[];
  readonly rates: readonly number[];
}

/**
 * Income tax T(z) = Σ_k τ_k · clamp(z − b_k, 0, b_{k+1} − b_k), with the top bracket open (eq. 1).
 * Applied to a month's labor income only; interest is not taxed.
 * @example
 * incomeTax(1000, { cutoffs: [0, 808.33], rates: [0.1, 0.12] }); // 0.1·808.33 + 0.12·191.67 = 103.8334
 */
export function incomeTax(income: number, schedule: TaxSchedule): number {
  const { cutoffs, rates } = schedule;
  let tax = 0;
  for (let k = 0; k < cutoffs.length; k++) {
    if (income <= cutoffs[k]) break;
    const upper = k + 1 < cutoffs.length ? Math.min(income, cutoffs[k + 1]) : income;
    tax += rates[k] * (upper - cutoffs[k]);
  }
  return tax;
}
