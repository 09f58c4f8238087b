import type { BankParameters } from "../../economy/bank.js";
import type { RedistributionName } from "../../economy/redistribution.js";
import type { AnswerSchema } from "../../llm/types.js";

/**
 * Everything one household's monthly prompt states, as plain data (docs/model.md §6). The caller reads it off the
 * economy; this module only turns it into words, so prompts can be tested without an economy.
 */
export interface PerceptionFacts {
  name: string;
  age: number;
  /** "New York City, New York". */
  city: string;
  /** "YYYY.MM", e.g. "2001.02". */
  date: string;
  /** Month 1: everyone is unemployed with an offer and the price sentence is neutral (as in the official code). */
  firstMonth: boolean;
  employedLastMonth: boolean;
  /** Title of last month's job; required when employedLastMonth. */
  job: string | null;
  /** Title offered to an unemployed household. */
  offer: string;
  /** Monthly labour income if the household works this month ($). */
  expectedIncome: number;
  /** Wage now ≥ wage a month ago → "up". */
  incomeTrend: "up" | "down";
  /** Money spent on goods last month ($). */
  lastConsumption: number;
  /** Whether last month's purchase was cut by a shortage: partly (got some) or fully (got nothing). */
  rationed: "none" | "partly" | "fully";
  taxPaid: number;
  /** Redistribution received last month ($). */
  credit: number;
  /** Lower bracket cutoffs ($ per month). */
  brackets: number[];
  /** Marginal rate of each bracket (fractions). */
  rates: number[];
  price: number;
  /** Price vs a month ago; "none" in the first month. */
  priceTrend: "none" | "up" | "down";
  savings: number;
  /** Interest rate as a fraction (0.03 is shown as "3.00%"). */
  interestRate: number;
  /** Scenario announcements, said verbatim right after the date (in both perception modes); usually empty. */
  news: string[];
  /** The household's bank account, with `--bank on`. */
  bank?: BankFacts;
}

/** What a household is told about its bank account (`--bank on`; lib/economy/bank.ts). */
export interface BankFacts {
  deposit: number;
  debt: number;
  instalment: number;
  /** Consecutive missed instalments. */
  missed: number;
  /** What it may still borrow this month (0 while in arrears or frozen). */
  creditAvailable: number;
  /** Annual loan rate (policy rate + spread), as a fraction. */
  loanRate: number;
  /** "2012.04" while credit is frozen after a default, else null. */
  frozenUntil: string | null;
}

/** The bank's terms, identical for everyone: part of the system message. */
export type BankTerms = Pick<BankParameters, "creditMultiple" | "loanTerm" | "defaultAfter" | "creditFreeze">;

/** The tax-and-transfer regime in force, as the system message describes it. */
export interface PromptRegime {
  /** What happens to the collected tax: the clause after "combined with a redistributive policy: ". */
  redistribution: string;
}

/** Prompt variants: perception off is the paper's "w/o perception" ablation (bare labelled numbers). */
export interface PromptOptions {
  perception: boolean;
  /** With `--bank on`: the bank's terms in the system message, and two more answer keys. */
  bank?: BankTerms | null;
}

/** The official equal lump-sum redistribution, in the official code's words. */
export const EQUAL_SPLIT_TEXT =
  "after collection, the government evenly redistributes the tax revenue back to all citizens, irrespective of their earnings.";

/** The system message's redistribution clause for each scheme (lib/economy/redistribution.ts), so households are told the scheme in force. */
export const REDISTRIBUTION_TEXT: Readonly<Record<RedistributionName, string>> = Object.freeze({
  equal: EQUAL_SPLIT_TEXT,
  "welfare-optimal":
    "after collection, the government redistributes all the tax revenue to the citizens with the lowest incomes after tax, " +
    "raising them to a common minimum income; citizens whose income after tax is above that minimum receive nothing.",
  "marginal-utility":
    "after collection, the government redistributes all the tax revenue to all citizens according to need: " +
    "the lower a citizen's income after tax, the larger the share of the revenue the citizen receives.",
});

/** The quarter-end reflection question (official wording, including its length limit). */
export const REFLECTION_PROMPT =
  "Given the previous quarter's economic environment, reflect on the labor, consumption, and financial markets, " +
  "as well as their dynamics. What conclusions have you drawn? Your answer must be less than 200 words!";

const unitInterval = { type: "number", minimum: 0, maximum: 1 } as const;

/**
 * The answer keys: the paper's two, plus `saving` and `borrow` with the bank on.
 * @example
 * decisionKeys(false); // ["work", "consumption"]
 */
export const decisionKeys = (bank: boolean) => (bank ? (["work", "consumption", "saving", "borrow"] as const) : (["work", "consumption"] as const));

/** A decision's structured-output schema: every key a number in [0, 1]. */
const decisionSchema = (keys: readonly string[]): AnswerSchema => ({
  name: "decision",
  schema: {
    type: "object",
    properties: Object.fromEntries(keys.map((key) => [key, unitInterval])),
    required: [...keys],
    additionalProperties: false,
  },
});

/** Structured-output schema of a decision; `parseDecision` stays the safety net for backends that ignore it. */
export const DECISION_SCHEMA: AnswerSchema = decisionSchema(decisionKeys(false));

/** The schema of a decision with the bank on (four keys). */
export const BANK_DECISION_SCHEMA: AnswerSchema = decisionSchema(decisionKeys(true));

/**
 * Money as the official prompt prints it (Python `${x:.2f}`).
 * @example money(1234.5) // "$1234.50"
 */
export function money(x: number): string {
  return `$${x.toFixed(2)}`;
}

/**
 * A list of numbers as the official `format_numbers` prints brackets and rates.
 * @example numberList([0, 808.333]) // "[0.00, 808.33]"
 */
export function numberList(xs: readonly number[]): string {
  return `[${xs.map((x) => x.toFixed(2)).join(", ")}]`;
}

/**
 * An interest rate (a fraction) as the official prompt prints it.
 * @example percent(0.03) // "3.00%"
 */
export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}

// ---- Answer format: both variants -------------------------------------------------------------------------

// The official instruction, unchanged without perception too, so that the ablation changes only the framing.
const FORMAT_INSTRUCTION =
  "Please share your decisions in a JSON format. The format should have two keys: 'work' (a value between 0 and 1 " +
  "with intervals of 0.02, indicating the willingness or propensity to work) and 'consumption' (a value between 0 " +
  "and 1 with intervals of 0.02, indicating the proportion of all your savings and income you intend to spend on " +
  "essential goods).";

// With the bank on, the format grows by two keys (docs/model.md §8).
const BANK_FORMAT_INSTRUCTION =
  "Please share your decisions in a JSON format. The format should have four keys: 'work' (a value between 0 and 1 " +
  "with intervals of 0.02, indicating the willingness or propensity to work), 'consumption' (a value between 0 " +
  "and 1 with intervals of 0.02, indicating the proportion of all your savings and income you intend to spend on " +
  "essential goods), 'saving' (a value between 0 and 1 with intervals of 0.02, the proportion of the money left " +
  "after your spending that you keep as a bank deposit; the rest is cash, which earns no interest) and 'borrow' " +
  "(a value between 0 and 1 with intervals of 0.02, the proportion of your available credit line you borrow this month).";

const bankTermsSentence = (t: BankTerms): string =>
  `A bank takes deposits, which earn the interest rate, and lends to you up to ${t.creditMultiple} times your ` +
  `expected monthly income at the interest rate plus a spread; a loan is repaid in equal monthly instalments over ` +
  `${t.loanTerm} months. If you miss ${t.defaultAfter} instalments in a row, your loan defaults and you cannot ` +
  `borrow for ${t.creditFreeze} months.`;

const bankSentence = (b: BankFacts): string =>
  `Of your savings, ${money(b.deposit)} is in your bank deposit. ` +
  (b.debt > 0
    ? `You owe the bank ${money(b.debt)}, with a monthly instalment of ${money(b.instalment)}` +
      (b.missed > 0 ? `, and you have missed ${b.missed} instalment${b.missed > 1 ? "s" : ""} in a row. ` : ". ")
    : "You have no loan. ") +
  (b.frozenUntil !== null
    ? `After your default, you cannot borrow until ${b.frozenUntil}.`
    : `You can borrow up to ${money(b.creditAvailable)} more this month at an annual interest rate of ${percent(b.loanRate)}.`);

const BANK_QUESTION =
  "Also, what share of the money left after your spending will you keep in your bank deposit, and what share of " +
  "your available credit will you borrow this month?";

const bareBankFacts = (b: BankFacts): string[] => [
  `Deposit: ${money(b.deposit)}.`,
  `Debt: ${money(b.debt)}; instalment: ${money(b.instalment)}; missed instalments: ${b.missed}.`,
  `Credit available: ${money(b.creditAvailable)}; loan rate: ${percent(b.loanRate)}.`,
  ...(b.frozenUntil === null ? [] : [`Credit frozen until ${b.frozenUntil}.`]),
];

// ---- Perception on: the official sentences ----------------------------------------------------------------

const REGIME_PREAMBLE =
  "As with all Americans, a portion of your monthly income is taxed by the federal government. This taxation " +
  "system is tiered, income is taxed cumulatively within defined brackets, combined with a redistributive policy: ";

// "good price" (sic) is the official code's wording; the seed's copy says "goods price".
const DECISION_QUESTION =
  "With all these factors in play, and considering aspects like your living costs, any future aspirations, and the " +
  "broader economic trends, how is your willingness to work this month? Furthermore, how would you plan your " +
  "expenditures on essential goods, keeping in mind good price?";

const identitySentence = (name: string, age: number, city: string): string =>
  `You're ${name}, a ${age}-year-old individual living in ${city}.`;

const dateSentence = (date: string): string => `Now it's ${date}.`;

const unemployedSentence = (offer: string, wage: number): string =>
  "In the previous month, you became unemployed and had no income. " +
  `Now, you are invited to work as a(an) ${offer} with monthly salary of ${money(wage)}.`;

const employedSentence = (job: string, income: number, trend: "up" | "down"): string =>
  `In the previous month, you worked as a(an) ${job}. If you continue working this month, your expected income ` +
  `will be ${money(income)}, which is ` +
  (trend === "up"
    ? "increased compared to the last month due to the inflation of labor market."
    : "decreased compared to the last month due to the deflation of labor market.");

// The shortage variants fire when the goods market rationed the household (the official code's never did).
const consumptionSentence = (spent: number, rationed: PerceptionFacts["rationed"]): string =>
  rationed === "fully"
    ? "Besides, you had no consumption due to shortage of goods."
    : rationed === "partly"
      ? `Besides, your consumption was ${money(spent)}, less than you planned due to a shortage of goods.`
      : `Besides, your consumption was ${money(spent)}.`;

const taxSentence = (tax: number, credit: number, brackets: readonly number[], rates: readonly number[]): string =>
  `Your tax deduction amounted to ${money(tax)}. However, as part of the government's redistribution program, you ` +
  `received a credit of ${money(credit)}. In this month, the government sets the brackets: ${numberList(brackets)} ` +
  `and their corresponding rates: ${numberList(rates)}. Income earned within each bracket is taxed only at that ` +
  "bracket's rate.";

const priceSentence = (price: number, trend: PerceptionFacts["priceTrend"]): string =>
  trend === "none"
    ? `Meanwhile, in the consumption market, the average price of essential goods is now at ${money(price)}.`
    : trend === "up"
      ? "Meanwhile, inflation has led to a price increase in the consumption market, with the average price of " +
        `essential goods now at ${money(price)}.`
      : "Meanwhile, deflation has led to a price decrease in the consumption market, with the average price of " +
        `essential goods now at ${money(price)}.`;

const savingsSentence = (savings: number, rate: number): string =>
  `Your current savings account balance is ${money(savings)}. Interest rates, as set by your bank, stand at ` +
  `${percent(rate)}.`;

function jobSentence(f: PerceptionFacts): string {
  // Month 1 has no "last month": the official code greets everyone with the unemployed-with-offer sentence.
  if (f.firstMonth || !f.employedLastMonth) return unemployedSentence(f.offer, f.expectedIncome);
  if (f.job === null) throw new Error(`perception facts for ${f.name}: employed last month but no job title`);
  return employedSentence(f.job, f.expectedIncome, f.incomeTrend);
}

// ---- Perception off: bare labelled numbers ----------------------------------------------------------------

const BARE_REGIME =
  "Each month you report two numbers: your willingness to work and the share of your money you spend on goods. " +
  "Labor income is taxed in brackets, income within each bracket at that bracket's rate, and the collected tax is " +
  "redistributed: ";

const BARE_QUESTION =
  "How willing are you to work this month, and what share of your savings and income will you spend on goods?";

const bareFacts = (f: PerceptionFacts): string[] => [
  `Date: ${f.date}.`,
  ...f.news,
  `Income if you work this month: ${money(f.expectedIncome)}.`,
  `Last month's consumption: ${money(f.lastConsumption)}.`,
  `Tax paid: ${money(f.taxPaid)}.`,
  `Credit received: ${money(f.credit)}.`,
  `Brackets: ${numberList(f.brackets)}; rates: ${numberList(f.rates)}.`,
  `Price of goods: ${money(f.price)}.`,
  `Savings: ${money(f.savings)}.`,
  `Interest rate: ${percent(f.interestRate)}.`,
];

// ---- Messages ---------------------------------------------------------------------------------------------

/**
 * The system message: everything identical for every household and month (regime, answer format), placed first
 * and kept byte-identical so providers' prefix caches hit (docs/model.md §6).
 * @example systemPrompt({ redistribution: EQUAL_SPLIT_TEXT }, { perception: true }) // "As with all Americans, …"
 */
export function systemPrompt(regime: PromptRegime, options: PromptOptions): string {
  const preamble = options.perception ? REGIME_PREAMBLE : BARE_REGIME;
  if (!options.bank) return `${preamble}${regime.redistribution} ${FORMAT_INSTRUCTION}`;
  return `${preamble}${regime.redistribution} ${bankTermsSentence(options.bank)} ${BANK_FORMAT_INSTRUCTION}`;
}

/**
 * One household's monthly user message, in the official sentence order minus what moved to the system message.
 * With perception off only the date, scenario news and labelled numbers remain.
 * @example decisionPrompt(facts, { perception: true }) // "You're Adam Mills, a 40-year-old individual … good price?"
 */
export function decisionPrompt(facts: PerceptionFacts, options: PromptOptions): string {
  const sentences = options.perception
    ? [
        identitySentence(facts.name, facts.age, facts.city),
        dateSentence(facts.date),
        ...facts.news,
        jobSentence(facts),
        consumptionSentence(facts.lastConsumption, facts.rationed),
        taxSentence(facts.taxPaid, facts.credit, facts.brackets, facts.rates),
        priceSentence(facts.price, facts.priceTrend),
        savingsSentence(facts.savings, facts.interestRate),
        ...(facts.bank ? [bankSentence(facts.bank)] : []),
        DECISION_QUESTION,
        ...(facts.bank ? [BANK_QUESTION] : []),
      ]
    : [...bareFacts(facts), ...(facts.bank ? bareBankFacts(facts.bank) : []), BARE_QUESTION, ...(facts.bank ? [BANK_QUESTION] : [])];
  return sentences.join(" ");
}

/**
 * The follow-up after an unreadable answer: names what was wrong and restates only the format, so the re-ask
 * carries no perception wording either way.
 * @example reaskPrompt("missing key 'consumption'")
 */
export function reaskPrompt(reason: string, bank = false): string {
  const keys = bank ? "four keys, 'work', 'consumption', 'saving' and 'borrow'," : "two keys, 'work' and 'consumption',";
  return `Your answer could not be read (${reason}). Reply with only a JSON object with ${keys} each a value between 0 and 1 with intervals of 0.02.`;
}
