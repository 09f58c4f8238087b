/**
 * One concurrency limit per model endpoint across every run of a sweep, however many workers run them: the
 * parent owns a {@link ConcurrencyLimiter} per endpoint and workers ask it for a slot before each call (one small
 * IPC message each way per call, next to a call that takes ~0.1–2 s). So a sweep of LLM cells keeps an endpoint
 * at its limit while each run waits for its market to clear, without ever exceeding it.
 */
import type { ChildProcess } from "node:child_process";
import type { CallLimiter, CallLimiterFactory } from "../llm/callLimits.js";
import { ConcurrencyLimiter } from "../llm/limiter.js";
import type { FromWorker, ToWorker } from "./protocol.js";

/** A worker's side of the shared call limits: the limiter factory its runs use, and where the parent's grants arrive. */
export interface WorkerPermits {
  /** Makes the call limiter of each endpoint, whose slots the parent grants. */
  factory: CallLimiterFactory;
  /** The parent granted the slot this worker asked for as call `id`: start that call. */
  grant(id: number): void;
}

/**
 * Worker side: limiters that take their slots from the parent. `grant` must be called with each `grant` message.
 *
 * @example
 * const permits = parentPermits((m) => process.send?.(m));
 * shareCallLimits(permits.factory);
 * process.on("message", (m) => m.type === "grant" && permits.grant(m.id));
 */
export function parentPermits(send: (message: FromWorker) => void): WorkerPermits {
  let next = 0;
  const waiting = new Map<number, () => void>();
  const factory: CallLimiterFactory = (endpoint, concurrency) => {
    let active = 0;
    let highest = 0;
    const limiter: CallLimiter = {
      async run(task) {
        const id = next++;
        await new Promise<void>((resolve) => {
          waiting.set(id, resolve);
          send({ type: "acquire", id, endpoint, concurrency });
        });
        active++;
        highest = Math.max(highest, active);
        try {
          return await task();
        } finally {
          active--;
          send({ type: "release", id });
        }
      },
      get maxActive() {
        return highest;
      },
    };
    return limiter;
  };
  return {
    factory,
    grant(id) {
      const resolve = waiting.get(id);
      waiting.delete(id);
      resolve?.();
    },
  };
}

/**
 * Parent side: the endpoints' limiters (created at the first request, with that cell's `concurrency`) and the
 * slots each worker holds, released when it releases them or dies.
 */
export class EndpointPermits {
  private readonly limiters = new Map<string, ConcurrencyLimiter>();
  private readonly held = new Map<ChildProcess, Map<number, () => void>>();

  /** Queue a worker's request for a slot; grant it when the endpoint has one free. */
  acquire(worker: ChildProcess, message: Extract<FromWorker, { type: "acquire" }>): void {
    let limiter = this.limiters.get(message.endpoint);
    if (!limiter) {
      limiter = new ConcurrencyLimiter(message.concurrency);
      this.limiters.set(message.endpoint, limiter);
    }
    void limiter.run(
      () =>
        new Promise<void>((release) => {
          if (!worker.connected) return release(); // died while waiting: the slot goes to the next in line
          let slots = this.held.get(worker);
          if (!slots) this.held.set(worker, (slots = new Map()));
          slots.set(message.id, release);
          worker.send({ type: "grant", id: message.id } satisfies ToWorker);
        }),
    );
  }

  /** Give back the slot a worker held for call `id` (the call finished, or the worker died). */
  release(worker: ChildProcess, id: number): void {
    const slots = this.held.get(worker);
    const release = slots?.get(id);
    slots?.delete(id);
    release?.();
  }

  /** A worker exited: every slot it held is free again. */
  releaseAll(worker: ChildProcess): void {
    for (const release of this.held.get(worker)?.values() ?? []) release();
    this.held.delete(worker);
  }

  /** Most calls ever in flight at once to `endpoint` across all workers. */
  maxActive(endpoint: string): number {
    return this.limiters.get(endpoint)?.maxActive ?? 0;
  }
}
