import type { Rng } from "../rng.js";

import { BUCKETS, TITLES_PER_BUCKET } from "../calibration/jobs.js";

export { BUCKETS, TITLES_PER_BUCKET };

/**
 * The nine decile edges of the initial monthly wages: bucket b holds wages in [edge_{b−1}, edge_b).
 * Fixed at initialisation so that a household whose wage grows moves up to better-paid titles.
 * @example
 * wageBucketEdges(Float64Array.from({ length: 100 }, (_, i) => i)); // [10, 20, …, 90]
 */
export function wageBucketEdges(monthlyWages: Float64Array): Float64Array {
  const sorted = Float64Array.from(monthlyWages).sort();
  const edges = new Float64Array(BUCKETS - 1);
  for (let b = 1; b < BUCKETS; b++) edges[b - 1] = sorted[Math.floor((b * sorted.length) / BUCKETS)];
  return edges;
}

/**
 * The bucket (0–9) of a monthly wage between the nine decile edges.
 * @example
 * wageBucket(3360, Float64Array.from([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000])); // 3
 */
export function wageBucket(monthlyWage: number, edges: Float64Array): number {
  let b = 0;
  while (b < edges.length && monthlyWage >= edges[b]) b++;
  return b;
}

/**
 * A job offer: a random title from the bucket of the household's current monthly wage (index bucket·10 + t).
 * @example
 * drawOffer(rng, 3360, edges); // one of 30 … 39 (bucket 3, a random title)
 */
export function drawOffer(rng: Rng, monthlyWage: number, edges: Float64Array): number {
  return wageBucket(monthlyWage, edges) * TITLES_PER_BUCKET + rng.int(TITLES_PER_BUCKET);
}
