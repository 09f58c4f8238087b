import type { TaxSchedule } from "../calibration/tax.js";

/** A progressive schedule (lib/calibration/tax.ts): bracket lower edges b_k (b_1 = 0, increasing) and marginal rates τ_k. */
export type { TaxSchedule };
/** The brackets of a schedule, all that T(z) reads. */
export type Brackets = Pick<TaxSchedule, "cutoffs" | "rates">;

/**
 * Income tax T(z) = Σ_k τ_k · clamp(z − b_k, 0, b_{k+1} − b_k), with the top bracket open (eq. 1), as a function
 * of z. Compiled once per schedule: the tax due on all brackets below b_k is precomputed, so T(z) is one bracket
 * lookup and one multiply-add (it runs once per household-month).
 * Applied to a month's labor income only; interest is not taxed.
 * @example
 * progressiveTax({ cutoffs: [0, 1000], rates: [0.1, 0.3] })(3000); // 0.1·1000 + 0.3·2000 = 700
 */
export function progressiveTax(schedule: Brackets): (income: number) => number {
  const cutoffs = Float64Array.from(schedule.cutoffs);
  const rates = Float64Array.from(schedule.rates);
  const below = new Float64Array(cutoffs.length);
  for (let k = 1; k < cutoffs.length; k++) below[k] = below[k - 1] + rates[k - 1] * (cutoffs[k] - cutoffs[k - 1]);
  const top = cutoffs.length - 1;
  return (income) => {
    if (!(income > 0)) return 0;
    let k = top;
    while (income <= cutoffs[k]) k--;
    return below[k] + rates[k] * (income - cutoffs[k]);
  };
}

/**
 * T(z) of eq. 1 for a single income.
 * @example
 * incomeTax(1000, { cutoffs: [0, 808.33], rates: [0.1, 0.12] }); // 0.1·808.33 + 0.12·191.67 = 103.8334
 */
export function incomeTax(income: number, schedule: Brackets): number {
  return progressiveTax(schedule)(income);
}
