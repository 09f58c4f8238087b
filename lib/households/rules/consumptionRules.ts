/**
 * LEN consumption (eq. 15): p^c = (P / (s + z))^β, β = 0.1, with z the income on offer this month (the official
 * code passes the potential income hours · w_i). Clamped to [0, 1]; the power is exp(β·ln x) for speed, as in
 * the work rule.
 * @example
 * lenConsumption(100, 0, 1000, 0.1); // (100 / 1000)^0.1 = 0.794
 */
export function lenConsumption(price: number, savings: number, income: number, beta: number): number {
  const ratio = price / (savings + income);
  return !(ratio < 1) ? 1 : Math.exp(beta * Math.log(ratio));
}

/**
 * CATS buffer-stock consumption (eq. 16): h1 = h/(1+r), g = z/z_last − 1, d = s/z_last − h1,
 * c = 1 + (d − h1·g)/(1 + g), p^c = c·z/(s + z).
 * Substituting g and d, z_last cancels: (d − h1·g)/(1 + g) = (s − h1·z)/z, so p^c = 1 − h1·z/(s + z).
 * The closed form needs no ε guard for a household that earned nothing last month (z_last = 0) and equals the
 * official code's ε-guarded value in that limit. Clamped to [0, 1].
 * @example
 * catsConsumption(0, 1000, 0.03, 1); // 1 − (1/1.03)·1000/1000 = 0.029: a household without money saves
 */
export function catsConsumption(savings: number, income: number, rate: number, h: number): number {
  const wealth = savings + income;
  if (wealth <= 0) return 0;
  const p = 1 - (h / (1 + rate)) * (income / wealth);
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
