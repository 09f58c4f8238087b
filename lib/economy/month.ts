/**
 * The month of docs/model.md §3 as an ordered list of stages, and the indicator rows as declared reporters. The bank
 * (lib/economy/bank.ts) and a scenario (lib/scenario/schedule.ts) insert their stages into this list;
 * `Simulation.step` runs whatever list results, then the reporters.
 */
import { gini } from "../stats/gini.js";
import { centralBankStage, interestStage } from "./centralBank.js";
import { consumeStage, imbalanceStage, priceStage } from "./goodsMarket.js";
import { taxStage } from "./government.js";
import { decideStage, newYearStage } from "./householdStages.js";
import { laborStage, offersStage, wagesStage } from "./laborMarket.js";
import type { AnnualRow, MonthlyRow } from "./rows.js";
import type { Month, Reporters, Stage } from "./stage.js";

/** The paper's month, in its order: steps 1–9 of docs/model.md §3 (step 8 is December's interest, then the Taylor rule). */
export const PAPER_MONTH: readonly Stage[] = Object.freeze([
  newYearStage,
  decideStage,
  laborStage,
  taxStage,
  consumeStage,
  imbalanceStage,
  wagesStage,
  priceStage,
  interestStage,
  centralBankStage,
  offersStage,
]);

/**
 * The monthly row's columns of the paper's economy (`MONTHLY_COLUMNS`).
 * @example
 * economyMonthly(month).employed; // what the labor stage counted
 */
export function economyMonthly(m: Month): MonthlyRow {
  const s = m.parts.state;
  const { n, wage, savings: balance, transfer } = s;
  let wages = 0;
  let savings = 0;
  let transfers = 0;
  for (let i = 0; i < n; i++) {
    wages += wage[i];
    savings += balance[i];
    transfers += transfer[i];
  }
  return {
    month: m.context.month,
    year: m.context.year,
    price: s.price,
    mean_wage: wages / s.n,
    employed: m.employed,
    production: m.production,
    inventory: s.inventory,
    demand: m.market.demand,
    imbalance: m.imbalance,
    tax_revenue: m.revenue,
    transfers,
    consumption: m.market.spending,
    goods_sold: m.market.goodsSold,
    rationed: m.market.rationed,
    total_savings: savings,
    interest_rate: m.rateInForce,
    nominal_gdp: m.production * m.priceInForce,
    real_gdp: m.production * s.initialPrice,
  };
}

/**
 * The annual row's columns of the paper's economy (`ANNUAL_COLUMNS`): the year's macro indicators and distribution.
 * @example
 * economyYear(december).gini_income; // the year's income Gini
 */
export function economyYear(m: Month): AnnualRow {
  const s = m.parts.state;
  let total = 0;
  for (let i = 0; i < s.n; i++) total += s.savings[i];
  return { ...m.year(), gini_income: gini(s.yearIncome), gini_savings: gini(s.savings), mean_savings: total / s.n };
}

/** The paper's reporters; the bank adds its columns after these. */
export const PAPER_REPORTERS: Reporters = Object.freeze({ monthly: [economyMonthly], annual: [economyYear] });
