import type { Accounting, CallType } from "./accounting.js";
import { ResponseCache } from "./cache.js";
import type { CallLimiter } from "./callLimits.js";
import { ConcurrencyLimiter } from "./limiter.js";
import { withRetry, type RetryPolicy } from "./retry.js";
import { LlmCallError, type ChatBackend, type ChatRequest } from "./types.js";

/** The endpoint answered nothing but refused or dropped connections for longer than the give-up time. */
export class EndpointDown extends Error {
  constructor(readonly seconds: number, cause: string) {
    super(`the model endpoint has been unreachable for ${seconds.toFixed(0)} s (${cause}); the run stops here and can be resumed with --resume`);
    this.name = "EndpointDown";
  }
}

export interface LlmClientOptions {
  concurrency: number;
  /** Where call slots come from; default a limiter of `concurrency` for this client alone. */
  limiter?: CallLimiter;
  cache: ResponseCache;
  retry: RetryPolicy;
  accounting: Accounting;
  /** Stop the run when no call has succeeded for this long while every failure is a connection failure. */
  giveUpAfterMs: number;
  /** Injected for tests: waiting between retries, and the clock. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

export interface Completion {
  content: string;
  /** Whether the answer came from the response cache (no call made). */
  cached: boolean;
}

const UNREACHABLE = new Set(["refused", "connection", "timeout"]);

/**
 * Every model call of a run goes through here: the response cache first, then a concurrency-limited, retried
 * call to the backend, with tokens and latency accounted per call type. One failed call ends in an error its
 * caller turns into a counted fallback; an endpoint that stays unreachable stops the whole run (EndpointDown).
 */
export class LlmClient {
  private readonly limiter: CallLimiter;
  private readonly now: () => number;
  private lastSuccess: number;
  private down: EndpointDown | null = null;

  constructor(
    readonly backend: ChatBackend,
    private readonly options: LlmClientOptions,
  ) {
    this.limiter = options.limiter ?? new ConcurrencyLimiter(options.concurrency);
    this.now = options.now ?? Date.now;
    this.lastSuccess = this.now();
  }

  get accounting(): Accounting {
    return this.options.accounting;
  }

  get maxActive(): number {
    return this.limiter.maxActive;
  }

  async complete(type: CallType, request: ChatRequest): Promise<Completion> {
    const { cache, accounting } = this.options;
    const key = cache.mode === "off" ? "" : ResponseCache.key(this.backend.kind, this.backend.model, request);
    const hit = cache.get(key);
    if (hit) {
      accounting.recordCacheHit(type);
      return { content: hit.content, cached: true };
    }
    const response = await this.limiter.run(() =>
      withRetry((attempt) => this.attempt(attempt > 1 ? "retry" : type, request), this.options.retry, { sleep: this.sleep }),
    );
    cache.put(key, this.backend.model, response);
    return { content: response.content, cached: false };
  }

  /**
   * One attempt as the retry policy counts it. A refused connection says nothing about this request — nothing is
   * listening — so it is waited out here (backing off) instead of using up the request's attempts, until the
   * endpoint has been silent for the give-up time; then the run stops with EndpointDown.
   */
  private async attempt(type: CallType, request: ChatRequest) {
    const { accounting, retry, giveUpAfterMs } = this.options;
    for (let refusals = 0; ; refusals++) {
      if (this.down) throw this.down;
      const started = this.now();
      try {
        const answer = await this.backend.complete(request);
        accounting.recordCall(type, answer.usage, this.now() - started);
        this.lastSuccess = this.now();
        return answer;
      } catch (error) {
        accounting.recordFailure(type);
        if (!(error instanceof LlmCallError) || !UNREACHABLE.has(error.kind)) throw error;
        const silentMs = this.now() - this.lastSuccess;
        if (silentMs > giveUpAfterMs) throw (this.down ??= new EndpointDown(silentMs / 1000, error.message));
        if (error.kind !== "refused") throw error;
        await this.sleep(Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** refusals));
      }
    }
  }

  private readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    this.options.sleep ? this.options.sleep(ms, signal) : new Promise((resolve) => setTimeout(resolve, ms));
}
