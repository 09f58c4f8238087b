import type { Accounting, CallType } from "./accounting.js";
import { ResponseCache } from "./cache.js";
import type { EndpointPool } from "./endpointPool.js";
import { withRetry, type RetryPolicy } from "./retry.js";
import { LlmCallError, type ChatBackend, type ChatRequest, type ChatResponse } from "./types.js";

/** What an {@link LlmClient} is built from: the response cache, the retry policy, the accounting and the model's identity. */
export interface LlmClientOptions {
  cache: ResponseCache;
  retry: RetryPolicy;
  accounting: Accounting;
  /**
   * The model as the cache key names it (backend kind and model id): the run's, not an endpoint's, so a recording
   * replays whichever server made it. Default: the first endpoint's backend.
   */
  identity?: { kind: string; model: string };
  /** Injected for tests: waiting between retries, and the clock. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock, in ms (default `Date.now`). */
  now?: () => number;
}

/** A model's answer to one request, and whether the cache gave it. */
export interface Completion {
  content: string;
  /** Whether the answer came from the response cache (no call made). */
  cached: boolean;
}

/**
 * Every model call of a run goes through here: the response cache first, then a retried call to whichever
 * endpoint of the pool has room, with tokens and latency accounted per call type and per endpoint. One failed
 * call ends in an error its caller turns into a counted fallback; when every endpoint stays out of service the
 * pool stops the whole run (EndpointDown), and when every endpoint refuses the run's requests, at once (EndpointRejected).
 */
export class LlmClient {
  readonly kind: string;
  readonly model: string;
  private readonly now: () => number;
  private calls = 0;

  constructor(
    readonly endpoints: EndpointPool,
    private readonly options: LlmClientOptions,
  ) {
    const first = endpoints.backends[0];
    this.kind = options.identity?.kind ?? first.kind;
    this.model = options.identity?.model ?? first.model;
    this.now = options.now ?? Date.now;
  }

  get accounting(): Accounting {
    return this.options.accounting;
  }

  get backends(): ChatBackend[] {
    return this.endpoints.backends;
  }

  get maxActive(): number {
    return this.endpoints.maxActive;
  }

  /** The run's end: stop probing endpoints and close the cache's files. */
  close(): void {
    this.endpoints.close();
    this.options.cache.close();
  }

  /** Answer one request: from the cache if recorded, else through the endpoints with retries, counting it in the accounting and recording the answer. */
  async complete(type: CallType, request: ChatRequest): Promise<Completion> {
    const { cache } = this.options;
    const key = cache.mode === "off" ? "" : ResponseCache.key(this.kind, this.model, request);
    const hit = cache.get(key);
    if (hit) {
      this.options.accounting.recordCacheHit(type);
      return { content: hit.content, cached: true };
    }
    const callId = this.calls++;
    const response = await withRetry((attempt) => this.attempt(attempt > 1 ? "retry" : type, request, callId), this.options.retry, { sleep: this.sleep });
    cache.put(key, this.model, response);
    return { content: response.content, cached: false };
  }

  /**
   * One attempt as the retry policy counts it. A refused connection says nothing about this request — nothing is
   * listening there — so it does not use up one of the request's attempts: the request goes to another endpoint at
   * once, or waits for one to be put back (the pool gives up after the give-up time). Nor does an endpoint found to
   * refuse every request (lib/llm/endpointPool.ts): the request goes to another, and when none is left the pool's
   * EndpointRejected stops the run.
   */
  private async attempt(type: CallType, request: ChatRequest, callId: number): Promise<ChatResponse> {
    const { accounting } = this.options;
    for (;;) {
      const lease = await this.endpoints.acquire(callId);
      const started = this.now();
      try {
        const answer = await lease.complete(request);
        lease.succeeded();
        accounting.recordCall(type, answer.usage, this.now() - started, lease.label);
        return answer;
      } catch (error) {
        accounting.recordFailure(type, lease.label);
        if (!(error instanceof LlmCallError)) {
          lease.released();
          throw error;
        }
        const elsewhere = lease.failed(error);
        // Every endpoint refusing (a dead key, an unknown model) stops the run now, not after a month of fallbacks.
        if (this.endpoints.stopped) throw this.endpoints.stopped;
        if (!elsewhere) throw error;
      }
    }
  }

  private readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    this.options.sleep ? this.options.sleep(ms, signal) : new Promise((resolve) => setTimeout(resolve, ms));
}
