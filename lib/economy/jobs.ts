import type { Rng } from "../rng.js";

import { BUCKETS, TITLES_PER_BUCKET } from "../calibration/jobs.js";

export { BUCKETS, TITLES_PER_BUCKET };

/**
 * The nine decile edges of the initial monthly wages: bucket b holds wages in [edge_{b−1}, edge_b).
 * Fixed at initialisation so that a household whose wage grows moves up to better-paid titles.
 */
export function wageBucketEdges(monthlyWages: Float64Array): Float64Array {
  const sorted = Float64Array.from(monthlyWages).sort();
  const edges = new Float64Array(BUCKETS - 1);
  for (let b = 1; b < BUCKETS; b++) edges[b - 1] = sorted[Math.floor((b * sorted.length) / BUCKETS)];
  return edges;
}

export function wageBucket(monthlyWage: number, edges: Float64Array): number {
  let b = 0;
  while (b < edges.length && monthlyWage >= edges[b]) b++;
  return b;
}

/** A job offer: a random title from the bucket of the household's current monthly wage (index bucket·10 + t). */
export function drawOffer(rng: Rng, monthlyWage: number, edges: Float64Array): number {
  return wageBucket(monthlyWage, edges) * TITLES_PER_BUCKET + rng.int(TITLES_PER_BUCKET);
}
