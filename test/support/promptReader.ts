/**
 * A stand-in for a model in tests and benchmarks (never a language model, never offered as one): it READS the
 * perception prompt — expected income, savings, price, job status and any scenario news, as
 * lib/households/llm/prompts.ts writes them, with perception on or off — and answers work and consumption
 * propensities computed from those facts by fixed formulas. Households in different situations therefore get
 * different answers, so grouping them into archetypes changes answers as it would with a real model. Served over
 * the loopback fake (`startFakeOpenAI((body) => ({ content: promptReaderAnswer(body) }))`) or in-process through
 * the same ChatBackend interface as the real transports ({@link promptReaderBackend}).
 */
import type { ChatBackend, ChatMessage, ChatRequest } from "../../lib/llm/types.js";

/** What the stand-in reads from a decision prompt. */
export interface PromptFacts {
  income: number;
  savings: number;
  price: number;
  /** Null when the prompt does not say (perception off). */
  employed: boolean | null;
  /** Scenario news sentences present. */
  news: boolean;
}

const money = (pattern: RegExp, text: string): number | null => {
  const m = pattern.exec(text);
  return m ? Number(m[1]) : null;
};

/**
 * The facts of a decision prompt, or null when `text` is not one (a reflection question, a re-ask).
 * @example
 * readPrompt("… Now, you are invited to work as a(an) cashier with monthly salary of $2000.00. … balance is $500.00. …")
 * // { income: 2000, savings: 500, price: …, employed: false, news: false }
 */
export function readPrompt(text: string): PromptFacts | null {
  if (text.startsWith("Date: ")) {
    const income = money(/Income if you work this month: \$(-?\d+(?:\.\d+)?)\./, text);
    const savings = money(/Savings: \$(-?\d+(?:\.\d+)?)\./, text);
    const price = money(/Price of goods: \$(-?\d+(?:\.\d+)?)\./, text);
    if (income === null || savings === null || price === null) return null;
    return { income, savings, price, employed: null, news: !/^Date: [\d.]+\. Income if/.test(text) };
  }
  const income = money(/(?:monthly salary of|expected income will be) \$(-?\d+(?:\.\d+)?)/, text);
  const savings = money(/savings account balance is \$(-?\d+(?:\.\d+)?)\./, text);
  const price = money(/essential goods (?:is )?now at \$(-?\d+(?:\.\d+)?)\./, text);
  if (income === null || savings === null || price === null) return null;
  const employed = /In the previous month, you worked as/.test(text);
  const news = !/Now it's [\d.]+\. In the previous month/.test(text);
  return { income, savings, price, employed, news };
}

const clamp = (x: number) => Math.min(1, Math.max(0, x));
/** Two decimals, as a model writes them (the parser snaps to the 0.02 grid). */
const round = (x: number) => Math.round(clamp(x) * 100) / 100;

/**
 * The stand-in's propensities for a prompt's facts. Work falls with savings measured in months of income and
 * with news; an unemployed household is keener to work. Consumption is a larger share for households with little
 * saved, smaller under news, and a little smaller when a month of income buys few goods.
 * @example
 * decide({ income: 2000, savings: 4000, price: 150, employed: true, news: false }); // { work: 0.87, consumption: 0.3 }
 */
export function decide(f: PromptFacts): { work: number; consumption: number } {
  const months = f.savings / Math.max(1, f.income);
  const goods = f.income / Math.max(1, f.price); // units a month of income buys
  const work = 0.95 - 0.04 * Math.min(months, 10) + (f.employed === false ? 0.04 : 0) - (f.news ? 0.1 : 0);
  const consumption = 0.12 + 0.3 / (1 + months / 3) - (f.news ? 0.05 : 0) - (goods < 10 ? 0.04 : 0);
  return { work: round(work), consumption: round(consumption) };
}

/**
 * The stand-in's answer to a chat request body: a short fixed sentence to the reflection question, else the
 * decision for the last message's facts; a prompt it cannot read is an error (a test must not pass on fallbacks).
 * @example
 * promptReaderAnswer({ messages: [{ role: "user", content: prompt }] }); // '{"work":0.87,"consumption":0.26}'
 */
export function promptReaderAnswer(body: unknown): string {
  const messages = (body as { messages: { content: string }[] }).messages;
  const last = messages[messages.length - 1].content;
  if (last.startsWith("Given the previous quarter")) return "Prices and wages moved a little this quarter; I will keep working and spend with care.";
  const facts = readPrompt(last);
  if (facts === null) throw new Error(`the stand-in cannot read this prompt: ${last.slice(0, 200)}`);
  return JSON.stringify(decide(facts));
}

const tokens = (messages: ChatMessage[]) => Math.ceil(messages.reduce((n, m) => n + m.content.length, 0) / 4);

/**
 * The stand-in as an in-process ChatBackend (the interface the HTTP transports implement), for runs that must be
 * fast (bench/, docs/llm-at-scale.md's measurements): usage is characters / 4, like the loopback fake's.
 * @example
 * const backend = promptReaderBackend("stand-in"); await backend.complete({ messages, maxTokens: 100, temperature: 0 });
 */
export function promptReaderBackend(model: string): ChatBackend & { calls: number } {
  const backend = {
    kind: "openai",
    model,
    settings: { standIn: "promptReader" },
    calls: 0,
    complete: async (request: ChatRequest) => {
      backend.calls++;
      const content = promptReaderAnswer(request);
      return { content, usage: { inputTokens: tokens(request.messages), outputTokens: Math.ceil(content.length / 4), cachedTokens: 0 } };
    },
  };
  return backend;
}
