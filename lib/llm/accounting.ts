import type { ChatUsage } from "./types.js";

/** Decisions, quarterly reflections, and every further attempt (transport retries and re-asks). */
export const CALL_TYPES = ["decision", "reflection", "retry"] as const;
/** The kind of a model call: a decision, a reflection, or a further attempt of either. */
export type CallType = (typeof CALL_TYPES)[number];

/** Counts, tokens and latency of one kind of call (or of one endpoint's calls). */
export interface CallStats {
  /** Requests sent to the backend (cache hits are not calls). */
  calls: number;
  /** Answers served from the response cache instead. */
  cacheHits: number;
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens the provider served from its prefix cache (where reported). */
  cachedTokens: number;
  /** Sum of call latencies, for the mean. */
  latencyMs: number;
  /** Failed attempts (errors), by any cause. */
  failures: number;
  /** Decisions that ended in the official fallback (work 1.0, consumption 0.5). */
  fallbacks: number;
}

/** What one endpoint of the pool served: answered calls, failed attempts, tokens and latency. */
export interface EndpointStats {
  calls: number;
  failures: number;
  inputTokens: number;
  outputTokens: number;
  /** Sum of call latencies, for the mean. */
  latencyMs: number;
}

/** US dollars per million tokens. */
export interface TokenPrices {
  input: number;
  output: number;
  cachedInput: number;
}

/** List prices (USD per 1M tokens) of common models; any other model is priced by --price-* options or at 0. */
export const KNOWN_PRICES: Readonly<Record<string, TokenPrices>> = Object.freeze({
  "gpt-4o-mini": { input: 0.15, output: 0.6, cachedInput: 0.075 },
  "gpt-4o": { input: 2.5, output: 10, cachedInput: 1.25 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6, cachedInput: 0.1 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4, cachedInput: 0.025 },
  "gpt-3.5-turbo": { input: 0.5, output: 1.5, cachedInput: 0.5 },
});

const empty = (): CallStats => ({
  calls: 0, cacheHits: 0, inputTokens: 0, outputTokens: 0, cachedTokens: 0, latencyMs: 0, failures: 0, fallbacks: 0,
});

/** Calls, tokens, latency, fallbacks and estimated cost of a run, per call type (written to the manifest). */
export class Accounting {
  readonly byType: Record<CallType, CallStats> = { decision: empty(), reflection: empty(), retry: empty() };
  /** The same calls by endpoint (base URL); they add up to the totals of `byType`. */
  readonly byEndpoint: Record<string, EndpointStats> = {};

  constructor(readonly prices: TokenPrices) {}

  /** Count one answered call: its tokens, latency and endpoint. */
  recordCall(type: CallType, usage: ChatUsage, latencyMs: number, endpoint?: string): void {
    const s = this.byType[type];
    s.calls++;
    s.inputTokens += usage.inputTokens;
    s.outputTokens += usage.outputTokens;
    s.cachedTokens += usage.cachedTokens ?? 0;
    s.latencyMs += latencyMs;
    if (endpoint === undefined) return;
    const e = this.endpointStats(endpoint);
    e.calls++;
    e.inputTokens += usage.inputTokens;
    e.outputTokens += usage.outputTokens;
    e.latencyMs += latencyMs;
  }

  private endpointStats(endpoint: string): EndpointStats {
    return (this.byEndpoint[endpoint] ??= { calls: 0, failures: 0, inputTokens: 0, outputTokens: 0, latencyMs: 0 });
  }

  /** Count an answer served from the response cache (no call made). */
  recordCacheHit(type: CallType): void {
    this.byType[type].cacheHits++;
  }

  /** Count one failed attempt (and the endpoint it failed on). */
  recordFailure(type: CallType, endpoint?: string): void {
    this.byType[type].failures++;
    if (endpoint !== undefined) this.endpointStats(endpoint).failures++;
  }

  /** Count a decision that ended in the official fallback. */
  recordFallback(): void {
    this.byType.decision.fallbacks++;
  }

  /** All kinds of calls added up. */
  total(): CallStats {
    const t = empty();
    for (const type of CALL_TYPES) for (const k of Object.keys(t) as (keyof CallStats)[]) t[k] += this.byType[type][k];
    return t;
  }

  /** Estimated cost in USD: uncached input, cached input and output tokens at their prices. */
  costUsd(): number {
    const t = this.total();
    const p = this.prices;
    return ((t.inputTokens - t.cachedTokens) * p.input + t.cachedTokens * p.cachedInput + t.outputTokens * p.output) / 1e6;
  }

  /** One line for the progress bar. */
  statusLine(): string {
    const t = this.total();
    const k = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(1)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : String(x));
    return `calls ${t.calls} (cached ${t.cacheHits})  tokens ${k(t.inputTokens)} in / ${k(t.outputTokens)} out  $${this.costUsd().toFixed(2)}  fallbacks ${t.fallbacks}`;
  }

  /** The accounting as the manifest records it (`households_model.accounting`). */
  toJSON() {
    return {
      by_type: this.byType, total: this.total(), by_endpoint: this.byEndpoint,
      prices_usd_per_million: this.prices, estimated_cost_usd: this.costUsd(),
    };
  }

  /** Continue counting from a checkpoint. */
  restore(saved: { by_type: Record<CallType, CallStats>; by_endpoint?: Record<string, EndpointStats> }): void {
    for (const type of CALL_TYPES) Object.assign(this.byType[type], saved.by_type[type]);
    for (const [endpoint, stats] of Object.entries(saved.by_endpoint ?? {})) Object.assign(this.endpointStats(endpoint), stats);
  }
}
