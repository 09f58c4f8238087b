/**
 * A scrambled Halton sequence: the space-filling design of the calibration's start and of the Saltelli matrices.
 * Dimension d uses the radical inverse in the d-th prime base; each digit is passed through a random permutation of
 * 0..b−1 drawn once per dimension (Braaten and Weller 1979), which removes the strong correlation between
 * high-prime dimensions of the plain sequence at small n, the problem SALib avoids by using a Sobol sequence.
 */
import { createRng, type Rng } from "../rng.js";

/** The first primes: the bases of up to 40 dimensions. */
const PRIMES = [
  2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131,
  137, 139, 149, 151, 157, 163, 167, 173,
];

/**
 * The most dimensions {@link halton} supports (one prime base each).
 * @example
 * HALTON_MAX_DIMENSIONS; // 40
 */
export const HALTON_MAX_DIMENSIONS = PRIMES.length;

/** A random permutation of 0..b−1 that keeps 0 fixed, so the scrambled sequence never reaches 1. */
function digitPermutation(rng: Rng, b: number): number[] {
  const p = Array.from({ length: b }, (_, k) => k);
  for (let i = b - 1; i > 1; i--) {
    const j = 1 + rng.int(i);
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

/**
 * `n` points of the scrambled Halton sequence in [0, 1)^dimensions, starting after the first `skip` points (point 0
 * is the origin in every dimension). Deterministic for a seed: the digit permutations are drawn from `createRng(seed)`.
 *
 * @param n number of points
 * @param dimensions 1..{@link HALTON_MAX_DIMENSIONS}
 * @param seed seed of the digit scrambling
 * @param skip points of the sequence to skip first, default 1 (the origin)
 * @returns n rows of `dimensions` coordinates
 * @throws Error if dimensions is outside 1..40 or n, skip are not non-negative integers
 * @example
 * halton(4, 2, 1); // four well-spread points of the unit square
 */
export function halton(n: number, dimensions: number, seed: number | string, skip = 1): number[][] {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > PRIMES.length) {
    throw new Error(`halton: dimensions must be an integer in 1..${PRIMES.length}, got ${dimensions}`);
  }
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(skip) || skip < 0) throw new Error(`halton: n and skip must be non-negative integers, got ${n}, ${skip}`);
  const rng = createRng(`${seed}/halton`);
  const permutations = PRIMES.slice(0, dimensions).map((b) => digitPermutation(rng, b));
  const points: number[][] = [];
  for (let i = skip; i < skip + n; i++) {
    points.push(
      permutations.map((perm, d) => {
        const b = PRIMES[d];
        let x = 0;
        let f = 1 / b;
        for (let k = i; k > 0; k = Math.floor(k / b), f /= b) x += perm[k % b] * f;
        return x;
      }),
    );
  }
  return points;
}

/**
 * Map a point of the unit cube onto parameter bounds, coordinate by coordinate: lo + u·(hi − lo).
 * @example
 * scaleToBounds([0.5, 0.25], [[0, 2], [10, 14]]); // => [1, 11]
 */
export function scaleToBounds(unit: readonly number[], bounds: readonly (readonly [number, number])[]): number[] {
  return unit.map((u, d) => bounds[d][0] + u * (bounds[d][1] - bounds[d][0]));
}
