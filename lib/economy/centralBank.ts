import type { EconomyParameters } from "./parameters.js";
import type { EconomyState } from "./state.js";
import type { Month, Stage } from "./stage.js";

/**
 * December interest (eq. 12): every balance earns the annual rate once, s_i ← s_i · (1 + r).
 * @example
 * payInterest(state); // s_i ← s_i · (1 + r) for every household
 */
export function payInterest(state: EconomyState): void {
  const { n, savings } = state;
  const factor = 1 + state.rate;
  for (let i = 0; i < n; i++) savings[i] *= factor;
}

/**
 * Taylor rule (eq. 13): r = max(r^n + π^t + α^π(π − π^t) + α^u(u^n − u), 0), with π the annual price inflation
 * and u the unemployment rate of the year just ended. The seed's eq. 13 prints a product where the sum belongs.
 * @example
 * taylorRule(DEFAULT_PARAMETERS, 0.04, 0.06); // 0.01 + 0.02 + 0.5·0.02 + 0.5·(−0.02) = 0.03
 */
export function taylorRule(p: EconomyParameters, inflation: number, unemployment: number): number {
  const r =
    p.naturalRate +
    p.inflationTarget +
    p.inflationWeight * (inflation - p.inflationTarget) +
    p.unemploymentWeight * (p.naturalUnemployment - unemployment);
  return Math.max(r, 0);
}

/** §3 step 8 (eq. 12): in December every balance earns the year's interest. */
export const interestStage: Stage = {
  name: "interest",
  equation: "eq. 12",
  run(m) {
    if (m.december) payInterest(m.parts.state);
  },
};

/**
 * The Taylor rule's inputs in a December where it sets the rate — from the end of year `taylorFromYear` on, once
 * the year's inflation is defined — else null.
 * @example
 * taylorInputs(month); // { inflation, unemployment } in a December where the rule sets the rate, else null
 */
export function taylorInputs(m: Month): { inflation: number; unemployment: number } | null {
  if (!m.december || m.parts.annual.length + 1 < m.params.taylorFromYear) return null;
  const { price_inflation: inflation, unemployment_rate: unemployment } = m.year();
  return inflation === null ? null : { inflation, unemployment };
}

/** §3 step 8 (eq. 13): in December, the Taylor rule on the year's inflation and unemployment. */
export const centralBankStage: Stage = {
  name: "centralBank",
  equation: "eq. 13",
  run(m) {
    const inputs = taylorInputs(m);
    if (inputs) m.parts.state.rate = taylorRule(m.params, inputs.inflation, inputs.unemployment);
  },
};
