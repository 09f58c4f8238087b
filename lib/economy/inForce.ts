import type { TaxSchedule } from "./incomeTax.js";
import type { EconomyParameters } from "./parameters.js";

/** How a basic income is paid for: printed money, or a flat surcharge on post-tax labor income (government.ts). */
export const UBI_FUNDING = ["new-money", "income-tax"] as const;
/** How a scenario's basic income is paid for: printed (`new-money`) or by a flat surcharge on post-tax income (`income-tax`). */
export type UbiFunding = (typeof UBI_FUNDING)[number];

/** What is in force in one month of a run: parameters, tax schedule, news, basic income, and level jumps. */
export interface MonthScenario {
  params: EconomyParameters;
  taxSchedule: TaxSchedule;
  /** T(z) of eq. 1 under the schedule in force (`progressiveTax`, lib/economy/incomeTax.ts). */
  taxOf: (income: number) => number;
  /** News sentences for the LLM households' prompts, in the file's order. */
  news: readonly string[];
  /** Universal basic income paid to every household this month ($). */
  ubi: number;
  /** Whether the basic income is new money or paid by a surcharge on post-tax labor income (budget-neutral). */
  ubiFunding: UbiFunding;
  /** Factors applied to every wage and to the price at the start of this month (1 = none). */
  wageJump: number;
  priceJump: number;
}
