/**
 * Latencies of the benchmark endpoint (bench/fakeServer.ts): a fixed delay, or seeded lognormal draws given by
 * their median and 95th percentile, and the ideal schedule of a list of latencies on C call slots.
 */
import { createRng } from "../lib/rng.js";

/** z of the standard normal's 95th percentile. */
const Z95 = 1.6448536269514722;

/**
 * `"50"` → every call 50 ms; `"lognormal:800:3000:7"` → draws with median 800 ms and p95 3,000 ms from seed 7
 * (ln latency ~ N(ln median, σ²), σ = ln(p95 / median) / z₀.₉₅), one per call in arrival order.
 * @example
 * const next = latencySource("lognormal:800:3000:1"); next(); // ms
 */
export function latencySource(spec: string): () => number {
  const fixed = Number(spec);
  if (Number.isFinite(fixed) && fixed >= 0) return () => fixed;
  const m = /^lognormal:(\d+(?:\.\d+)?):(\d+(?:\.\d+)?):(\S+)$/.exec(spec);
  if (!m || Number(m[2]) <= Number(m[1])) throw new Error(`latency: got ${JSON.stringify(spec)}; allowed: MS or lognormal:MEDIAN:P95:SEED with P95 > MEDIAN`);
  const mu = Math.log(Number(m[1]));
  const sigma = Math.log(Number(m[2]) / Number(m[1])) / Z95;
  const rng = createRng(m[3]);
  // Box–Muller; 1 − u keeps the logarithm finite.
  return () => Math.exp(mu + sigma * Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next()));
}

/**
 * Makespan of calls with these latencies (ms) started in order on `slots` call slots, each call taking the first
 * slot free (list scheduling, what a client at concurrency C with zero overhead does).
 * @example
 * idealSchedule([100, 100, 100], 2); // 200
 */
export function idealSchedule(latencies: readonly number[], slots: number): number {
  const free = new Array<number>(Math.min(slots, latencies.length)).fill(0);
  let end = 0;
  for (const latency of latencies) {
    let k = 0;
    for (let j = 1; j < free.length; j++) if (free[j] < free[k]) k = j;
    free[k] += latency;
    end = Math.max(end, free[k]);
  }
  return end;
}
