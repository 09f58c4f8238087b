/** Equations written out term by term, for tables a reader can check by hand (notebook 02, MonthWalkthrough). */
import { taylorRule } from "../centralBank.js";
import type { Brackets } from "../incomeTax.js";
import type { EconomyParameters } from "../parameters.js";

/** A row of a term-by-term table. */
export type TableRow = Record<string, number | string>;

/**
 * The bracket of income z under eq. 1: lower edge b_k, rate τ_k and the tax due on all brackets below b_k.
 * @example
 * bracketOf(1000, taxSchedule(2019)); // { index: 1, lower: 808.33, rate: 0.12, below: 80.833 }
 */
export function bracketOf(z: number, schedule: Brackets): { index: number; lower: number; rate: number; below: number } {
  const { cutoffs, rates } = schedule;
  let k = cutoffs.length - 1;
  if (!(z > 0)) k = 0;
  else while (z <= cutoffs[k]) k--;
  let below = 0;
  for (let j = 0; j < k; j++) below += rates[j] * (cutoffs[j + 1] - cutoffs[j]);
  return { index: k, lower: cutoffs[k], rate: rates[k], below };
}

/**
 * The Taylor rule (eq. 13) term by term, ending with the rate it sets.
 * @example
 * taylorTerms(DEFAULT_PARAMETERS, 0.04, 0.06).at(-1); // { term: "r = max(sum, 0)", value: 0.03 }
 */
export function taylorTerms(p: EconomyParameters, inflation: number, unemployment: number): TableRow[] {
  const inflationGap = p.inflationWeight * (inflation - p.inflationTarget);
  const unemploymentGap = p.unemploymentWeight * (p.naturalUnemployment - unemployment);
  const sum = p.naturalRate + p.inflationTarget + inflationGap + unemploymentGap;
  return [
    { term: "natural rate r^n", value: p.naturalRate },
    { term: "inflation target π^t", value: p.inflationTarget },
    { term: "annual price inflation π", value: inflation },
    { term: "α^π·(π − π^t)", value: inflationGap },
    { term: "annual unemployment u", value: unemployment },
    { term: "α^u·(u^n − u)", value: unemploymentGap },
    { term: "sum", value: sum },
    { term: "r = max(sum, 0)", value: taylorRule(p, inflation, unemployment) },
  ];
}
