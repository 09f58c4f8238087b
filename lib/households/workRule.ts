/**
 * The rule baselines' labor supply (eq. 17): p^w = (z_pot / (s·(1 + r)))^γ, γ = 0.1, clamped to [0, 1];
 * a household without money always works. z_pot = hours · w_i is the income on offer this month.
 */
export function workPropensity(potentialIncome: number, savings: number, rate: number, gamma: number): number {
  if (savings <= 0) return 1;
  const p = Math.pow(potentialIncome / (savings * (1 + rate)), gamma);
  return p > 1 ? 1 : p;
}
