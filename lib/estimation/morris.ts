/**
 * Morris elementary effects (Morris 1991; Campolongo et al. 2007's μ*), as SALib computes them: r trajectories on a
 * p-level grid of the unit cube, each moving one parameter at a time by Δ = p / (2(p − 1)) in a random order; the
 * elementary effect of parameter i is the output's change divided by ±Δ (in units of the parameter's range).
 * μ* = mean |EE| ranks importance, σ = sd(EE) flags non-linearity or interaction, μ*_conf is the 95 % bootstrap
 * half-width of μ* (1,000 resamples of the trajectories).
 */
import { createRng } from "../rng.js";
import { scaleToBounds } from "./halton.js";
import { Z_975 } from "./sobolIndices.js";

/** One parameter's Morris statistics. */
export interface MorrisIndex {
  mu: number;
  mu_star: number;
  mu_star_conf: number;
  sigma: number;
}

/**
 * Grid levels of the design: 4, SALib's default.
 * @example
 * morrisSample(bounds, 10, 1, MORRIS_LEVELS);
 */
export const MORRIS_LEVELS = 4;

/**
 * r trajectories of D + 1 points each, in order (trajectory 0's points, then trajectory 1's, …), scaled onto the
 * bounds. A trajectory starts at a random grid point and moves each parameter once, in a random order, by +Δ where
 * that stays in [0, 1] and −Δ otherwise, which with p = 4 levels makes every level equally likely.
 *
 * @param bounds [low, high] of each of the D parameters
 * @param r number of trajectories
 * @param seed seed of the design
 * @param levels p, default 4 (an even number ≥ 2)
 * @returns r(D + 1) points
 * @example
 * morrisSample([[0, 1], [0, 1], [0, 1]], 10, 1).length; // 40
 */
export function morrisSample(bounds: readonly (readonly [number, number])[], r: number, seed: number | string, levels = MORRIS_LEVELS): number[][] {
  if (!Number.isInteger(levels) || levels < 2 || levels % 2 !== 0) throw new Error(`morrisSample: levels must be an even integer ≥ 2, got ${levels}`);
  const d = bounds.length;
  const delta = levels / (2 * (levels - 1));
  const rng = createRng(`${seed}/morris`);
  const points: number[][] = [];
  for (let t = 0; t < r; t++) {
    const x = Array.from({ length: d }, () => rng.int(levels) / (levels - 1));
    const order = Array.from({ length: d }, (_, k) => k);
    for (let i = d - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    points.push([...x]);
    for (const i of order) {
      x[i] = x[i] + delta <= 1 + 1e-12 ? x[i] + delta : x[i] - delta;
      points.push([...x]);
    }
  }
  return points.map((p) => scaleToBounds(p, bounds));
}

/**
 * Morris statistics of one output from the runs of {@link morrisSample} (the same points, in order).
 *
 * @param points the design, as returned by morrisSample (scaled)
 * @param y the output at every point (finite)
 * @param bounds the bounds the design was scaled to
 * @param seed seed of the bootstrap of μ*
 * @returns one {@link MorrisIndex} per parameter
 * @throws Error if the lengths do not make whole trajectories or a value is not finite
 * @example
 * const x = morrisSample([[0, 1], [0, 1]], 20, 1);
 * morrisIndices(x, x.map(([a, b]) => 3 * a + b), [[0, 1], [0, 1]], 1).map((m) => m.mu_star); // => [3, 1]
 */
export function morrisIndices(
  points: readonly (readonly number[])[],
  y: readonly number[],
  bounds: readonly (readonly [number, number])[],
  seed: number | string,
): MorrisIndex[] {
  const d = bounds.length;
  if (points.length !== y.length || y.length === 0 || y.length % (d + 1) !== 0) {
    throw new Error(`morrisIndices: ${y.length} outputs for ${points.length} points are not whole trajectories of D + 1 = ${d + 1}`);
  }
  if (y.some((v) => !Number.isFinite(v))) throw new Error("morrisIndices: every output must be finite");
  const r = y.length / (d + 1);
  const effects: number[][] = Array.from({ length: d }, () => []);
  for (let t = 0; t < r; t++) {
    for (let s = 1; s <= d; s++) {
      const k = t * (d + 1) + s;
      const i = points[k].findIndex((v, j) => v !== points[k - 1][j]);
      const step = (points[k][i] - points[k - 1][i]) / (bounds[i][1] - bounds[i][0]);
      effects[i].push((y[k] - y[k - 1]) / step);
    }
  }
  const rng = createRng(`${seed}/morris-bootstrap`);
  return effects.map((ee) => {
    const abs = ee.map(Math.abs);
    const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const mu = mean(ee);
    const sigma = ee.length > 1 ? Math.sqrt(ee.reduce((s, x) => s + (x - mu) ** 2, 0) / (ee.length - 1)) : 0;
    const draws: number[] = [];
    for (let b = 0; b < 1000; b++) {
      let sum = 0;
      for (let k = 0; k < abs.length; k++) sum += abs[rng.int(abs.length)];
      draws.push(sum / abs.length);
    }
    const m = mean(draws);
    const sd = Math.sqrt(draws.reduce((s, x) => s + (x - m) ** 2, 0) / (draws.length - 1));
    return { mu, mu_star: mean(abs), mu_star_conf: Z_975 * sd, sigma };
  });
}
