import * as path from "node:path";
import { bankParameters } from "../economy/bank.js";
import type { Identities } from "../economy/initialize.js";
import type { HouseholdPolicy } from "../economy/policy.js";
import { UsageError } from "../errors.js";
import { writableDirectoryProblem } from "../files.js";
import { dataPath } from "../paths.js";
import type { RunConfig } from "./config.js";
import type { PopulationEntry } from "./populationOptions.js";
import { concurrencySetting, endpointEntries, endpointsSpec } from "./endpointOptions.js";
import { parseOption } from "./options.js";
import { Accounting, KNOWN_PRICES, type TokenPrices } from "../llm/accounting.js";
import type { ConcurrencySetting } from "../llm/adaptiveLimit.js";
import { ResponseCache, type EntryStore } from "../llm/cache.js";
import { PackStore } from "../llm/packStore.js";
import { endpointOf, sharedCallLimiter } from "../llm/callLimits.js";
import { LlmClient } from "../llm/client.js";
import { EndpointPool, type EndpointOptions } from "../llm/endpointPool.js";
import { checkModelFile, LlamaBackend } from "../llm/llamaBackend.js";
import { llmPolicy } from "../households/llm/llmPolicy.js";
import { archetypePolicy } from "../households/llm/archetypePolicy.js";
import { auditedHouseholds } from "./decisionRecording.js";
import { OpenAIBackend } from "../llm/openaiBackend.js";
import { HttpChatBackend } from "../llm/httpChatBackend.js";
import { REDISTRIBUTION_TEXT } from "../households/llm/prompts.js";
import { RecordingStore } from "../llm/recording.js";
import type { ChatBackend } from "../llm/types.js";

/** Default model of the OpenAI backend when none is given. */
export const DEFAULT_OPENAI_MODEL = "gpt-4o-mini";

/**
 * In replay mode every answer comes from the cache, so no model is loaded and no endpoint contacted: replaying an
 * embedded-model run needs no GGUF file, and replaying an API run no key. Any call is a bug, reported as such.
 */
function replayBackend(config: RunConfig, model: string): ChatBackend {
  return {
    kind: config.backend,
    model,
    settings: { replay: true },
    complete: () => Promise.reject(new Error("replay mode makes no model calls")),
  };
}

/**
 * The model id a configuration names: `--model`, else the GGUF file's name (embedded) or the OpenAI default.
 * @example
 * modelName(resolveConfig({ policy: "llm" })); // "gpt-4o-mini"
 * modelName(resolveConfig({ policy: "llm", model: "gpt-4o" })); // "gpt-4o"
 */
export function modelName(config: RunConfig): string {
  return config.model ?? (config.backend === "llama" ? path.basename(config.modelPath!) : DEFAULT_OPENAI_MODEL);
}

/**
 * The model's prices: the `--price-*` options, else its known list price, else 0 (cached input defaults to input).
 * @example
 * modelPrices(resolveConfig({ policy: "llm" }), "gpt-4o-mini"); // { input: 0.15, output: 0.6, cachedInput: 0.075 }
 */
export function modelPrices(config: RunConfig, model: string): TokenPrices {
  const known = KNOWN_PRICES[model] ?? { input: 0, output: 0, cachedInput: 0 };
  return {
    input: config.priceInput ?? known.input,
    output: config.priceOutput ?? known.output,
    cachedInput: config.priceCachedInput ?? config.priceInput ?? known.cachedInput,
  };
}

/**
 * The endpoints a configuration names, each with its backend and concurrency: one per `--base-url` entry (or
 * OPENAI_BASE_URL, else OpenAI's) over `--transport` (node:http, or the `openai` SDK), one embedded model, or the
 * replay stand-in. API keys are read here and nowhere
 * else: OPENAI_API_KEY, or the variable an endpoint's (else its population's) `apiKeyEnv` names. With `population`, its
 * model on its endpoints (the run's when it names none).
 * @example
 * await createEndpoints(resolveConfig({ policy: "llm" })); // without OPENAI_BASE_URL:
 * // [{ label: "https://api.openai.com/v1", backend: <HttpChatBackend, model "gpt-4o-mini">, concurrency, shared }]
 */
export async function createEndpoints(config: RunConfig, population: PopulationEntry | null = null): Promise<EndpointOptions[]> {
  // In a sweep, each endpoint's limit is shared by all workers' runs (lib/experiment/permits.ts).
  const shared = (baseUrl: string | null, limit: ConcurrencySetting) =>
    sharedCallLimiter(endpointOf({ backend: config.backend, baseUrl, modelPath: config.modelPath }), limit.max);
  const single = async (backend: ChatBackend): Promise<EndpointOptions[]> => {
    const limit = concurrencySetting(config.concurrency);
    return [{ label: String(backend.settings.baseURL ?? backend.kind), backend, concurrency: limit, shared: shared(null, limit) }];
  };
  if (config.cacheMode === "replay") return single(replayBackend(config, population?.model ?? modelName(config)));
  if (config.backend === "llama") {
    return single(await LlamaBackend.load({ modelPath: config.modelPath!, threads: config.threads, ...(config.model ? { model: config.model } : {}) }));
  }
  // The variable is input like --base-url, which overrides it: read only then, and a bad value is a usage error
  // now, not an endpoint that never answers.
  const fromEnv = () =>
    process.env.OPENAI_BASE_URL
      ? parseOption("OPENAI_BASE_URL", { ...endpointsSpec, allowed: "an http:// or https:// URL, or a comma-separated list of them" }, process.env.OPENAI_BASE_URL)
      : null;
  const baseUrl = population?.baseUrl ?? config.baseUrl ?? fromEnv();
  const entries = baseUrl === null ? [{ baseUrl: undefined, limit: concurrencySetting(config.concurrency) }] : endpointEntries(baseUrl, config.concurrency);
  return entries.map((entry: { baseUrl?: string; model?: string; apiKeyEnv?: string; limit: ConcurrencySetting }) => {
    const Transport = config.transport === "sdk" ? OpenAIBackend : HttpChatBackend;
    const backend = new Transport({
      model: entry.model ?? population?.model ?? config.model ?? DEFAULT_OPENAI_MODEL,
      baseURL: entry.baseUrl,
      apiKey: process.env[entry.apiKeyEnv ?? population?.apiKeyEnv ?? "OPENAI_API_KEY"],
      timeoutMs: config.timeout * 1000,
      maxAnswerBytes: config.maxAnswerBytes,
      structuredOutput: config.structuredOutput,
      maxConnections: entry.limit.max,
    });
    return { label: String(backend.settings.baseURL), backend, concurrency: entry.limit, shared: shared(entry.baseUrl ?? null, entry.limit) };
  });
}

/**
 * Where responses are cached: `--cache`, else the shared cache under data/.
 * @example
 * cacheDirectory(resolveConfig({ policy: "llm" })); // "<project root>/data/llm-cache"
 * cacheDirectory(resolveConfig({ policy: "llm", cache: "tmp/cache" })); // path.resolve("tmp/cache")
 */
export function cacheDirectory(config: RunConfig): string {
  return config.cache ? path.resolve(config.cache) : dataPath("llm-cache");
}

/**
 * Checks the input files an LLM run reads — the `--model-path` model (embedded backend, unless replaying) and the
 * `--recording` — before anything is written, so a bad one leaves no empty run directory behind: throws
 * ModelFileUnusable, RecordingDamaged or UsageError (the CLI's exit 2). A run of another policy reads neither.
 * The recording is read again by {@link cacheStore}: checking it needs every entry, and the run directory must not
 * exist yet while it is checked.
 * @example
 * checkLlmInputs(resolveConfig({ policy: "llm", backend: "llama", modelPath: "README.md" })); // throws ModelFileUnusable
 */
export function checkLlmInputs(config: RunConfig): void {
  if (config.policy !== "llm") return;
  if (config.backend === "llama" && config.cacheMode !== "replay" && config.modelPath !== null) checkModelFile(config.modelPath);
  if (config.recording !== null) new RecordingStore(path.resolve(config.recording));
}

/**
 * Where the cache entries of a run come from: `--recording FILE` (replay), else the cache directory — which a
 * recording run must be able to write: one that cannot would stop the run at its first answer, so it is refused
 * before month 1 (exit 2).
 * @example
 * cacheStore(resolveConfig({ policy: "llm" })); // a PackStore on cacheDirectory(config)
 */
export function cacheStore(config: RunConfig): EntryStore {
  if (config.recording !== null) return new RecordingStore(path.resolve(config.recording));
  const dir = cacheDirectory(config);
  const problem = config.cacheMode === "record" ? writableDirectoryProblem(dir) : null;
  if (problem !== null) throw new UsageError("--cache", dir, `a writable directory (${problem})`);
  return new PackStore(dir);
}

/**
 * LLM households for a run: backend, response cache, retrying concurrency-limited client, accounting, agent — one
 * client per population (config `populations`, each with its model's endpoints, cache keys and prices; one
 * response cache for all). `backend` and `store` replace the configured model and cache (an estimate's stand-in
 * model, which answers for every household; a recording export). With `--archetypes`, one agent per archetype
 * plus the `--audit` panel instead of one per household.
 * @example
 * const policy = await createLlmPolicy(resolveConfig({ policy: "llm", households: 10 }), { identities, transcript: () => undefined });
 */
export async function createLlmPolicy(
  config: RunConfig,
  env: { identities: Identities; transcript: (record: Record<string, unknown>) => void; auditRow?: (row: number[]) => void },
  backend?: ChatBackend,
  store?: EntryStore,
): Promise<HouseholdPolicy> {
  const populations = backend ? null : config.populations;
  const cache = new ResponseCache(store ?? cacheStore(config), config.cacheMode);
  const retry = { maxAttempts: config.maxAttempts, baseDelayMs: 1000, maxDelayMs: 60_000 };
  const clientFor = async (population: PopulationEntry | null) => {
    const endpoints = backend
      ? [{ label: String(backend.settings.baseURL ?? backend.kind), backend, concurrency: concurrencySetting(config.concurrency) }]
      : await createEndpoints(config, population);
    // The run's (population's) model names the cache key and the prices; an endpoint may call it by another name.
    const identity = { kind: endpoints[0].backend.kind, model: backend ? backend.model : (population?.model ?? modelName(config)) };
    const accounting = new Accounting(modelPrices(config, identity.model));
    const pool = new EndpointPool(endpoints, {
      giveUpAfterMs: config.giveUpAfter * 1000,
      probeBaseMs: retry.baseDelayMs,
      probeMaxMs: Math.min(30_000, retry.maxDelayMs),
      maxPauseMs: retry.maxDelayMs,
    });
    return new LlmClient(pool, { cache, retry, accounting, identity });
  };
  const clients: LlmClient[] = [];
  for (const population of populations?.groups ?? [null]) clients.push(await clientFor(population));
  const options = {
    clients,
    populations: populations
      ? { names: populations.groups.map((g) => g.name), shares: populations.groups.map((g) => g.share), order: populations.by, seed: config.seed }
      : null,
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
    maxFallbackShare: config.maxFallbackShare,
    seed: config.llmSeed,
    redistributionText: REDISTRIBUTION_TEXT[config.redistribution],
    bank: config.bank ? bankParameters(config) : null,
    transcript: env.transcript,
  };
  if (config.archetypes === null) return llmPolicy(options);
  return archetypePolicy({
    ...options,
    archetypes: config.archetypes,
    audit: auditedHouseholds(config.audit ?? 0, config.households, config.seed),
    auditRow: env.auditRow ?? (() => undefined),
  });
}
