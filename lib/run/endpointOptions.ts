import { DEFAULT_AUTO_MAX, type ConcurrencySetting } from "../llm/adaptiveLimit.js";
import { integer, url, type OptionSpec } from "./options.js";

/** One endpoint of `baseUrl` in a config file; flags give only URLs (`--base-url A,B`). */
export interface EndpointEntry {
  baseUrl: string;
  /** The model's name on this server, when it differs from the run's `--model` (the cache key keeps the run's). */
  model?: string;
  /** Environment variable holding this endpoint's API key (default OPENAI_API_KEY); the key itself is never an option. */
  apiKeyEnv?: string;
  /** This endpoint's limit, as `--concurrency` (default: the run's). */
  concurrency?: number | string;
}

const MAX_CONCURRENCY = 4096;
const fixed = integer(1, "", MAX_CONCURRENCY);
const AUTO = /^auto(?::(\d+))?$/;

/** `--concurrency`: a fixed limit per endpoint, or `auto[:MAX]` (adaptive, lib/llm/adaptiveLimit.ts). */
export const concurrencySpec: OptionSpec<number | string> = {
  allowed: `a positive integer ≤ ${MAX_CONCURRENCY}, auto, or auto:MAX with MAX a positive integer ≤ ${MAX_CONCURRENCY}`,
  parse: (raw) => {
    const n = fixed.parse(raw);
    if (n !== undefined) return n;
    const m = typeof raw === "string" ? AUTO.exec(raw) : null;
    if (!m) return undefined;
    return m[1] === undefined || fixed.parse(m[1]) !== undefined ? (raw as string) : undefined;
  },
};

/**
 * A validated `--concurrency` value as a limit setting.
 * @example
 * concurrencySetting("auto:64"); // { adaptive: true, max: 64 }
 */
export function concurrencySetting(value: number | string): ConcurrencySetting {
  if (typeof value === "number") return { adaptive: false, max: value };
  const m = AUTO.exec(value);
  if (!m) throw new RangeError(`not a concurrency: ${value}`);
  return { adaptive: true, max: m[1] === undefined ? DEFAULT_AUTO_MAX : Number(m[1]) };
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ENTRY_KEYS = new Set(["baseUrl", "model", "apiKeyEnv", "concurrency"]);

function entryOk(raw: unknown): raw is EndpointEntry {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return false;
  const e = raw as Record<string, unknown>;
  return (
    Object.keys(e).every((k) => ENTRY_KEYS.has(k)) &&
    url.parse(e.baseUrl) !== undefined &&
    (e.model === undefined || (typeof e.model === "string" && e.model.length > 0)) &&
    (e.apiKeyEnv === undefined || (typeof e.apiKeyEnv === "string" && ENV_NAME.test(e.apiKeyEnv))) &&
    (e.concurrency === undefined || concurrencySpec.parse(e.concurrency) !== undefined)
  );
}

/**
 * `--base-url`: one URL, a comma-separated list (`http://gpu1:8000/v1,http://gpu2:8000/v1`), or in a config file a
 * list of {@link EndpointEntry}. No empty entries, each URL once.
 */
export const endpointsSpec: OptionSpec<string | EndpointEntry[]> = {
  allowed:
    "an http:// or https:// URL, or a comma-separated list of them (no empty entries, each URL once); in a config file " +
    "also a list of {baseUrl, model?, apiKeyEnv?, concurrency?}",
  parse: (raw) => {
    const entries = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(",").map((u) => ({ baseUrl: u.trim() })) : null;
    if (!entries || entries.length === 0 || !entries.every(entryOk)) return undefined;
    const urls = entries.map((e) => e.baseUrl);
    return new Set(urls).size === urls.length ? (raw as string | EndpointEntry[]) : undefined;
  },
};

/**
 * The endpoints a validated `baseUrl` names, each with its concurrency setting (its own, else the run's).
 * @example
 * endpointEntries("http://a/v1,http://b/v1", 32); // [{ baseUrl: "http://a/v1", concurrency: {...} }, …]
 */
export function endpointEntries(
  baseUrl: string | EndpointEntry[],
  concurrency: number | string,
): (EndpointEntry & { limit: ConcurrencySetting })[] {
  const entries: EndpointEntry[] = typeof baseUrl === "string" ? baseUrl.split(",").map((u) => ({ baseUrl: u.trim() })) : baseUrl;
  return entries.map((e) => ({ ...e, limit: concurrencySetting(e.concurrency ?? concurrency) }));
}
