import type { EconomyState } from "../../economy/state.js";

/**
 * What an AI-Economist household observes when it decides a month: its own state and the public prices, from the
 * state the previous month left. Money is measured in goods at the current price and log-compressed so that
 * households whose wages differ 400-fold share one input scale; the divisors bring typical values into [0, 1].
 */
export const OBSERVATION_FEATURES = [
  "log1p(hours·wage/P)/8", // income on offer this month, in goods
  "log1p(savings/P)/12", // money
  "log1p(last labor income/P)/8",
  "log1p(last spending/P)/8", // last month's consumption
  "ln(P/P0)", // price level
  "10·interest rate",
  "log1p(last tax/P)/8",
  "log1p(last transfer/P)/8",
  "sin(2π·month/12)",
  "cos(2π·month/12)",
  "worked last month",
  "rationed last month",
] as const;

/**
 * The number of observations per household (the network's input width).
 * @example
 * OBSERVATION_SIZE; // 12
 */
export const OBSERVATION_SIZE = OBSERVATION_FEATURES.length;

/**
 * Fill `out` (row-major, N × OBSERVATION_SIZE) with every household's observation for the month `monthOfYear`
 * (1–12) about to be decided.
 * @example
 * const out = new Float32Array(state.n * OBSERVATION_SIZE);
 * observeHouseholds(state, 3, 168, out); // row i = out.subarray(12·i, 12·i + 12), in OBSERVATION_FEATURES order; out[12·i + 4] is ln(P/P0), 0 at the initial price
 */
export function observeHouseholds(state: Readonly<EconomyState>, monthOfYear: number, hours: number, out: Float32Array): void {
  const { n, wage, savings, income, spend, tax, transfer, worked, rationed, price } = state;
  const goods = 1 / price;
  const level = Math.log(price / state.initialPrice);
  const rate = 10 * state.rate;
  const angle = (2 * Math.PI * monthOfYear) / 12;
  const sin = Math.sin(angle);
  const cos = Math.cos(angle);
  for (let i = 0, k = 0; i < n; i++, k += OBSERVATION_SIZE) {
    out[k] = Math.log1p(hours * wage[i] * goods) / 8;
    out[k + 1] = Math.log1p(Math.max(0, savings[i]) * goods) / 12;
    out[k + 2] = Math.log1p(income[i] * goods) / 8;
    out[k + 3] = Math.log1p(spend[i] * goods) / 8;
    out[k + 4] = level;
    out[k + 5] = rate;
    out[k + 6] = Math.log1p(tax[i] * goods) / 8;
    out[k + 7] = Math.log1p(transfer[i] * goods) / 8;
    out[k + 8] = sin;
    out[k + 9] = cos;
    out[k + 10] = worked[i];
    out[k + 11] = rationed[i];
  }
}
