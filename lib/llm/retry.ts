import { LlmCallError } from "./types.js";

/** How often and how patiently one call is retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff ceiling before the first retry; doubles for each further retry. */
  baseDelayMs: number;
  /** No single wait is longer than this, a server's Retry-After included. */
  maxDelayMs: number;
}

/** 6 attempts, waits drawn from [0, 1 s], [0, 2 s], [0, 4 s] … capped at 60 s. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({ maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000 });

/** Observation and test seams of {@link withRetry}. */
export interface RetryHooks {
  /** Called before each wait: the failure, the attempt that failed (1-based) and how long it will wait. */
  onRetry?(error: LlmCallError, attempt: number, waitMs: number): void;
  /** Waits `ms`; rejects if `signal` aborts. Default: a timer. */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Uniform [0, 1) source of the jitter. Default Math.random: jitter only spaces requests out in time, and
   * answers never depend on when they were asked, so it cannot touch the simulation's seeded random stream.
   */
  random?: () => number;
}

/**
 * Runs `attempt(1)`, `attempt(2)`, … until one resolves, an error is not retryable, or `maxAttempts` have
 * failed (the last error is rethrown). Only {@link LlmCallError}s with `retryable` are retried; anything else
 * (a bug, an abort) is rethrown at once.
 *
 * Wait after failed attempt k: full jitter, `random() · min(maxDelayMs, baseDelayMs · 2^(k-1))`. A 429's
 * Retry-After is a floor: the wait is `min(maxDelayMs, max(retryAfterMs, jitter))` — honoured, but capped so a
 * server asking for an hour cannot stall a run; the retry then simply meets another 429.
 *
 * @example
 * const answer = await withRetry((n) => backend.complete(request), { maxAttempts: 4 });
 */
export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  policy: Partial<RetryPolicy> = {},
  hooks: RetryHooks = {},
  signal?: AbortSignal,
): Promise<T> {
  const { maxAttempts, baseDelayMs, maxDelayMs } = { ...DEFAULT_RETRY_POLICY, ...policy };
  const sleep = hooks.sleep ?? abortableSleep;
  const random = hooks.random ?? Math.random;
  for (let n = 1; ; n++) {
    throwIfAborted(signal);
    try {
      return await attempt(n);
    } catch (error) {
      if (!(error instanceof LlmCallError) || !error.retryable || n >= maxAttempts) throw error;
      const backoff = random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1));
      const waitMs = Math.min(maxDelayMs, Math.max(error.retryAfterMs ?? 0, backoff));
      hooks.onRetry?.(error, n, waitMs);
      throwIfAborted(signal);
      await sleep(waitMs, signal);
    }
  }
}

/** A timer that an abort cuts short (rejecting with the signal's reason). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError(signal);
}

function abortError(signal: AbortSignal): Error {
  if (signal.reason instanceof Error) return signal.reason;
  const error = new Error("retrying was aborted");
  error.name = "AbortError";
  return error;
}
