import { TAX_YEARS } from "../calibration/tax.js";
import { UsageError } from "../errors.js";
import { DEFAULT_PARAMETERS, type EconomyParameters } from "../economy/parameters.js";
import { DEFAULT_RULE_PARAMETERS, type RuleParameters } from "../households/rules/ruleParameters.js";
import { DEFAULT_BANK, type BankParameters } from "../economy/bank.js";
import { REDISTRIBUTION_NAMES, type RedistributionName } from "../economy/redistribution.js";
import { DEFAULT_MAX_ANSWER_BYTES } from "../llm/chatCompletions.js";
import { DEFAULT_MAX_FALLBACK_SHARE } from "../llm/runStops.js";
import { loadScenario } from "../scenario/scenario.js";
import { decisionRecordingSpec, type DecisionRecording } from "./decisionRecording.js";
import { concurrencySpec, endpointsSpec, type EndpointEntry } from "./endpointOptions.js";
import { populationsSpec, type Populations } from "./populationOptions.js";
import { integer, oneOf, onOff, orNull, parseOption, real, seedSpec, text, wholeYears, type OptionSpec } from "./options.js";

/**
 * The table formats of `--format`.
 * @example
 * OUTPUT_FORMATS; // ["csv", "parquet"]
 */
export const OUTPUT_FORMATS = ["csv", "parquet"] as const;
/** One of {@link OUTPUT_FORMATS}. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * The household policies of `--policy`.
 * @example
 * POLICIES.includes("llm"); // true
 */
export const POLICIES = ["fixed", "len", "cats", "composite", "llm", "aieco"] as const;
/** One of {@link POLICIES}. */
export type PolicyName = (typeof POLICIES)[number];

/** Options of the LLM households (`--policy llm`); the API key is never an option (OPENAI_API_KEY only). */
export interface LlmOptions {
  backend: "openai" | "llama";
  /** Model id; for the embedded backend, defaults to the model file's name. */
  model: string | null;
  /**
   * OpenAI-compatible endpoint(s): one URL, a comma-separated list, or (config file) a list of
   * {baseUrl, model?, apiKeyEnv?, concurrency?} (lib/run/endpointOptions.ts). Null: OPENAI_BASE_URL, else OpenAI's.
   */
  baseUrl: string | EndpointEntry[] | null;
  /** How requests to OpenAI-compatible endpoints travel: node:http directly (default) or the `openai` SDK. */
  transport: "http" | "sdk";
  /** GGUF file for the embedded backend. */
  modelPath: string | null;
  threads: number;
  temperature: number;
  /** Calls in flight per endpoint: a number, or "auto" / "auto:MAX" (adaptive, AIMD). */
  concurrency: number | string;
  /** Months of dialogue each decision remembers (L; official 1; 0 = "w/o memory"). */
  memory: number;
  reflection: boolean;
  perception: boolean;
  structuredOutput: boolean;
  decisionMaxTokens: number;
  reflectionMaxTokens: number;
  maxReasks: number;
  /** Sampling seed sent with each request, for backends that accept one. */
  llmSeed: number | null;
  /** Response cache directory (default data/llm-cache) and mode. */
  cache: string | null;
  cacheMode: "record" | "replay" | "off";
  /** A recording (`econagent recording export`) to replay from instead of the cache directory; replay mode only. */
  recording: string | null;
  /** Seconds per attempt, attempts per call, and seconds of unreachable endpoint before the run stops. */
  timeout: number;
  maxAttempts: number;
  /** Bytes of a response body read at most; a longer answer is unreadable (re-asked, then the counted fallback). */
  maxAnswerBytes: number;
  giveUpAfter: number;
  /** USD per million tokens; null = the known list price of the model, or 0. */
  priceInput: number | null;
  priceOutput: number | null;
  priceCachedInput: number | null;
  /** Ask the model once per archetype, at most this many a month (docs/llm-at-scale.md); null = once per household. */
  archetypes: number | null;
  /** With archetypes: this many households (a seeded panel) are also asked individually and measure the gap; null = none. */
  audit: number | null;
  /** Hard budget in USD: the run stops at the month boundary before its projected spend would pass it (lib/run/budget.ts). */
  maxCost: number | null;
  /** Several models in one economy (lib/run/populationOptions.ts); null = every household asks the run's model. */
  populations: Populations | null;
  /** A month in which more than this share of the decisions fell back stops the run (lib/llm/runStops.ts); 1 = never. */
  maxFallbackShare: number;
}

/** Options of the AI-Economist households (`--policy aieco`). */
export interface AiEconomistOptions {
  /** Trained weights (JSON); null = the committed data/aieco/weights.json. */
  aiecoWeights: string | null;
  /** `sample` the consumption share from the trained policy with the run's RNG, or take its most probable (`greedy`). */
  aiecoActions: "sample" | "greedy";
}

/** Everything that defines a run. Written, resolved, into every run's manifest. */
export interface RunConfig extends EconomyParameters, RuleParameters, LlmOptions, AiEconomistOptions, BankParameters {
  policy: PolicyName;
  seed: number | string;
  /** Fixed policy's propensities (only with policy "fixed"). */
  work: number | null;
  consumption: number | null;
  /** How tax revenue returns to households (lib/economy/redistribution.ts). */
  redistribution: RedistributionName;
  /** CRRA curvature η of the marginal-utility redistribution. */
  redistributionEta: number;
  /** Savings and loans (lib/economy/bank.ts); off = the paper's economy. */
  bank: boolean;
  /** Scenario file of dated events and policy changes (lib/scenario/scenario.ts); null = none. */
  scenario: string | null;
  /** Whose per-household-month decisions are recorded: all, off, or panel:K (a fixed random panel of K
   * households); null = all up to 10,000 households, panel:1000 above (lib/run/decisionRecording.ts). */
  decisions: DecisionRecording | null;
  /** File format of the tables (monthly, annual, households, decisions): csv or parquet. */
  format: OutputFormat;
  /** City named in the households' identities. */
  city: string;
  /** Save a checkpoint every this many months (0 = never); null = by time (`checkpointSeconds`). */
  checkpointEvery: number | null;
  /**
   * Without `checkpointEvery`: save a checkpoint at the first month boundary at least this many seconds after the
   * last one (or the start); null = 30 s, or every month for LLM households (lib/run/checkpoint.ts).
   */
  checkpointSeconds: number | null;
}

/**
 * Every option's default: the official economy, the seed's rules, Composite households, 100 × 240, seed 1.
 * @example
 * DEFAULT_CONFIG.policy; // "composite"
 */
export const DEFAULT_CONFIG: Readonly<RunConfig> = Object.freeze({
  ...DEFAULT_PARAMETERS,
  ...DEFAULT_RULE_PARAMETERS,
  policy: "composite",
  seed: 1,
  work: null,
  consumption: null,
  redistribution: "equal",
  redistributionEta: 1,
  scenario: null,
  bank: false,
  ...DEFAULT_BANK,
  decisions: null,
  format: "csv",
  city: "New York City, New York",
  checkpointEvery: null,
  checkpointSeconds: null,
  backend: "openai",
  model: null,
  baseUrl: null,
  transport: "http",
  modelPath: null,
  threads: 1,
  temperature: 0,
  concurrency: 32,
  memory: 1,
  reflection: true,
  perception: true,
  structuredOutput: true,
  decisionMaxTokens: 100,
  reflectionMaxTokens: 200,
  maxReasks: 2,
  llmSeed: null,
  cache: null,
  cacheMode: "record",
  recording: null,
  timeout: 60,
  maxAttempts: 6,
  maxAnswerBytes: DEFAULT_MAX_ANSWER_BYTES,
  giveUpAfter: 300,
  priceInput: null,
  priceOutput: null,
  priceCachedInput: null,
  archetypes: null,
  audit: null,
  maxCost: null,
  populations: null,
  maxFallbackShare: DEFAULT_MAX_FALLBACK_SHARE,
  aiecoWeights: null,
  aiecoActions: "sample",
});

const propensity = real(0, 1, "a number in [0, 1]");
const share = real(0, 1, "a number in [0, 1]");
const finite = real(-1e12, 1e12, "a finite number");
const nonNegative = real(0, 1e12, "a non-negative number");
const positive: OptionSpec<number> = {
  allowed: "a positive number",
  parse: (raw) => {
    const v = nonNegative.parse(raw);
    return v !== undefined && v > 0 ? v : undefined;
  },
};

/** Every configurable key and how it is validated; a config file may use exactly these keys. */
export const CONFIG_SPECS: { readonly [K in keyof RunConfig]: OptionSpec<RunConfig[K]> } = {
  policy: oneOf(POLICIES),
  households: integer(1, "a positive integer", 2 ** 31 - 1),
  months: wholeYears,
  seed: seedSpec,
  work: orNull(propensity),
  consumption: orNull(propensity),
  startYear: integer(1, "a positive integer year"),
  hoursPerMonth: positive,
  productivity: positive,
  wageAdjustment: share,
  priceAdjustment: share,
  floor: positive,
  initialRate: nonNegative,
  naturalRate: finite,
  inflationTarget: finite,
  naturalUnemployment: share,
  inflationWeight: finite,
  unemploymentWeight: finite,
  taylorFromYear: integer(2, "an integer ≥ 2 (the rule needs the inflation of the year just ended)"),
  taxYear: oneOf(TAX_YEARS),
  wages: oneOf(["official", "official-sampled", "calibrated"] as const),
  redistribution: oneOf(REDISTRIBUTION_NAMES),
  redistributionEta: positive,
  scenario: orNull(text),
  bank: onOff,
  loanSpread: real(0, 1, "an annual spread in [0, 1]"),
  creditMultiple: real(0, 1000, "a non-negative multiple of monthly income"),
  loanTerm: integer(1, "a positive number of months", 1200),
  defaultAfter: integer(1, "a positive number of missed instalments", 255),
  creditFreeze: integer(0, "a non-negative number of months", 1200),
  decisions: decisionRecordingSpec,
  format: oneOf(OUTPUT_FORMATS),
  city: text,
  workGamma: nonNegative,
  lenBeta: nonNegative,
  catsH: nonNegative,
  checkpointEvery: orNull(integer(0, "a non-negative integer (0 = never)")),
  checkpointSeconds: orNull(nonNegative),
  backend: oneOf(["openai", "llama"] as const),
  model: orNull(text),
  baseUrl: orNull(endpointsSpec),
  transport: oneOf(["http", "sdk"] as const),
  modelPath: orNull(text),
  threads: integer(1, "a positive integer", 256),
  temperature: real(0, 2, "a number in [0, 2]"),
  concurrency: concurrencySpec,
  memory: integer(0, "a non-negative integer (months remembered)", 240),
  reflection: onOff,
  perception: onOff,
  structuredOutput: onOff,
  decisionMaxTokens: integer(1, "a positive integer"),
  reflectionMaxTokens: integer(1, "a positive integer"),
  maxReasks: integer(0, "a non-negative integer", 20),
  llmSeed: orNull(integer(0, "a non-negative integer")),
  cache: orNull(text),
  cacheMode: oneOf(["record", "replay", "off"] as const),
  recording: orNull(text),
  timeout: positive,
  maxAttempts: integer(1, "a positive integer", 100),
  maxAnswerBytes: integer(1, "a positive whole number of bytes, at most 1073741824 (1 GiB)", 2 ** 30),
  giveUpAfter: positive,
  priceInput: orNull(nonNegative),
  priceOutput: orNull(nonNegative),
  priceCachedInput: orNull(nonNegative),
  archetypes: orNull(integer(1, "a positive integer (the most archetypes asked a month)")),
  audit: orNull(integer(1, "a positive integer (households audited)")),
  maxCost: orNull({ ...positive, allowed: "a positive amount of US dollars" }),
  populations: orNull(populationsSpec),
  maxFallbackShare: share,
  aiecoWeights: orNull(text),
  aiecoActions: oneOf(["sample", "greedy"] as const),
};

/**
 * Every option a config file may set (camelCase).
 * @example
 * CONFIG_KEYS.includes("taxYear"); // true
 */
export const CONFIG_KEYS = Object.keys(CONFIG_SPECS) as (keyof RunConfig)[];

/**
 * Kebab-case flag for a config key: `hoursPerMonth` ↔ `--hours-per-month`.
 * @example
 * flagOf("hoursPerMonth"); // "--hours-per-month"
 */
export const flagOf = (key: string) => "--" + key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());

/**
 * Resolve a run's configuration: defaults, then the config file's values, then flags (flags win).
 * `fileValues` come from JSON (field names are the keys), `flagValues` from the command line (strings).
 * @example
 * resolveConfig({ households: 1000 }, { taxYear: "2022" }).taxYear; // 2022: the flag wins
 * resolveConfig({ housholds: 10 }); // throws: housholds (in config file): got 10; allowed: a known option (…)
 */
export function resolveConfig(
  fileValues: Record<string, unknown> = {},
  flagValues: Record<string, unknown> = {},
  fileName = "config file",
): RunConfig {
  const config: RunConfig = { ...DEFAULT_CONFIG };
  const assign = (values: Record<string, unknown>, field: (key: string) => string) => {
    for (const [key, raw] of Object.entries(values)) {
      const spec = Object.hasOwn(CONFIG_SPECS, key) ? (CONFIG_SPECS as Record<string, OptionSpec<unknown>>)[key] : undefined;
      if (!spec) throw new UsageError(field(key), raw, `a known option (${CONFIG_KEYS.join(", ")})`);
      (config as unknown as Record<string, unknown>)[key] = parseOption(field(key), spec, raw);
    }
  };
  assign(fileValues, (key) => `${key} (in ${fileName})`);
  assign(flagValues, flagOf);
  checkPolicyOptions(config);
  // A bad scenario file is refused with the run's configuration, before anything is written; read once.
  if (config.scenario !== null) scenarios.set(config, loadScenario(config.scenario, config.startYear, config.months));
  return config;
}

/** The scenario each resolved configuration loaded, so the file is read once per resolution. */
const scenarios = new WeakMap<RunConfig, ReturnType<typeof loadScenario>>();

/**
 * The scenario a configuration names, as `resolveConfig` loaded and validated it (loaded now for a configuration
 * built another way, e.g. a resolved one spread with another seed); null without `--scenario`.
 * @example
 * scenarioOf(resolveConfig({ scenario: "data/scenarios/2020-pandemic.json", startYear: 2020, months: 24 }))?.source.sha256;
 */
export function scenarioOf(config: RunConfig): ReturnType<typeof loadScenario> | null {
  if (config.scenario === null) return null;
  let loaded = scenarios.get(config);
  if (!loaded) {
    loaded = loadScenario(config.scenario, config.startYear, config.months);
    scenarios.set(config, loaded);
  }
  return loaded;
}

function checkPolicyOptions(config: RunConfig): void {
  if (config.recording !== null && config.cacheMode !== "replay") {
    throw new UsageError("--recording", config.recording, `only with --cache-mode replay (cache mode is ${config.cacheMode})`);
  }
  if (config.populations !== null) {
    const problem =
      config.policy !== "llm" ? `policy is ${config.policy}` : config.backend !== "openai" ? `backend is ${config.backend}` : config.model !== null ? `--model is ${config.model}` : null;
    if (problem !== null) throw new UsageError("populations", config.populations.groups.map((g) => g.name).join(","), `only with --policy llm, --backend openai and no --model (each population names its model; ${problem})`);
  }
  if (config.policy === "llm" && config.backend === "llama" && config.modelPath === null) {
    throw new UsageError("--model-path", undefined, "a GGUF model file (required with --backend llama)");
  }
  if (config.archetypes !== null && config.policy !== "llm") {
    throw new UsageError("--archetypes", config.archetypes, `only with --policy llm (policy is ${config.policy})`);
  }
  if (config.audit !== null && config.archetypes === null) throw new UsageError("--audit", config.audit, "only with --archetypes");
  if (config.audit !== null && config.audit > config.households) {
    throw new UsageError("--audit", config.audit, `at most the number of households (${config.households})`);
  }
  for (const key of ["work", "consumption"] as const) {
    if (config.policy === "fixed" && config[key] === null) {
      throw new UsageError(flagOf(key), undefined, "a number in [0, 1] (required with --policy fixed)");
    }
    if (config.policy !== "fixed" && config[key] !== null) {
      throw new UsageError(flagOf(key), config[key], `only with --policy fixed (policy is ${config.policy})`);
    }
  }
}
