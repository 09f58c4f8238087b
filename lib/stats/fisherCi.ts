import { jStat } from "jstat";

/**
 * Confidence interval of a Pearson correlation by Fisher's z-transformation:
 * tanh(atanh(r) ± z_{(1+level)/2} / √(n − 3)).
 *
 * The interval is asymmetric around r and always inside [−1, 1]; for |r| = 1 it collapses to [r, r].
 *
 * @see https://en.wikipedia.org/wiki/Fisher_transformation
 * @param r sample correlation in [−1, 1]
 * @param n number of pairs r was computed from
 * @param level confidence level in (0, 1), 0.95 by default (z = 1.959963984540054)
 * @returns [lower, upper], or null when n ≤ 3 (the standard error 1/√(n − 3) is undefined)
 * @throws Error if r is outside [−1, 1] or level is outside (0, 1)
 * @example
 * fisherCi(0.7745966692414834, 5); // => [-0.3400820351875105, 0.9842357551507267]
 */
export function fisherCi(r: number, n: number, level = 0.95): [number, number] | null {
  if (!(r >= -1 && r <= 1)) throw new Error(`fisherCi: r must be in [-1, 1], got ${r}`);
  if (!(level > 0 && level < 1)) throw new Error(`fisherCi: level must be in (0, 1), got ${level}`);
  if (!(n > 3)) return null;
  if (Math.abs(r) === 1) return [r, r];
  const z = Math.atanh(r);
  const halfWidth = jStat.normal.inv((1 + level) / 2, 0, 1) / Math.sqrt(n - 3);
  return [Math.tanh(z - halfWidth), Math.tanh(z + halfWidth)];
}
