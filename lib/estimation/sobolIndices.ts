/**
 * Variance-based global sensitivity (Sobol' indices) from Saltelli's sampling design, as SALib computes them:
 * two independent base matrices A and B (N rows each, from one 2D-dimensional space-filling sequence), and for each
 * parameter i the matrix AB_i (A with column i from B) and BA_i (B with column i from A): N(2D + 2) model runs.
 * First-order index (Saltelli et al. 2010, eq. b): S_i = mean(f(B)·(f(AB_i) − f(A))) / V;
 * total index (Jansen 1999): ST_i = mean((f(A) − f(AB_i))²) / (2V); V the variance of f over A and B together.
 * The same two estimators with the roles of A and B swapped (BA_i against B) use the other half of the runs; the
 * reported index is the mean of the two. Confidence: half-width z₀.₉₇₅·sd of the index over bootstrap resamples
 * of the N rows (SALib's `S1_conf`, `ST_conf`).
 */
import { createRng } from "../rng.js";
import { halton, scaleToBounds } from "./halton.js";

/**
 * z such that Φ(z) = 0.975: the bootstrap confidence half-width is z times the bootstrap standard deviation.
 * @example
 * const halfWidth = Z_975 * bootstrapSd;
 */
export const Z_975 = 1.959963984540054;

/** One parameter's Sobol' indices with their 95 % bootstrap half-widths. */
export interface SobolIndex {
  S1: number;
  S1_conf: number;
  ST: number;
  ST_conf: number;
}

/**
 * Saltelli's design: N blocks of 2D + 2 points in the order A, AB_1 … AB_D, BA_1 … BA_D, B (block j uses row j of A
 * and B), A and B from one scrambled Halton sequence of dimension 2D, scaled onto the bounds.
 *
 * @param bounds [low, high] of each of the D parameters
 * @param n N, the base sample size
 * @param seed seed of the sequence's scrambling
 * @returns N(2D + 2) points, each D values
 * @example
 * saltelliSample([[0, 1], [0, 1]], 8, 1).length; // 8 × 6 = 48
 */
export function saltelliSample(bounds: readonly (readonly [number, number])[], n: number, seed: number | string): number[][] {
  const d = bounds.length;
  const base = halton(n, 2 * d, seed);
  const points: number[][] = [];
  for (const row of base) {
    const a = row.slice(0, d);
    const b = row.slice(d);
    points.push(a);
    for (let i = 0; i < d; i++) points.push(a.map((v, k) => (k === i ? b[i] : v)));
    for (let i = 0; i < d; i++) points.push(b.map((v, k) => (k === i ? a[i] : v)));
    points.push(b);
  }
  return points.map((p) => scaleToBounds(p, bounds));
}

/** The point estimates of S1 and ST for every parameter from the blocks listed in `rows`. */
function estimate(y: readonly number[], d: number, rows: ArrayLike<number>): { s1: number[]; st: number[] } {
  const size = 2 * d + 2;
  const n = rows.length;
  let sum = 0;
  let sumSq = 0;
  for (let r = 0; r < n; r++) {
    const j = rows[r] * size;
    for (const v of [y[j], y[j + size - 1]]) {
      sum += v;
      sumSq += v * v;
    }
  }
  const m = sum / (2 * n);
  const variance = sumSq / (2 * n) - m * m;
  const s1: number[] = [];
  const st: number[] = [];
  for (let i = 0; i < d; i++) {
    let first = 0;
    let total = 0;
    for (let r = 0; r < n; r++) {
      const j = rows[r] * size;
      const fA = y[j];
      const fB = y[j + size - 1];
      const fAB = y[j + 1 + i];
      const fBA = y[j + 1 + d + i];
      first += fB * (fAB - fA) + fA * (fBA - fB);
      total += (fA - fAB) ** 2 + (fB - fBA) ** 2;
    }
    s1.push(first / (2 * n) / variance);
    st.push(total / (4 * n) / variance);
  }
  return { s1, st };
}

/** Sample standard deviation (n − 1) of each column. */
function columnSd(draws: readonly number[][], d: number): number[] {
  return Array.from({ length: d }, (_, i) => {
    const values = draws.map((row) => row[i]);
    const m = values.reduce((s, v) => s + v, 0) / values.length;
    return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
  });
}

/**
 * First-order and total Sobol' indices of one output from the runs of {@link saltelliSample}, in its order.
 *
 * @param y the output of every point of the design (N(2D + 2) values, all finite)
 * @param d D, the number of parameters
 * @param seed seed of the bootstrap
 * @param resamples bootstrap resamples of the N blocks, default 1,000
 * @returns one {@link SobolIndex} per parameter
 * @throws Error if y's length is not a multiple of 2D + 2, a value is not finite, or the output does not vary
 * @example
 * const x = saltelliSample(ISHIGAMI_BOUNDS, 1024, 1);
 * sobolIndices(x.map(ishigami), 3, 1)[0].S1; // ≈ 0.314
 */
export function sobolIndices(y: readonly number[], d: number, seed: number | string, resamples = 1000): SobolIndex[] {
  const size = 2 * d + 2;
  if (y.length === 0 || y.length % size !== 0) throw new Error(`sobolIndices: ${y.length} outputs are not N blocks of 2D + 2 = ${size}`);
  if (y.some((v) => !Number.isFinite(v))) throw new Error("sobolIndices: every output must be finite");
  const n = y.length / size;
  const all = Int32Array.from({ length: n }, (_, k) => k);
  const point = estimate(y, d, all);
  if (!point.s1.every(Number.isFinite)) throw new Error("sobolIndices: the output does not vary over the design (variance 0)");
  const rng = createRng(`${seed}/sobol-bootstrap`);
  const s1Draws: number[][] = [];
  const stDraws: number[][] = [];
  const rows = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let k = 0; k < n; k++) rows[k] = rng.int(n);
    const draw = estimate(y, d, rows);
    // A resample whose outputs happen not to vary defines no index; it is left out rather than counted as NaN.
    if (draw.s1.every(Number.isFinite)) {
      s1Draws.push(draw.s1);
      stDraws.push(draw.st);
    }
  }
  const s1Sd = columnSd(s1Draws, d);
  const stSd = columnSd(stDraws, d);
  return point.s1.map((s1, i) => ({ S1: s1, S1_conf: Z_975 * s1Sd[i], ST: point.st[i], ST_conf: Z_975 * stSd[i] }));
}
