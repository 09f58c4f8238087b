/**
 * At most `limit` tasks at once; the rest wait in a FIFO queue. A finishing task hands its slot straight to the
 * longest-waiting one, so a newcomer can never overtake the queue and the limit is reached whenever at least
 * `limit` tasks are waiting.
 *
 * @example
 * const limiter = new ConcurrencyLimiter(8);
 * const answers = await Promise.all(requests.map((r) => limiter.run(() => backend.complete(r))));
 */
export class ConcurrencyLimiter {
  private running = 0;
  private highest = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`);
  }

  /** Runs `task` when a slot is free; settles as the task does. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.limit) {
      this.running++;
      this.highest = Math.max(this.highest, this.running);
    } else {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Tasks running now. */
  get active(): number {
    return this.running;
  }

  /** Most tasks ever running at once. */
  get maxActive(): number {
    return this.highest;
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }
}
