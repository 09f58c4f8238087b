import { UsageError } from "../errors.js";
import { DEFAULT_PARAMETERS, type EconomyParameters } from "../economy/parameters.js";
import { DEFAULT_RULE_PARAMETERS, type RuleParameters } from "../households/ruleParameters.js";
import { REDISTRIBUTION_SCHEMES } from "../economy/redistribution.js";
import { integer, oneOf, onOff, orNull, parseOption, real, seedSpec, text, wholeYears, type OptionSpec } from "./options.js";

export const POLICIES = ["fixed", "len", "cats", "composite"] as const;
export type PolicyName = (typeof POLICIES)[number];

/** Everything that defines a run. Written, resolved, into every run's manifest. */
export interface RunConfig extends EconomyParameters, RuleParameters {
  policy: PolicyName;
  seed: number | string;
  /** Fixed policy's propensities (only with policy "fixed"). */
  work: number | null;
  consumption: number | null;
  redistribution: string;
  /** Write per-household-month decision records (switch off for very large runs). */
  decisions: boolean;
  /** City named in the households' identities. */
  city: string;
}

export const DEFAULT_CONFIG: Readonly<RunConfig> = Object.freeze({
  ...DEFAULT_PARAMETERS,
  ...DEFAULT_RULE_PARAMETERS,
  policy: "composite",
  seed: 1,
  work: null,
  consumption: null,
  redistribution: "equal",
  decisions: true,
  city: "New York City, New York",
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
  taxYear: oneOf([2018, 2019, 2022] as const),
  wages: oneOf(["official", "official-sampled", "calibrated"] as const),
  redistribution: oneOf(Object.keys(REDISTRIBUTION_SCHEMES)),
  decisions: onOff,
  city: text,
  workGamma: nonNegative,
  lenBeta: nonNegative,
  catsH: nonNegative,
};

export const CONFIG_KEYS = Object.keys(CONFIG_SPECS) as (keyof RunConfig)[];

/** Kebab-case flag for a config key: `hoursPerMonth` ↔ `--hours-per-month`. */
export const flagOf = (key: string) => "--" + key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());

/**
 * Resolve a run's configuration: defaults, then the config file's values, then flags (flags win).
 * `fileValues` come from JSON (field names are the keys), `flagValues` from the command line (strings).
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
  return config;
}

function checkPolicyOptions(config: RunConfig): void {
  for (const key of ["work", "consumption"] as const) {
    if (config.policy === "fixed" && config[key] === null) {
      throw new UsageError(flagOf(key), undefined, "a number in [0, 1] (required with --policy fixed)");
    }
    if (config.policy !== "fixed" && config[key] !== null) {
      throw new UsageError(flagOf(key), config[key], `only with --policy fixed (policy is ${config.policy})`);
    }
  }
}
