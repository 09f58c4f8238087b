import * as path from "node:path";
import { bankParameters } from "../economy/bank.js";
import type { Identities } from "../economy/initialize.js";
import type { HouseholdPolicy } from "../economy/policy.js";
import { dataPath } from "../paths.js";
import type { RunConfig } from "./config.js";
import { Accounting, KNOWN_PRICES, type TokenPrices } from "../llm/accounting.js";
import { DirectoryStore, ResponseCache, type EntryStore } from "../llm/cache.js";
import { callLimiter, endpointOf } from "../llm/callLimits.js";
import { LlmClient } from "../llm/client.js";
import { LlamaBackend } from "../llm/llamaBackend.js";
import { llmPolicy } from "../households/llm/llmPolicy.js";
import { OpenAIBackend } from "../llm/openaiBackend.js";
import { REDISTRIBUTION_TEXT } from "../households/llm/prompts.js";
import { RecordingStore } from "../llm/recording.js";
import type { ChatBackend } from "../llm/types.js";

/** Default model of the OpenAI backend when none is given. */
export const DEFAULT_OPENAI_MODEL = "gpt-4o-mini";

/**
 * In replay mode every answer comes from the cache, so no model is loaded and no endpoint contacted: replaying an
 * embedded-model run needs no GGUF file, and replaying an API run no key. Any call is a bug, reported as such.
 */
function replayBackend(config: RunConfig): ChatBackend {
  return {
    kind: config.backend,
    model: modelName(config),
    settings: { replay: true },
    complete: () => Promise.reject(new Error("replay mode makes no model calls")),
  };
}

/** The model id a configuration names: `--model`, else the GGUF file's name (embedded) or the OpenAI default. */
export function modelName(config: RunConfig): string {
  return config.model ?? (config.backend === "llama" ? path.basename(config.modelPath!) : DEFAULT_OPENAI_MODEL);
}

/** The model's prices: the `--price-*` options, else its known list price, else 0 (cached input defaults to input). */
export function modelPrices(config: RunConfig, model: string): TokenPrices {
  const known = KNOWN_PRICES[model] ?? { input: 0, output: 0, cachedInput: 0 };
  return {
    input: config.priceInput ?? known.input,
    output: config.priceOutput ?? known.output,
    cachedInput: config.priceCachedInput ?? config.priceInput ?? known.cachedInput,
  };
}

/** The model backend a configuration names. The API key is read from OPENAI_API_KEY here and nowhere else. */
export async function createBackend(config: RunConfig): Promise<ChatBackend> {
  if (config.cacheMode === "replay") return replayBackend(config);
  if (config.backend === "llama") {
    return LlamaBackend.load({ modelPath: config.modelPath!, threads: config.threads, ...(config.model ? { model: config.model } : {}) });
  }
  return new OpenAIBackend({
    model: config.model ?? DEFAULT_OPENAI_MODEL,
    baseURL: config.baseUrl ?? process.env.OPENAI_BASE_URL ?? undefined,
    apiKey: process.env.OPENAI_API_KEY,
    timeoutMs: config.timeout * 1000,
    structuredOutput: config.structuredOutput,
    maxConnections: config.concurrency,
  });
}

/** Where responses are cached: `--cache`, else the shared cache under data/. */
export function cacheDirectory(config: RunConfig): string {
  return config.cache ? path.resolve(config.cache) : dataPath("llm-cache");
}

/** Where the cache entries of a run come from: `--recording FILE` (replay), else the cache directory. */
export function cacheStore(config: RunConfig): EntryStore {
  return config.recording !== null ? new RecordingStore(path.resolve(config.recording)) : new DirectoryStore(cacheDirectory(config));
}

/**
 * LLM households for a run: backend, response cache, retrying concurrency-limited client, accounting, agent.
 * `backend` and `store` replace the configured model and cache (an estimate's stand-in model; a recording export).
 */
export async function createLlmPolicy(
  config: RunConfig,
  env: { identities: Identities; transcript: (record: Record<string, unknown>) => void },
  backend?: ChatBackend,
  store?: EntryStore,
): Promise<HouseholdPolicy> {
  const model = backend ?? (await createBackend(config));
  const accounting = new Accounting(modelPrices(config, model.model));
  const client = new LlmClient(model, {
    concurrency: config.concurrency,
    // In a sweep, one limit per endpoint across all workers' runs (lib/experiment/permits.ts).
    limiter: callLimiter(endpointOf(config), config.concurrency),
    cache: new ResponseCache(store ?? cacheStore(config), config.cacheMode),
    retry: { maxAttempts: config.maxAttempts, baseDelayMs: 1000, maxDelayMs: 60_000 },
    accounting,
    giveUpAfterMs: config.giveUpAfter * 1000,
  });
  return llmPolicy({
    client,
    identities: env.identities,
    city: config.city,
    hoursPerMonth: config.hoursPerMonth,
    months: config.months,
    memory: config.memory,
    reflection: config.reflection,
    perception: config.perception,
    temperature: config.temperature,
    decisionMaxTokens: config.decisionMaxTokens,
    reflectionMaxTokens: config.reflectionMaxTokens,
    maxReasks: config.maxReasks,
    seed: config.llmSeed,
    redistributionText: REDISTRIBUTION_TEXT[config.redistribution],
    bank: config.bank ? bankParameters(config) : null,
    transcript: env.transcript,
  });
}
