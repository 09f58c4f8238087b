import { AdaptiveLimit, type ConcurrencySetting } from "./adaptiveLimit.js";
import type { CallLimiter } from "./callLimits.js";
import { BAD_REQUEST_STATUSES, EndpointRejected, REFUSING_STATUSES, type Refusal } from "./runStops.js";
import type { ChatBackend, ChatRequest, ChatResponse, LlmCallError } from "./types.js";

/** Every endpoint has been out of service for the give-up time: the run stops (and can be resumed). */
export class EndpointDown extends Error {
  constructor(readonly seconds: number, cause: string) {
    super(`the model endpoint has been unreachable for ${seconds.toFixed(0)} s (${cause}); the run stops here and can be resumed with --resume`);
    this.name = "EndpointDown";
  }
}

/** One server of the pool. */
export interface EndpointOptions {
  /** Unique name in accounting and the manifest: the base URL. */
  label: string;
  backend: ChatBackend;
  concurrency: ConcurrencySetting;
  /** Slots shared with other processes' runs (a sweep, lib/experiment/permits.ts), taken after the pool's own. */
  shared?: CallLimiter | null;
}

/** How an {@link EndpointPool} takes endpoints out, probes them and gives up. */
export interface EndpointPoolOptions {
  /** Stop when every endpoint has been out of service for this long. */
  giveUpAfterMs: number;
  /** First probe of an endpoint taken out after this long; each failed probe doubles the wait, up to probeMaxMs. */
  probeBaseMs: number;
  probeMaxMs: number;
  /** Longest pause a 429's Retry-After may impose on an endpoint. */
  maxPauseMs: number;
  /** The clock, in ms (default `Date.now`). */
  now?: () => number;
}

/** Distinct calls failing in a row (5xx, timeouts, dropped connections) that take an endpoint out. */
export const FAILING_CALLS_TO_TAKE_OUT = 3;

/** What the pool knows about one endpoint (for the manifest and the progress bar). */
export interface EndpointStatus {
  label: string;
  model: string;
  concurrency: string;
  /** The limit now, and the highest it reached (adaptive: what the endpoint turned out to take). */
  limit: number;
  limitReached: number;
  inFlight: number;
  maxInFlight: number;
  up: boolean;
  /** Times it was taken out of service. */
  takenOut: number;
  /** Why it was taken out for good (it refuses every request), else null. */
  refusal: Refusal | null;
}

class Endpoint {
  readonly limit: AdaptiveLimit;
  inFlight = 0;
  maxInFlight = 0;
  up = true;
  probing = false;
  downSince = 0;
  probeAt = 0;
  probes = 0;
  takenOut = 0;
  pausedUntil = 0;
  lastError = "";
  /** Ids of the distinct calls that failed since the last success. */
  readonly failing = new Set<number>();
  /** Ids of the distinct calls it answered with a bad request (400, 422) since the last success. */
  readonly badRequests = new Set<number>();
  /** Set when it refuses every request (401, 403, 404, repeated bad requests): out for good, never probed. */
  refusal: Refusal | null = null;

  constructor(readonly options: EndpointOptions) {
    this.limit = new AdaptiveLimit(options.concurrency);
  }

  /** Share of its limit in use; +∞ when it takes nothing now. A down endpoint due for a probe takes one call. */
  load(now: number): number {
    if (!this.up) return now >= this.probeAt && !this.probing ? 0 : Infinity;
    if (now < this.pausedUntil || this.inFlight >= this.limit.limit) return Infinity;
    return this.inFlight / this.limit.limit;
  }
}

/** A slot on one endpoint, held for one attempt; report how it went exactly once. */
export interface Lease {
  readonly backend: ChatBackend;
  /** One attempt on this endpoint's backend (through the shared slots, if any). */
  complete(request: ChatRequest): Promise<ChatResponse>;
  /** The endpoint's label (for accounting). */
  readonly label: string;
  /** The attempt was answered: frees the slot and counts toward the endpoint's health. */
  succeeded(): void;
  /**
   * The attempt failed. True when the failure says nothing about the request — nothing listening there, or an
   * endpoint now out for good — so the request may go to another endpoint without using up an attempt.
   */
  failed(error: LlmCallError): boolean;
  /** Not the endpoint's doing (a bug, an abort): frees the slot and says nothing about its health. */
  released(): void;
}

/**
 * The endpoints of a run behind one queue. Each attempt goes to the endpoint with the fewest calls in flight
 * relative to its limit (ties: the first listed); callers beyond every limit wait in FIFO order. An endpoint that
 * refuses a connection, or on which {@link FAILING_CALLS_TO_TAKE_OUT} distinct calls in a row failed with a 5xx, a
 * timeout or a dropped connection, is taken out: it gets no calls until its probe is due (backing off), when exactly
 * one call is sent to it; an answer puts it back. A 429 with Retry-After pauses that endpoint for the wait. When every
 * endpoint has been out for `giveUpAfterMs`, every waiting and future call fails with {@link EndpointDown}.
 *
 * An endpoint that answers 401, 403 or 404 — or a bad request (400, 422) to {@link FAILING_CALLS_TO_TAKE_OUT}
 * distinct calls in a row — refuses every request: it is out for good (never probed), and its calls go to the
 * others. When every endpoint refuses, every waiting and future call fails at once with {@link EndpointRejected}
 * (lib/llm/runStops.ts): a dead key stops the run before a month of fallbacks.
 *
 * The queue is the only shared state, so a pool can be shared by several runs in one process.
 *
 * @example
 * const pool = new EndpointPool([{ label: url, backend, concurrency: { adaptive: true, max: 64 } }], options);
 * const lease = await pool.acquire(callId);
 * try { const answer = await lease.backend.complete(request); lease.succeeded(); } catch (e) { lease.failed(e); }
 */
export class EndpointPool {
  private readonly endpoints: Endpoint[];
  private readonly waiting: { callId: number; resolve: (lease: Lease) => void; reject: (error: Error) => void }[] = [];
  private readonly now: () => number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private dead: EndpointDown | EndpointRejected | null = null;
  private inFlight = 0;
  private highest = 0;

  constructor(
    endpoints: readonly EndpointOptions[],
    private readonly options: EndpointPoolOptions,
  ) {
    if (endpoints.length === 0) throw new RangeError("an endpoint pool needs at least one endpoint");
    this.endpoints = endpoints.map((e) => new Endpoint(e));
    this.now = options.now ?? Date.now;
  }

  /** The backends, in the order given. */
  get backends(): ChatBackend[] {
    return this.endpoints.map((e) => e.options.backend);
  }

  /** Most calls in flight at once, over all endpoints. */
  get maxActive(): number {
    return this.highest;
  }

  /** Why the pool stopped taking calls (every endpoint down, or every one refusing), else null. */
  get stopped(): EndpointDown | EndpointRejected | null {
    return this.dead;
  }

  /** A slot for one attempt of call `callId` (distinct calls are what take an endpoint out). */
  acquire(callId: number): Promise<Lease> {
    if (this.dead) return Promise.reject(this.dead);
    return new Promise<Lease>((resolve, reject) => {
      this.waiting.push({ callId, resolve, reject });
      this.dispatch();
    });
  }

  /** Each endpoint's limit, calls in flight, and whether it is out, for the progress bar and the manifest. */
  status(): EndpointStatus[] {
    return this.endpoints.map((e) => ({
      label: e.options.label,
      model: e.options.backend.model,
      concurrency: e.options.concurrency.adaptive ? `auto:${e.options.concurrency.max}` : String(e.options.concurrency.max),
      limit: e.limit.limit,
      limitReached: e.limit.reached,
      inFlight: e.inFlight,
      maxInFlight: e.maxInFlight,
      up: e.up,
      takenOut: e.takenOut,
      refusal: e.refusal,
    }));
  }

  /** Stop the probe timer (end of run). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private pick(now: number): Endpoint | null {
    let best: Endpoint | null = null;
    let bestLoad = Infinity;
    for (const e of this.endpoints) {
      const load = e.load(now);
      if (load < bestLoad) {
        best = e;
        bestLoad = load;
      }
    }
    return best;
  }

  /** Hand free slots to waiting calls in order; otherwise wake up when a pause ends or a probe is due. */
  private dispatch(): void {
    const now = this.now();
    this.giveUpIfAllDown(now);
    while (this.waiting.length > 0) {
      const endpoint = this.pick(now);
      if (!endpoint) break;
      const waiter = this.waiting.shift()!;
      waiter.resolve(this.lease(endpoint, waiter.callId));
    }
    this.schedule(now);
  }

  private lease(endpoint: Endpoint, callId: number): Lease {
    const probe = !endpoint.up;
    if (probe) endpoint.probing = true;
    endpoint.inFlight++;
    endpoint.maxInFlight = Math.max(endpoint.maxInFlight, endpoint.inFlight);
    this.inFlight++;
    this.highest = Math.max(this.highest, this.inFlight);
    const epoch = endpoint.limit.epoch;
    const inFlight = endpoint.inFlight;
    let open = true;
    const close = () => {
      if (!open) throw new Error("a lease was reported twice");
      open = false;
      endpoint.inFlight--;
      this.inFlight--;
      if (probe) endpoint.probing = false;
    };
    const { backend, shared } = endpoint.options;
    return {
      backend,
      label: endpoint.options.label,
      complete: (request) => (shared ? shared.run(() => backend.complete(request)) : backend.complete(request)),
      succeeded: () => {
        const saturated = endpoint.inFlight >= endpoint.limit.limit;
        close();
        endpoint.limit.onSuccess(saturated);
        endpoint.failing.clear();
        endpoint.badRequests.clear();
        endpoint.up = true;
        this.dispatch();
      },
      failed: (error) => {
        close();
        this.judge(endpoint, error, { callId, epoch, inFlight, probe });
        this.dispatch();
        return error.kind === "refused" || endpoint.refusal !== null;
      },
      released: () => {
        close();
        this.dispatch();
      },
    };
  }

  /** What a failed attempt says about its endpoint. */
  private judge(endpoint: Endpoint, error: LlmCallError, call: { callId: number; epoch: number; inFlight: number; probe: boolean }): void {
    const { callId, probe } = call;
    const now = this.now();
    endpoint.lastError = error.message;
    if (this.refuses(endpoint, error, callId)) {
      endpoint.refusal ??= { label: endpoint.options.label, status: error.status!, message: error.message };
      if (endpoint.up) endpoint.takenOut++;
      endpoint.up = false;
      endpoint.probeAt = Infinity;
      return;
    }
    if (error.kind === "rate-limit" || error.kind === "timeout") endpoint.limit.onCongestion(call.epoch, call.inFlight);
    if (error.kind === "rate-limit" && error.retryAfterMs !== undefined) {
      endpoint.pausedUntil = Math.max(endpoint.pausedUntil, now + Math.min(error.retryAfterMs, this.options.maxPauseMs));
    }
    if (probe) {
      // A failed probe: wait longer before the next.
      endpoint.probes++;
      endpoint.probeAt = now + Math.min(this.options.probeMaxMs, this.options.probeBaseMs * 2 ** endpoint.probes);
      return;
    }
    if (!endpoint.up) return; // a call sent before it was taken out
    const unhealthy = error.kind === "server" || error.kind === "timeout" || error.kind === "connection";
    if (unhealthy) endpoint.failing.add(callId);
    if (error.kind === "refused" || endpoint.failing.size >= FAILING_CALLS_TO_TAKE_OUT) {
      endpoint.up = false;
      endpoint.takenOut++;
      endpoint.downSince = now;
      endpoint.probes = 0;
      endpoint.probeAt = now + this.options.probeBaseMs;
      endpoint.failing.clear();
    }
  }

  /**
   * Whether this failure shows the endpoint refuses every request: 401, 403, 404 at once; a bad request once
   * {@link FAILING_CALLS_TO_TAKE_OUT} distinct calls in a row got one (a single one may be that request's own fault,
   * e.g. a prompt too long for the model's context: that call falls back, the run goes on).
   */
  private refuses(endpoint: Endpoint, error: LlmCallError, callId: number): boolean {
    if (endpoint.refusal !== null) return true;
    if (error.kind !== "client" || error.status === undefined) return false;
    if (REFUSING_STATUSES.includes(error.status)) return true;
    return BAD_REQUEST_STATUSES.includes(error.status) && endpoint.badRequests.add(callId).size >= FAILING_CALLS_TO_TAKE_OUT;
  }

  /** Endpoints not refusing (those may come back). */
  private live(): Endpoint[] {
    return this.endpoints.filter((e) => e.refusal === null);
  }

  private giveUpIfAllDown(now: number): void {
    if (this.dead) return;
    const live = this.live();
    if (live.length === 0) return this.stop(new EndpointRejected(this.endpoints.map((e) => e.refusal!)));
    if (live.some((e) => e.up)) return;
    const since = Math.max(...live.map((e) => e.downSince));
    if (now - since < this.options.giveUpAfterMs) return;
    const last = live.reduce((a, b) => (b.downSince >= a.downSince ? b : a));
    this.stop(new EndpointDown((now - Math.min(...live.map((e) => e.downSince))) / 1000, last.lastError));
  }

  /** No more calls: every waiting and future one fails with `reason`. */
  private stop(reason: EndpointDown | EndpointRejected): void {
    this.dead = reason;
    for (const waiter of this.waiting.splice(0)) waiter.reject(reason);
  }

  /** The next moment something may change for a waiting call: a pause ends, a probe is due, or the give-up time. */
  private schedule(now: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.waiting.length === 0 || this.dead) return;
    let next = Infinity;
    for (const e of this.endpoints) {
      if (!e.up && !e.probing) next = Math.min(next, e.probeAt);
      else if (e.up && e.pausedUntil > now && e.inFlight < e.limit.limit) next = Math.min(next, e.pausedUntil);
    }
    const live = this.live();
    if (live.every((e) => !e.up)) next = Math.min(next, Math.max(...live.map((e) => e.downSince)) + this.options.giveUpAfterMs);
    if (next === Infinity) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.dispatch();
    }, Math.max(0, next - now));
  }
}
