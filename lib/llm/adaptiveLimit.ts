/** How many calls one endpoint may have in flight: a fixed number, or adaptive up to a ceiling (`auto[:MAX]`). */
export interface ConcurrencySetting {
  adaptive: boolean;
  /** The fixed limit, or the adaptive one's ceiling. */
  max: number;
}

/** Ceiling of `--concurrency auto` without `:MAX`. */
export const DEFAULT_AUTO_MAX = 256;

/** Multiplicative decrease on congestion: the limit keeps this share (TCP CUBIC's β). */
const DECREASE = 0.7;
/**
 * Additive increase after the first congestion, in calls per round trip. A limit probing upward meets one 429 per
 * cycle from 0.7·W back to W, i.e. every ≈ 0.3·W/a round trips of ≈ 0.85·W calls; a = 1/4 keeps that near 2 % of
 * calls at W = 7 (1 call per round trip, TCP's choice, would make it 8 %).
 */
const INCREASE = 0.25;

/**
 * A per-endpoint concurrency limit. Fixed: always `max`. Adaptive: additive increase, multiplicative decrease
 * (AIMD, as TCP congestion control): it starts at 1 and doubles per round trip (slow start) until the first
 * congestion signal — a 429 or a timeout — then grows by a quarter call per round trip (+0.25/limit per success) and
 * keeps 70 % of itself on each congestion signal. Only a success while the endpoint was saturated grows the limit (an
 * idle endpoint says nothing about its capacity), and only one decrease counts per round trip: signals from calls
 * that started before the last decrease were caused by the old, larger limit and are ignored.
 *
 * @example
 * const limit = new AdaptiveLimit({ adaptive: true, max: 64 });
 * const epoch = limit.epoch; // when a call starts, with 6 calls in flight
 * limit.onCongestion(epoch, 6); // it got a 429
 */
export class AdaptiveLimit {
  private value: number;
  private slowStart: boolean;
  private decreases = 0;
  private highest: number;

  constructor(readonly setting: ConcurrencySetting) {
    this.value = setting.adaptive ? 1 : setting.max;
    this.slowStart = setting.adaptive;
    this.highest = this.limit;
  }

  /** Calls allowed in flight now (≥ 1). */
  get limit(): number {
    return Math.max(1, Math.floor(this.value));
  }

  /** The highest limit reached (the fixed limit when not adaptive). */
  get reached(): number {
    return this.highest;
  }

  /** Counts decreases; a call remembers it when it starts, for {@link onCongestion}. */
  get epoch(): number {
    return this.decreases;
  }

  /** A call succeeded; `saturated`: the endpoint had `limit` calls in flight (this one included). */
  onSuccess(saturated: boolean): void {
    if (!this.setting.adaptive || !saturated) return;
    this.value = Math.min(this.setting.max, this.value + (this.slowStart ? 1 : INCREASE / this.value));
    this.highest = Math.max(this.highest, this.limit);
  }

  /**
   * A call that started at `epoch`, with `inFlight` calls on the endpoint (itself included), met a 429 or a timeout.
   * The decrease starts from what was in use, not from the limit: a limit that grew while our own process was too
   * busy to fill it (RFC 7661's idle window) says nothing about the server, and would take several rounds to undo.
   */
  onCongestion(epoch: number, inFlight: number = Infinity): void {
    if (!this.setting.adaptive || epoch < this.decreases) return;
    this.slowStart = false;
    this.value = Math.max(1, Math.min(this.value, inFlight) * DECREASE);
    this.decreases++;
  }
}
