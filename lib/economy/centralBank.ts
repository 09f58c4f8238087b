import type { EconomyParameters } from "./parameters.js";
import type { EconomyState } from "./state.js";

/** December interest (eq. 12): every balance earns the annual rate once, s_i ← s_i · (1 + r). */
export function payInterest(state: EconomyState): void {
  const { n, savings } = state;
  const factor = 1 + state.rate;
  for (let i = 0; i < n; i++) savings[i] *= factor;
}

/**
 * Taylor rule (eq. 13): r = max(r^n + π^t + α^π(π − π^t) + α^u(u^n − u), 0), with π the annual price inflation
 * and u the unemployment rate of the year just ended. The seed's eq. 13 prints a product where the sum belongs.
 */
export function taylorRule(p: EconomyParameters, inflation: number, unemployment: number): number {
  const r =
    p.naturalRate +
    p.inflationTarget +
    p.inflationWeight * (inflation - p.inflationTarget) +
    p.unemploymentWeight * (p.naturalUnemployment - unemployment);
  return Math.max(r, 0);
}
