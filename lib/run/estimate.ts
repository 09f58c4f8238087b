import * as path from "node:path";
import { UsageError } from "../errors.js";
import { initializeEconomy } from "../economy/initialize.js";
import { compositePolicy } from "../households/rules/ruleBased.js";
import type { HouseholdPolicy } from "../economy/policy.js";
import { KNOWN_PRICES, type CallStats, type CallType, type TokenPrices } from "../llm/accounting.js";
import { createLlmPolicy, modelName, modelPrices } from "./createLlmPolicy.js";
import { reaskPrompt } from "../households/llm/prompts.js";
import { tokenCounter, type TokenCounter } from "../llm/tokenCount.js";
import type { ChatBackend, ChatRequest } from "../llm/types.js";
import type { RunConfig } from "./config.js";
import { createSimulation } from "./createSimulation.js";
import { readManifest } from "./manifest.js";
import { createRng } from "../rng.js";
import { populationCounts } from "../households/llm/populations.js";
import type { Populations } from "./populationOptions.js";
import { thousands } from "../thousands.js";

/**
 * Re-asks and transport retries per decision when nothing better is known: an assumption (structured output
 * makes unreadable answers rare; rate limits and timeouts add retries), not a measurement — pass a recorded
 * run's accounting with `--rates-from DIR` to use yours.
 */
export const DEFAULT_REASK_RATE = 0.02;

/** Above this many households the stand-in economy has this many and its tokens are scaled up. */
export const STAND_IN_HOUSEHOLDS = 100;

/** What the estimate assumes about answers it cannot render. */
export interface EstimateRates {
  /** Further attempts (re-asks of unreadable answers and transport retries) per decision. */
  reaskRate: number;
  /** Output tokens of one reflection; null = the reflection max tokens (a model that writes to its limit). */
  reflectionOutputTokens: number | null;
  /** Where the rates come from, for the report. */
  source: string;
}

/**
 * The assumed rates when no recorded run gives them: 0.02 re-asks per decision, reflections as long as their max tokens.
 * @example
 * DEFAULT_RATES.reaskRate; // 0.02
 */
export const DEFAULT_RATES: EstimateRates = Object.freeze({
  reaskRate: DEFAULT_REASK_RATE,
  reflectionOutputTokens: null,
  source: `assumed: ${DEFAULT_REASK_RATE} re-asks per decision, reflections as long as --reflection-max-tokens`,
});

/** Calls, tokens and cost of one kind of call (or of all) in an estimate. */
export interface CallEstimate {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** What `econagent estimate` computes for a run before it is made: calls, tokens and cost by kind of call and by month. */
export interface RunEstimate {
  model: string;
  households: number;
  months: number;
  /** How tokens were counted (the model's tokenizer, or the approximation). */
  tokenizer: string;
  /** The economy the prompts were rendered on. */
  standIn: string;
  prices: TokenPrices;
  pricesSource: string;
  rates: EstimateRates;
  decision: CallEstimate;
  reflection: CallEstimate;
  /** Expected re-asks and retries (rates.reaskRate per decision). */
  reask: CallEstimate;
  total: CallEstimate;
  /** Estimated cost of each month's calls (its decisions, their expected re-asks, its quarter-end reflections). */
  monthlyCostUsd: number[];
  /** With config `populations`: each population's households, model and share of the calls, tokens and cost. */
  populations?: { name: string; model: string; households: number; total: CallEstimate }[];
}

/**
 * The rates a recorded LLM run measured, from its manifest's accounting: further attempts per decision, and the
 * mean output tokens of the reflections it actually sent (cache hits carry no token counts).
 * @example ratesFromRun("runs/llm-pilot") // { reaskRate: 0.004, reflectionOutputTokens: 143.2, source: "…" }
 */
export function ratesFromRun(dir: string): EstimateRates {
  const accounting = (readManifest(dir, "--rates-from").households_model as { accounting?: { by_type: Record<CallType, CallStats> } } | undefined)
    ?.accounting;
  if (!accounting) throw new UsageError("--rates-from", dir, "the directory of an LLM run (its manifest has no call accounting)");
  const { decision, reflection, retry } = accounting.by_type;
  const decisions = decision.calls + decision.cacheHits;
  if (decisions === 0) throw new UsageError("--rates-from", dir, "an LLM run that made at least one decision");
  const reaskRate = (retry.calls + retry.cacheHits) / decisions;
  const reflectionOutputTokens = reflection.calls > 0 ? reflection.outputTokens / reflection.calls : null;
  return { reaskRate, reflectionOutputTokens, source: `measured in ${path.resolve(dir)}: ${reaskRate.toPrecision(3)} re-asks per decision` };
}

const STAND_IN_SENTENCE = "Prices rose while wages held, so I will keep working and spend a little less to build up savings. ";
/** The reason shown in an estimated re-ask (the prompt's wording varies with the reason by a few tokens). */
const TYPICAL_REASK_REASON = "missing key 'consumption'";

/**
 * A model that answers like a household that always reads its prompt: decisions a valid JSON answer with every
 * requested key, reflections of the assumed length; usage counted by `counter` exactly as the provider would.
 */
function standInModel(model: string, kind: string, counter: TokenCounter, reflectionTokens: number | null): ChatBackend {
  return {
    kind,
    model,
    settings: { standIn: true },
    complete: async (request: ChatRequest) => {
      const keys = Object.keys((request.schema?.schema.properties as Record<string, unknown> | undefined) ?? {});
      const tokens = Math.round(reflectionTokens ?? request.maxTokens);
      const content = request.schema
        ? JSON.stringify(Object.fromEntries(keys.map((k) => [k, 0.52])))
        : counter.truncate(STAND_IN_SENTENCE.repeat(Math.ceil(tokens / 10) + 1), tokens);
      return { content, usage: { inputTokens: counter.chat(request.messages), outputTokens: counter.text(content), cachedTokens: 0 } };
    },
  };
}

const zero = (): CallEstimate => ({ calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 });
const cost = (p: TokenPrices, input: number, output: number) => (input * p.input + output * p.output) / 1e6;

/**
 * Estimate an LLM run before spending: call counts exact (N decisions a month; N reflections after months 3, 6, …
 * before the last, unless `--reflection off`), tokens from the prompts the households would really get — the LLM
 * households' own prompt, memory and reflection code, rendered on a stand-in economy of the same configuration
 * whose decisions are the Composite rule's — counted with the model's tokenizer, and re-asks expected at
 * `rates.reaskRate`. Input tokens are priced at the full input price (no provider prefix-cache discount assumed).
 * @example
 * const e = await estimateRun(resolveConfig({ policy: "llm", model: "gpt-4o-mini" }));
 * e.decision.calls; // 24000
 */
export async function estimateRun(config: RunConfig, rates: EstimateRates = DEFAULT_RATES): Promise<RunEstimate> {
  if (config.policy !== "llm") throw new UsageError("--policy", config.policy, "llm (only LLM households make model calls)");
  if (config.populations !== null) return estimatePopulations(config, config.populations, rates);
  const model = modelName(config);
  const counter = tokenCounter(model);
  const prices = modelPrices(config, model);
  const n = Math.min(config.households, STAND_IN_HOUSEHOLDS);
  // With archetypes a month asks at most K archetypes and the A audited households, not N (docs/llm-at-scale.md):
  // the stand-in economy's households are asked one by one and their per-call tokens scaled to that many calls.
  const asked = config.archetypes === null ? config.households : Math.min(config.archetypes, config.households) + (config.audit ?? 0);
  const scale = asked / n;
  const standInConfig: RunConfig = { ...config, archetypes: null, audit: null, households: n, cacheMode: "off", recording: null, concurrency: 4096, checkpointEvery: 0 };
  const backend = standInModel(model, config.backend, counter, rates.reflectionOutputTokens);
  const byMonth: Record<"decision" | "reflection", CallStats>[] = [];
  let llm: HouseholdPolicy | null = null;
  const rules = compositePolicy(config, config.hoursPerMonth);
  const accountingOf = () => (llm!.describe!().accounting as { by_type: Record<CallType, CallStats> }).by_type;
  const standIn: HouseholdPolicy = {
    name: "stand-in",
    async init(economy, rng) {
      await llm!.init?.(economy, rng);
      await rules.init?.(economy, rng);
    },
    async decide(ctx, out) {
      await llm!.decide(ctx, out);
      await rules.decide(ctx, out); // the economy follows the rule, the prompts are the LLM households'
    },
    async observe(ctx) {
      await llm!.observe?.(ctx);
      const { decision, reflection } = accountingOf();
      byMonth.push({ decision: { ...decision }, reflection: { ...reflection } });
    },
  };
  // The identities createSimulation will draw (the same seed gives the same ones), which the prompts name.
  const { identities } = initializeEconomy(standInConfig, createRng(standInConfig.seed));
  llm = await createLlmPolicy(standInConfig, { identities, transcript: () => undefined }, backend);
  await (await createSimulation(standInConfig, standIn)).simulation.run();

  const reaskExtra =
    counter.chat([
      { role: "assistant", content: JSON.stringify({ work: 0.52, consumption: 0.52 }) },
      { role: "user", content: reaskPrompt(TYPICAL_REASK_REASON, config.bank) },
    ]) - counter.chat([]);
  const estimate = { decision: zero(), reflection: zero(), reask: zero() };
  const monthlyCostUsd: number[] = [];
  let previous = { decision: emptyStats(), reflection: emptyStats() };
  byMonth.forEach((now, k) => {
    const month = k + 1;
    const d = delta(now.decision, previous.decision);
    const r = delta(now.reflection, previous.reflection);
    previous = now;
    const reflects = config.reflection && month % 3 === 0 && month < config.months;
    if (d.calls !== n || r.calls !== (reflects ? n : 0)) throw new Error(`estimate: month ${month} made ${d.calls} decisions and ${r.calls} reflections (expected ${n} and ${reflects ? n : 0})`);
    const N = asked;
    const reasks = rates.reaskRate * N;
    const calls = {
      decision: { calls: N, inputTokens: d.inputTokens * scale, outputTokens: d.outputTokens * scale },
      reflection: { calls: reflects ? N : 0, inputTokens: r.inputTokens * scale, outputTokens: r.outputTokens * scale },
      reask: { calls: reasks, inputTokens: reasks * (d.inputTokens / n + reaskExtra), outputTokens: reasks * (d.outputTokens / n) },
    };
    let monthCost = 0;
    for (const type of ["decision", "reflection", "reask"] as const) {
      const m = calls[type];
      const c = cost(prices, m.inputTokens, m.outputTokens);
      estimate[type].calls += m.calls;
      estimate[type].inputTokens += m.inputTokens;
      estimate[type].outputTokens += m.outputTokens;
      estimate[type].costUsd += c;
      monthCost += c;
    }
    monthlyCostUsd.push(monthCost);
  });
  const total = zero();
  for (const e of Object.values(estimate)) for (const k of Object.keys(total) as (keyof CallEstimate)[]) total[k] += e[k];
  const priced = config.priceInput !== null || config.priceOutput !== null;
  return {
    model,
    households: config.households,
    months: config.months,
    tokenizer: counter.method,
    standIn:
      n === config.households
        ? `the prompts of all ${n} households, rendered on a Composite-rule economy of the same configuration`
        : `the prompts of ${n} households, rendered on a Composite-rule economy of the same configuration with ${n} households, scaled ×${scale.toFixed(2)}`,
    prices,
    pricesSource: priced ? "--price-* options" : KNOWN_PRICES[model] ? `list price of ${model}` : `none known for ${model} (cost 0; give --price-input/--price-output)`,
    rates,
    ...estimate,
    total,
    monthlyCostUsd,
  };
}

/**
 * Several models in one economy: each population's part is its share (its exact count of households over N) of
 * an estimate of the whole economy answered by its model — its model's tokenizer and prices; the prompts are the
 * whole economy's, not only its own households' (assigned by wage or age, a population's prompts differ a little).
 */
async function estimatePopulations(config: RunConfig, populations: Populations, rates: EstimateRates): Promise<RunEstimate> {
  const counts = populationCounts(populations.groups.map((g) => g.share), config.households);
  const parts: RunEstimate[] = [];
  for (const g of populations.groups) parts.push(await estimateRun({ ...config, populations: null, model: g.model }, rates));
  const scaled = (pick: (e: RunEstimate) => CallEstimate) => {
    const sum = zero();
    parts.forEach((e, k) => {
      const f = counts[k] / config.households;
      for (const key of Object.keys(sum) as (keyof CallEstimate)[]) sum[key] += pick(e)[key] * f;
    });
    return sum;
  };
  return {
    ...parts[0],
    model: [...new Set(populations.groups.map((g) => g.model))].join(", "),
    tokenizer: [...new Set(parts.map((e) => e.tokenizer))].join("; "),
    pricesSource: populations.groups.map((g, k) => `${g.name}: ${parts[k].pricesSource}`).join("; "),
    decision: scaled((e) => e.decision),
    reflection: scaled((e) => e.reflection),
    reask: scaled((e) => e.reask),
    total: scaled((e) => e.total),
    monthlyCostUsd: parts[0].monthlyCostUsd.map((_, m) => parts.reduce((sum, e, k) => sum + (e.monthlyCostUsd[m] * counts[k]) / config.households, 0)),
    populations: populations.groups.map((g, k) => ({
      name: g.name, model: g.model, households: counts[k],
      total: Object.fromEntries(Object.entries(parts[k].total).map(([key, v]) => [key, (v * counts[k]) / config.households])) as unknown as CallEstimate,
    })),
  };
}

function emptyStats(): CallStats {
  return { calls: 0, cacheHits: 0, inputTokens: 0, outputTokens: 0, cachedTokens: 0, latencyMs: 0, failures: 0, fallbacks: 0 };
}

function delta(now: CallStats, before: CallStats) {
  return { calls: now.calls - before.calls, inputTokens: now.inputTokens - before.inputTokens, outputTokens: now.outputTokens - before.outputTokens };
}

/**
 * The estimate as a table for the terminal.
 * @example
 * console.log(formatEstimate(await estimateRun(resolveConfig({ policy: "llm", households: 100, months: 12 }))));
 * // estimate: 100 households × 12 months, model gpt-4o-mini
 * // then calls, tokens and cost per call type (decision, reflection, re-ask, total)
 */
export function formatEstimate(e: RunEstimate): string {
  const int = (x: number) => thousands(Math.round(x));
  const usd = (x: number) => `$${x < 10 ? x.toFixed(4) : x.toFixed(2)}`;
  const row = (label: string, c: CallEstimate) =>
    `${label.padEnd(12)}${int(c.calls).padStart(12)}${int(c.inputTokens).padStart(16)}${int(c.outputTokens).padStart(15)}${usd(c.costUsd).padStart(12)}`;
  return [
    `estimate: ${e.households} households × ${e.months} months, model ${e.model}`,
    ...(e.populations ?? []).map((p) => `  population ${p.name}: ${p.households} households, ${p.model}, ${int(p.total.calls)} calls, ${usd(p.total.costUsd)}`),
    `${"".padEnd(12)}${"calls".padStart(12)}${"input tokens".padStart(16)}${"output tokens".padStart(15)}${"cost".padStart(12)}`,
    row("decision", e.decision),
    row("reflection", e.reflection),
    row("re-ask", e.reask),
    row("total", e.total),
    `tokens: ${e.tokenizer}; prompts: ${e.standIn}`,
    `re-asks: ${e.rates.source}`,
    `prices (USD per 1M tokens): input ${e.prices.input}, output ${e.prices.output} — ${e.pricesSource}; no prefix-cache discount assumed`,
  ].join("\n");
}
