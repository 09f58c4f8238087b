/**
 * Perception (paper §3; docs/model.md §6): the facts of one household's monthly prompt, read off the economy. The LLM
 * policy builds every prompt with this, and a notebook can call it on any simulation to see what a household is
 * told. `decisionPrompt` (prompts.ts) then turns the facts into words.
 */
import { jobTitle } from "../../calibration/jobs.js";
import { availableCredit } from "../../economy/bank.js";
import type { Identities } from "../../economy/initialize.js";
import type { MonthContext } from "../../economy/policy.js";
import type { BankFacts, PerceptionFacts } from "./prompts.js";

/** What perception needs besides the month's context: who the households are and what they saw last month. */
export interface PerceptionInput {
  identities: Identities;
  city: string;
  hoursPerMonth: number;
  /** Hourly wages and price when the previous month's prompts were built (for "increased"/"decreased"). */
  lastWage: ArrayLike<number>;
  lastPrice: number;
  /** Whether households are told about their bank account (`--bank on`). */
  bank: boolean;
}


/**
 * The facts of household `i`'s prompt for the month `context` is about.
 * @example
 * const facts = perceptionFacts(simulation.context(), 0, { identities, city, hoursPerMonth: 168, lastWage, lastPrice, bank: false });
 * decisionPrompt(facts, { perception: true });
 */
export function perceptionFacts(ctx: MonthContext, i: number, input: PerceptionInput): PerceptionFacts {
  const s = ctx.economy;
  const first = ctx.month === 1;
  return {
    name: input.identities.nameOf(i),
    age: s.age[i],
    city: input.city,
    date: monthDate(ctx, ctx.month),
    firstMonth: first,
    employedLastMonth: !first && s.worked[i] === 1,
    job: s.job[i] >= 0 ? jobTitle(s.job[i]) : null,
    offer: jobTitle(s.offer[i]),
    expectedIncome: input.hoursPerMonth * s.wage[i],
    incomeTrend: s.wage[i] >= input.lastWage[i] ? "up" : "down",
    lastConsumption: s.spend[i],
    rationed: s.rationed[i] ? (s.spend[i] > 0 ? "partly" : "fully") : "none",
    taxPaid: s.tax[i],
    credit: s.transfer[i],
    brackets: [...ctx.taxSchedule.cutoffs],
    rates: [...ctx.taxSchedule.rates],
    price: s.price,
    priceTrend: first ? "none" : s.price >= input.lastPrice ? "up" : "down",
    savings: s.savings[i],
    interestRate: s.rate,
    news: [...ctx.news],
    ...(input.bank && ctx.bank ? { bank: bankFacts(ctx, i, input.hoursPerMonth) } : {}),
  };
}

/** Run month `month` as the prompt's date, "2001.03". */
function monthDate(ctx: MonthContext, month: number): string {
  const startYear = ctx.year - Math.floor((ctx.month - 1) / 12);
  return `${startYear + Math.floor((month - 1) / 12)}.${String(((month - 1) % 12) + 1).padStart(2, "0")}`;
}

function bankFacts(ctx: MonthContext, i: number, hours: number): BankFacts {
  const { state: b, params } = ctx.bank!;
  return {
    deposit: b.deposit[i],
    debt: b.debt[i],
    instalment: b.instalment[i],
    missed: b.missed[i],
    creditAvailable: availableCredit(b, ctx.economy, i, ctx.month, params, hours),
    loanRate: ctx.economy.rate + params.loanSpread,
    // frozenUntil is the first month it may borrow again.
    frozenUntil: ctx.month < b.frozenUntil[i] ? monthDate(ctx, b.frozenUntil[i]) : null,
  };
}
