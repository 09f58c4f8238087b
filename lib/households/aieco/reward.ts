/**
 * The AI-Economist household's utility (seed eq. 18; docs/model.md §7) and the per-month reward built from it.
 *
 *   u = CRRA(s/P; η_s) · CRRA(c/P; η_c) − λ_l · h · l,    CRRA(x; η) = (x^(1−η) − 1)/(1 − η)   (ln x for η = 1)
 *
 * s is the household's money after this month's purchases (and December interest), c its spending on goods this
 * month, P the price it paid (the price in force), l ∈ {0, 1} whether it worked and h the hours of a working month.
 * The two isoelastic terms are multiplied, as in eq. 18 and the official `isoelastic_coin_minus_labor`
 * (`util_c *= …`), whose configuration has η_s = η_c = 0.5 and labor cost 1 per hour of labor; the official
 * labor exponent 2 − η_s − η_c is 1 at those values, so the labor term is linear in hours.
 * The product rewards consumption only once savings exceed one good's worth (CRRA(s/P) > 0 for s > P); below that
 * both factors are negative and the product is not monotone — a property of eq. 18 kept as published.
 */
export interface UtilityParameters {
  /** η_s (λ_s in seed eq. 18): curvature of the utility of money (in goods). */
  etaSavings: number;
  /** η_c (λ_c): curvature of the utility of this month's consumption (in goods). */
  etaConsumption: number;
  /** λ_l: disutility per hour worked. */
  laborCost: number;
  /** Hours of a working month (168, as the economy's `hoursPerMonth`). */
  hours: number;
}

/** The official configuration (EconAgent `config.yaml`: isoelastic_etas [0.5, 0.5], labor_cost 1, 168 hours). */
export const OFFICIAL_UTILITY: Readonly<UtilityParameters> = Object.freeze({
  etaSavings: 0.5,
  etaConsumption: 0.5,
  laborCost: 1,
  hours: 168,
});

/**
 * Isoelastic (CRRA) utility of a non-negative amount x.
 * @example
 * isoelastic(4, 0.5); // (√4 − 1)/0.5 = 2
 */
export function isoelastic(x: number, eta: number): number {
  const v = x > 0 ? x : 0;
  if (eta === 1) return Math.log(Math.max(v, Number.MIN_VALUE));
  return (Math.pow(v, 1 - eta) - 1) / (1 - eta);
}

/**
 * One household's utility in one month (seed eq. 18): the month's reward for reinforcement learning.
 * @example
 * // 400 goods of money, 9 goods bought, worked: (2·(20 − 1)) · (2·(3 − 1)) − 168 = 38 · 4 − 168 = −16
 * householdUtility(40_000, 900, 1, 100, OFFICIAL_UTILITY); // −16
 */
export function householdUtility(
  savings: number,
  spending: number,
  worked: number,
  price: number,
  u: UtilityParameters,
): number {
  return isoelastic(savings / price, u.etaSavings) * isoelastic(spending / price, u.etaConsumption) - u.laborCost * u.hours * worked;
}
