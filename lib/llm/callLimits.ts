/** Call slots shared with other runs (a sweep's workers): taken around each attempt, after the run's own endpoint pool. */
export interface CallLimiter {
  /** Run `task` once a slot is free, holding the slot until it settles. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Most calls of this run ever in flight at once. */
  readonly maxActive: number;
}

/** Makes the limiter of an endpoint (its limit `concurrency`). */
export type CallLimiterFactory = (endpoint: string, concurrency: number) => CallLimiter;

let shared: CallLimiterFactory | null = null;

/**
 * Make every run in this process take its call slots from `factory` instead of a limiter of its own — how a
 * sweep worker (lib/experiment/worker.ts) shares one limit per endpoint with the runs of the other workers.
 * `null` restores per-run limiters.
 *
 * @example
 * shareCallLimits((endpoint, concurrency) => permitsFromParent(endpoint, concurrency));
 */
export function shareCallLimits(factory: CallLimiterFactory | null): void {
  shared = factory;
}

/**
 * The shared limiter of `endpoint` when a sweep installed one, else null: the run's own endpoint pool
 * (lib/llm/endpointPool.ts) then bounds its calls alone.
 *
 * @example
 * const limiter = sharedCallLimiter("openai http://gpu1:8000/v1", 64); // null outside a sweep worker
 */
export function sharedCallLimiter(endpoint: string, concurrency: number): CallLimiter | null {
  return shared ? shared(endpoint, concurrency) : null;
}

/**
 * The endpoint a configuration calls, as the key of its shared limit: the OpenAI-compatible base URL (flag, else
 * OPENAI_BASE_URL, else OpenAI's), or the embedded model file.
 *
 * @example
 * endpointOf({ ...DEFAULT_CONFIG, baseUrl: "http://gpu1:8000/v1" }); // "openai http://gpu1:8000/v1"
 */
export function endpointOf(config: { readonly backend: "openai" | "llama"; readonly baseUrl: string | null; readonly modelPath: string | null }): string {
  if (config.backend === "llama") return `llama ${config.modelPath}`;
  return `openai ${config.baseUrl ?? process.env.OPENAI_BASE_URL ?? "https://api.openai.com/v1"}`;
}
