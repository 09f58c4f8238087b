import type { Rng } from "../rng.js";
import { drawOffer } from "./jobs.js";
import type { EconomyState } from "./state.js";
import type { Stage } from "./stage.js";

/**
 * Labor supply (eq. 5): l_i ~ Bernoulli(p^w_i), z_i = l_i · hours · w_i. Drawing U < p makes P(work) = p exactly
 * for U uniform on [0, 1), so p = 0 never works and p = 1 always does. A household that works takes the job it
 * was offered. Returns the number employed.
 * @example
 * const employed = supplyLabor(state, decisions.work, 168, rng); // households with U_i < p^w_i
 */
export function supplyLabor(state: EconomyState, work: Float64Array, hours: number, rng: Rng): number {
  const { n, wage, income, worked, job, offer } = state;
  let employed = 0;
  for (let i = 0; i < n; i++) {
    if (rng.next() < work[i]) {
      worked[i] = 1;
      income[i] = hours * wage[i];
      job[i] = offer[i];
      employed++;
    } else {
      worked[i] = 0;
      income[i] = 0;
    }
  }
  return employed;
}

/**
 * Wage adjustment (eq. 8): each household's wage moves independently by U ~ Uniform(0, α_w·φ) (signed like φ),
 * with a floor. Excess demand for goods (φ > 0) raises wages, excess supply lowers them.
 * @example
 * adjustWages(state, 0.5, 0.05, 1, rng); // every wage rises by U_i · 2.5 %, U_i ~ Uniform(0, 1)
 */
export function adjustWages(state: EconomyState, imbalance: number, maxChange: number, floor: number, rng: Rng): void {
  const { n, wage } = state;
  const span = maxChange * imbalance;
  for (let i = 0; i < n; i++) {
    const w = wage[i] * (1 + span * rng.next());
    wage[i] = w < floor ? floor : w;
  }
}

/**
 * Every household that did not work this month gets a new offer at its updated wage (docs/model.md §2, step 9).
 * @example
 * postOffers(state, 168, rng); // state.offer[i] = bucket·10 + title for each i that did not work
 */
export function postOffers(state: EconomyState, hours: number, rng: Rng): void {
  const { n, worked, offer, wage, bucketEdges } = state;
  for (let i = 0; i < n; i++) if (!worked[i]) offer[i] = drawOffer(rng, hours * wage[i], bucketEdges);
}

/** §3 step 2 (eq. 5): who works, their income, and production z joining the inventory. */
export const laborStage: Stage = {
  name: "labor",
  equation: "eq. 5",
  run(m) {
    const { state: s, decisions, rng } = m.parts;
    const p = m.params;
    m.priceInForce = s.price;
    m.rateInForce = s.rate;
    m.employed = supplyLabor(s, decisions.work, p.hoursPerMonth, rng);
    m.production = p.productivity * p.hoursPerMonth * m.employed;
    s.inventory += m.production;
  },
};

/** §3 step 6 (eq. 8): wages follow the goods-market imbalance. */
export const wagesStage: Stage = {
  name: "wages",
  equation: "eq. 8",
  run(m) {
    adjustWages(m.parts.state, m.imbalance, m.params.wageAdjustment, m.params.floor, m.parts.rng);
  },
};

/** §3 step 9: households that did not work get a new offer at their new wage. */
export const offersStage: Stage = {
  name: "offers",
  equation: "docs/model.md §2 (job offers)",
  run(m) {
    postOffers(m.parts.state, m.params.hoursPerMonth, m.parts.rng);
  },
};
