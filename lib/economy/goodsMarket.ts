import { shuffle, type Rng } from "../rng.js";
import type { EconomyState } from "./state.js";
import type { GoodsMarketOutcome, Stage } from "./stage.js";

/**
 * Consumption with rationing (eqs. 6, 10, 11): budget c_i = p^c_i · s_i, demand d_i = c_i / P; households are
 * served in a uniformly random order, each getting min(d_i, G) while goods last.
 * The serving order matters only under shortage, so the shuffle (N draws) is skipped when D ≤ G.
 * `order` is a reusable scratch buffer of length N.
 * @example
 * // savings 100, 200, 300 at P = 2 with 1000 goods, p^c = 0.5, 0.5, 1: no shortage
 * consumeGoods(state, Float64Array.from([0.5, 0.5, 1]), rng, new Int32Array(3)).demand; // 225
 */
export function consumeGoods(state: EconomyState, consumption: Float64Array, rng: Rng, order: Int32Array): GoodsMarketOutcome {
  const { n, savings, spend, rationed } = state;
  const price = state.price;
  const available = state.inventory;
  let demand = 0;
  for (let i = 0; i < n; i++) demand += (consumption[i] * savings[i]) / price;
  let spending = 0;
  let rationedCount = 0;
  if (demand <= available) {
    for (let i = 0; i < n; i++) {
      const budget = consumption[i] * savings[i];
      savings[i] -= budget;
      spend[i] = budget;
      rationed[i] = 0;
      spending += budget;
    }
    state.inventory = available - demand;
    return { demand, available, goodsSold: demand, spending, rationed: 0 };
  }
  for (let i = 0; i < n; i++) order[i] = i;
  shuffle(rng, order);
  let stock = available;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const budget = consumption[i] * savings[i];
    const wanted = budget / price;
    if (wanted <= stock) {
      stock -= wanted;
      savings[i] -= budget;
      spend[i] = budget;
      rationed[i] = 0;
      spending += budget;
    } else {
      const paid = stock * price;
      stock = 0;
      savings[i] -= paid;
      spend[i] = paid;
      rationed[i] = wanted > 0 ? 1 : 0;
      rationedCount += rationed[i];
      spending += paid;
    }
  }
  state.inventory = stock;
  return { demand, available, goodsSold: available - stock, spending, rationed: rationedCount };
}

/**
 * Goods-market imbalance φ = (D − G) / max(D, G) ∈ [−1, 1] (eq. 7); 0 when there is neither demand nor stock.
 * @example
 * marketImbalance(8400, 16800); // −0.5: half the goods offered were not asked for
 */
export function marketImbalance(demand: number, available: number): number {
  const scale = Math.max(demand, available);
  return scale > 0 ? (demand - available) / scale : 0;
}

/**
 * Price adjustment (eq. 9): one draw U ~ Uniform(0, α_P·φ) (signed like φ), P ← max(floor, P·(1 + U)).
 * @example
 * adjustPrice(state, 0.5, 0.1, 1, rng); // P rises by U · 5 %
 */
export function adjustPrice(state: EconomyState, imbalance: number, maxChange: number, floor: number, rng: Rng): void {
  const p = state.price * (1 + maxChange * imbalance * rng.next());
  state.price = p < floor ? floor : p;
}

/** §3 step 4 (eqs. 6, 10, 11): budgets, demand, and rationing in a random serving order. */
export const consumeStage: Stage = {
  name: "consume",
  equation: "eqs. 6, 10, 11",
  run(m) {
    m.market = consumeGoods(m.parts.state, m.parts.decisions.consumption, m.parts.rng, m.parts.order);
  },
};

/** §3 step 5 (eq. 7): the goods-market imbalance φ. */
export const imbalanceStage: Stage = {
  name: "imbalance",
  equation: "eq. 7",
  run(m) {
    m.imbalance = marketImbalance(m.market.demand, m.market.available);
  },
};

/** §3 step 7 (eq. 9): the price follows the imbalance. */
export const priceStage: Stage = {
  name: "price",
  equation: "eq. 9",
  run(m) {
    adjustPrice(m.parts.state, m.imbalance, m.params.priceAdjustment, m.params.floor, m.parts.rng);
  },
};
