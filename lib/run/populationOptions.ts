import { UsageError } from "../errors.js";
import { POPULATION_ORDERS, type PopulationOrder } from "../households/llm/populations.js";
import { endpointsSpec, type EndpointEntry } from "./endpointOptions.js";
import type { OptionSpec } from "./options.js";

/** One population of LLM households: its share of the economy and the model (and server) that answers for it. */
export interface PopulationEntry {
  name: string;
  share: number;
  model: string;
  /** Its endpoint(s), as `baseUrl` takes them; null = the run's (`--base-url`, else OPENAI_BASE_URL, else OpenAI's). */
  baseUrl: string | EndpointEntry[] | null;
  /** Environment variable of its API key (default OPENAI_API_KEY; an endpoint entry's own `apiKeyEnv` wins). */
  apiKeyEnv: string | null;
}

/** Config `populations`, normalised: how households are assigned and the populations in order. */
export interface Populations {
  by: PopulationOrder;
  groups: PopulationEntry[];
}

const ENTRY_KEYS = ["name", "share", "model", "baseUrl", "endpoints", "apiKeyEnv"];
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A household's population is kept in a byte. */
const MAX_POPULATIONS = 255;
/** Shares are decimals a person typed: 0.1 + 0.2 + 0.7 may differ from 1 by a rounding error, not by more. */
const SUM_TOLERANCE = 1e-9;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function parseEntry(raw: unknown, k: number): PopulationEntry {
  const at = `populations[${k}]`;
  if (!isObject(raw)) throw new UsageError(at, raw, "an object {name, share, model, baseUrl?, endpoints?, apiKeyEnv?}");
  for (const key of Object.keys(raw)) if (!ENTRY_KEYS.includes(key)) throw new UsageError(`${at}.${key}`, raw[key], `a population field (${ENTRY_KEYS.join(", ")})`);
  const { name, share, model, baseUrl, endpoints, apiKeyEnv } = raw;
  if (typeof name !== "string" || !NAME.test(name)) throw new UsageError(`${at}.name`, name, "a name of letters, digits, '.', '_' or '-'");
  if (typeof share !== "number" || !(share > 0 && share <= 1)) throw new UsageError(`${at}.share`, share, "a number in (0, 1]");
  if (typeof model !== "string" || model.length === 0) throw new UsageError(`${at}.model`, model, "the model's name (every population needs one)");
  if (baseUrl !== undefined && endpoints !== undefined) throw new UsageError(`${at}.endpoints`, endpoints, "either baseUrl or endpoints, not both");
  const servers = endpoints ?? baseUrl;
  const field = endpoints !== undefined ? `${at}.endpoints` : `${at}.baseUrl`;
  if (servers !== undefined && servers !== null && endpointsSpec.parse(servers) === undefined) throw new UsageError(field, servers, endpointsSpec.allowed);
  if (apiKeyEnv !== undefined && apiKeyEnv !== null && (typeof apiKeyEnv !== "string" || !ENV_NAME.test(apiKeyEnv))) {
    throw new UsageError(`${at}.apiKeyEnv`, apiKeyEnv, "the name of an environment variable (letters, digits, '_')");
  }
  return { name, share, model, baseUrl: (servers ?? null) as string | EndpointEntry[] | null, apiKeyEnv: (apiKeyEnv ?? null) as string | null };
}

/**
 * Read config `populations`: a list of {name, share, model, baseUrl? or endpoints?, apiKeyEnv?} (households assigned
 * by a seeded draw), or {by: "draw" | "wage" | "age", groups: [that list]} (by rank of the initial wage or age, the
 * lowest share to the first population). Names are unique, every population has a model, shares sum to 1. Each
 * problem is a one-line {@link UsageError} naming the field; a flag value is the same JSON as a string.
 * @example
 * parsePopulations([{ name: "a", share: 0.3, model: "m1" }, { name: "b", share: 0.7, model: "m2" }]).by; // "draw"
 * parsePopulations({ by: "income", groups: [] }); // throws: populations.by: got "income"; allowed: draw, wage or age
 */
export function parsePopulations(raw: unknown): Populations {
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new UsageError("populations", raw, "JSON: a list of {name, share, model, baseUrl?, apiKeyEnv?} or {by, groups}");
    }
  }
  let by: unknown = "draw";
  let list = value;
  if (isObject(value)) {
    for (const key of Object.keys(value)) if (key !== "by" && key !== "groups") throw new UsageError(`populations.${key}`, value[key], "by or groups");
    by = value.by ?? "draw";
    list = value.groups;
  }
  if (!POPULATION_ORDERS.includes(by as PopulationOrder)) throw new UsageError("populations.by", by, "draw, wage or age");
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_POPULATIONS) {
    throw new UsageError("populations", list, `a list of 1 to ${MAX_POPULATIONS} populations {name, share, model, baseUrl?, endpoints?, apiKeyEnv?}`);
  }
  const groups = list.map(parseEntry);
  const names = new Set<string>();
  groups.forEach((g, k) => {
    if (names.has(g.name)) throw new UsageError(`populations[${k}].name`, g.name, "a name no other population has");
    names.add(g.name);
  });
  const sum = groups.reduce((s, g) => s + g.share, 0);
  if (Math.abs(sum - 1) > SUM_TOLERANCE) throw new UsageError("populations[].share", groups.map((g) => g.share).join(" + ") + ` = ${sum}`, "shares that sum to 1");
  return { by: by as PopulationOrder, groups };
}

/**
 * Config `populations` (see {@link parsePopulations}); its errors name the exact field.
 * @example
 * CONFIG_SPECS.populations; // orNull(populationsSpec)
 */
export const populationsSpec: OptionSpec<Populations> = {
  allowed: "a list of {name, share, model, baseUrl?, endpoints?, apiKeyEnv?} with shares summing to 1, or {by: draw|wage|age, groups: that list}",
  parse: parsePopulations,
};
