import { jStat } from "jstat";
import { olsLine } from "../stats/olsLine.js";
import { oewsWages, wageTopTail2019, type OewsYear } from "./wages.js";

/**
 * Parametric fits of a wage distribution to published percentiles (seed §4.2: calibrate the Pareto parameters
 * so that wages match US data). Everything here works on quantile points: "the q-quantile is `value`".
 */
export interface QuantilePoint {
  /** Probability level in (0, 1), e.g. 0.5 for the median. */
  q: number;
  value: number;
}

/** A lognormal quantile function ln w(q) = μ + σ·Φ⁻¹(q), with the R² of the fitting regression. */
export interface LognormalBody {
  mu: number;
  sigma: number;
  r2: number | null;
}

/** A Pareto tail 1 − F(w) ∝ w^(−α), with the R² of the log-log regression. */
export interface ParetoTail {
  alpha: number;
  r2: number | null;
}

/**
 * Two-piece wage distribution: lognormal body up to the `threshold` quantile q0, Pareto tail above it, joined so
 * the quantile function is continuous: w(q) = w(q0)·((1 − q0)/(1 − q))^(1/α) for q > q0.
 */
export interface TwoPieceWageModel {
  mu: number;
  sigma: number;
  alpha: number;
  threshold: number;
}

/** A fitted two-piece wage distribution: the model and its lognormal body and Pareto tail. */
export interface TwoPieceWageFit {
  model: TwoPieceWageModel;
  body: LognormalBody;
  tail: ParetoTail;
}

/** A shifted Lomax (Pareto II) distribution w = shift + scale·X, X ~ Lomax(shape) — the official code's form. */
export interface ShiftedLomax {
  shape: number;
  scale: number;
  shift: number;
}

/** How well a quantile function reproduces data points: relative error (fitted − data)/data at each point. */
export interface FitQuality {
  points: { q: number; data: number; fitted: number; relError: number }[];
  maxAbsRelError: number;
  rmsRelError: number;
}

function checkPoints(name: string, points: readonly QuantilePoint[], min: number): void {
  if (points.length < min) throw new Error(`${name}: needs at least ${min} quantile points, got ${points.length}`);
  for (const p of points) {
    if (!(p.q > 0 && p.q < 1) || !(p.value > 0) || !Number.isFinite(p.value)) {
      throw new RangeError(`${name}: each point needs 0 < q < 1 and a positive finite value, got q=${p.q}, value=${p.value}`);
    }
  }
}

/**
 * Lognormal body by log-quantile regression: OLS of ln w_q on the standard normal quantile z_q = Φ⁻¹(q);
 * the intercept is μ (the log median) and the slope σ.
 * @example
 * fitLognormalBody([{ q: 0.1, value: 13.14 }, { q: 0.5, value: 22.26 }, { q: 0.9, value: 53.03 }]); // σ ≈ 0.54
 */
export function fitLognormalBody(points: readonly QuantilePoint[]): LognormalBody {
  checkPoints("fitLognormalBody", points, 2);
  const line = olsLine(
    points.map((p) => jStat.normal.inv(p.q, 0, 1)),
    points.map((p) => Math.log(p.value)),
  );
  if (line.slope === null || !(line.slope > 0)) throw new Error("fitLognormalBody: quantiles must rise with q");
  return { mu: line.intercept as number, sigma: line.slope, r2: line.r2 };
}

/**
 * Pareto tail index by log-log regression of the survival share on the wage: ln(1 − q) = c − α·ln w_q.
 * Scale-free, so points from another source or year (e.g. annual W-2 percentiles) identify α as well.
 * @example
 * fitParetoTailIndex([{ q: 0.9, value: 10 }, { q: 0.99, value: 10 * 10 ** 0.5 }]).alpha; // 2
 */
export function fitParetoTailIndex(points: readonly QuantilePoint[]): ParetoTail {
  checkPoints("fitParetoTailIndex", points, 2);
  const line = olsLine(
    points.map((p) => Math.log(p.value)),
    points.map((p) => Math.log(1 - p.q)),
  );
  if (line.slope === null || !(line.slope < 0)) throw new Error("fitParetoTailIndex: quantiles must rise with q");
  return { alpha: -line.slope, r2: line.r2 };
}

/**
 * Fit the two-piece model: the lognormal body to `body` (e.g. OEWS p10–p90) and the tail index to `tail`
 * (e.g. W-2 p90–p99.9); the tail is attached at the body's `threshold` quantile (default p90).
 */
export function fitTwoPieceWages(
  body: readonly QuantilePoint[],
  tail: readonly QuantilePoint[],
  threshold = 0.9,
): TwoPieceWageFit {
  if (!(threshold > 0 && threshold < 1)) throw new RangeError(`fitTwoPieceWages: threshold must be in (0, 1), got ${threshold}`);
  const b = fitLognormalBody(body);
  const t = fitParetoTailIndex(tail);
  return { model: { mu: b.mu, sigma: b.sigma, alpha: t.alpha, threshold }, body: b, tail: t };
}

/** Quantile function of the two-piece model. */
export function twoPieceQuantile(q: number, m: TwoPieceWageModel): number {
  if (q <= m.threshold) return Math.exp(m.mu + m.sigma * jStat.normal.inv(q, 0, 1));
  const joint = Math.exp(m.mu + m.sigma * jStat.normal.inv(m.threshold, 0, 1));
  return joint * Math.pow((1 - m.threshold) / (1 - q), 1 / m.alpha);
}

/** Cumulative distribution function of the two-piece model (inverse of {@link twoPieceQuantile}). */
export function twoPieceCdf(w: number, m: TwoPieceWageModel): number {
  if (!(w > 0)) return 0;
  const joint = twoPieceQuantile(m.threshold, m);
  if (w <= joint) return jStat.normal.cdf((Math.log(w) - m.mu) / m.sigma, 0, 1);
  return 1 - (1 - m.threshold) * Math.pow(w / joint, -m.alpha);
}

/**
 * Mean of the two-piece model: body ∫₀^q0 w(q) dq = e^(μ+σ²/2)·Φ(Φ⁻¹(q0) − σ), tail w(q0)·(1 − q0)·α/(α − 1);
 * infinite for α ≤ 1.
 */
export function twoPieceMean(m: TwoPieceWageModel): number {
  if (m.alpha <= 1) return Infinity;
  const z0 = jStat.normal.inv(m.threshold, 0, 1);
  const body = Math.exp(m.mu + (m.sigma * m.sigma) / 2) * jStat.normal.cdf(z0 - m.sigma, 0, 1);
  const tail = twoPieceQuantile(m.threshold, m) * (1 - m.threshold) * (m.alpha / (m.alpha - 1));
  return body + tail;
}

/** Hourly wages of `n` households (poorest first) from a quantile function, at the mid-points (i + ½)/N. */
export function wagesFromQuantile(n: number, quantile: (q: number) => number): Float64Array {
  const wages = new Float64Array(n);
  for (let i = 0; i < n; i++) wages[i] = quantile((i + 0.5) / n);
  return wages;
}

/** Quantile function of w = shift + scale·X, X ~ Lomax(shape): shift + scale·((1 − q)^(−1/shape) − 1). */
export function shiftedLomaxQuantile(q: number, d: ShiftedLomax): number {
  return d.shift + d.scale * (Math.pow(1 - q, -1 / d.shape) - 1);
}

/** Mean of shift + scale·Lomax(shape): shift + scale/(shape − 1), infinite for shape ≤ 1. */
export function shiftedLomaxMean(d: ShiftedLomax): number {
  return d.shape > 1 ? d.shift + d.scale / (d.shape - 1) : Infinity;
}

/** The official code's draw: 949·Lomax(8) + 1 (numpy's `pareto(8)`), capped at 950 dollars an hour. */
export const OFFICIAL_WAGE_DRAW: Readonly<ShiftedLomax & { cap: number }> = Object.freeze({ shape: 8, scale: 949, shift: 1, cap: 950 });

/** Population quantile of the official hourly wage draw, min(950, 949·Lomax(8) + 1). */
export function officialWageQuantile(q: number): number {
  return Math.min(OFFICIAL_WAGE_DRAW.cap, shiftedLomaxQuantile(q, OFFICIAL_WAGE_DRAW));
}

/** Relative errors of `quantile` at the data points, their maximum absolute value and root mean square. */
export function quantileFitQuality(points: readonly QuantilePoint[], quantile: (q: number) => number): FitQuality {
  const rows = points.map((p) => {
    const fitted = quantile(p.q);
    return { q: p.q, data: p.value, fitted, relError: fitted / p.value - 1 };
  });
  const max = rows.reduce((acc, r) => Math.max(acc, Math.abs(r.relError)), 0);
  const rms = Math.sqrt(rows.reduce((acc, r) => acc + r.relError * r.relError, 0) / rows.length);
  return { points: rows, maxAbsRelError: max, rmsRelError: rms };
}

/**
 * The official functional form refitted: shift + scale·Lomax(shape), minimising the sum of squared relative
 * errors at `points`. For a fixed shape the quantile is linear in (shift, scale), a weighted least-squares
 * problem with a closed form; the shape is then found by a log-spaced scan of [0.5, 50] refined by
 * golden-section search.
 * @example
 * fitShiftedLomax(usWageTargets(2022)).shape; // ≈ 2–3: a far heavier tail than the official 8
 */
export function fitShiftedLomax(points: readonly QuantilePoint[]): ShiftedLomax {
  checkPoints("fitShiftedLomax", points, 3);
  const solve = (shape: number): { fit: ShiftedLomax; loss: number } => {
    // Minimise Σ (shift/v + scale·g/v − 1)²: normal equations of a two-regressor fit without intercept.
    let a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0;
    for (const p of points) {
      const x1 = 1 / p.value;
      const x2 = (Math.pow(1 - p.q, -1 / shape) - 1) / p.value;
      a11 += x1 * x1;
      a12 += x1 * x2;
      a22 += x2 * x2;
      b1 += x1;
      b2 += x2;
    }
    const det = a11 * a22 - a12 * a12;
    const fit = { shape, shift: (b1 * a22 - b2 * a12) / det, scale: (a11 * b2 - a12 * b1) / det };
    const loss = points.reduce((acc, p) => acc + (shiftedLomaxQuantile(p.q, fit) / p.value - 1) ** 2, 0);
    return { fit, loss };
  };
  const lo = Math.log(0.5);
  const hi = Math.log(50);
  const steps = 200;
  let best = 0;
  let bestLoss = Infinity;
  for (let k = 0; k <= steps; k++) {
    const loss = solve(Math.exp(lo + ((hi - lo) * k) / steps)).loss;
    if (loss < bestLoss) {
      bestLoss = loss;
      best = k;
    }
  }
  let a = lo + ((hi - lo) * Math.max(0, best - 1)) / steps;
  let b = lo + ((hi - lo) * Math.min(steps, best + 1)) / steps;
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let k = 0; k < 100; k++) {
    const c = b - ratio * (b - a);
    const d = a + ratio * (b - a);
    if (solve(Math.exp(c)).loss < solve(Math.exp(d)).loss) b = d;
    else a = c;
  }
  return solve(Math.exp((a + b) / 2)).fit;
}

/** OEWS's five hourly percentiles of `year` as quantile points (the body of the US distribution). */
export function oewsQuantiles(year: OewsYear): QuantilePoint[] {
  const { hourly } = oewsWages(year);
  return [
    { q: 0.1, value: hourly.p10 },
    { q: 0.25, value: hourly.p25 },
    { q: 0.5, value: hourly.median },
    { q: 0.75, value: hourly.p75 },
    { q: 0.9, value: hourly.p90 },
  ];
}

/**
 * The W-2 top tail (2019, all workers) from p90 up to `maxPercentile` (default 99.9; p99.99 is a single
 * very noisy point), as hourly full-time equivalents (annual ÷ 2080). Used for the tail's shape only.
 */
export function topTailQuantiles(maxPercentile = 99.9): QuantilePoint[] {
  return wageTopTail2019()
    .filter((p) => p.percentile <= maxPercentile)
    // Rounded so that 99.9 % is q = 0.999 exactly, not 0.9990000000000001.
    .map((p) => ({ q: Number((p.percentile / 100).toPrecision(12)), value: p.annual / 2080 }));
}

/**
 * Targets for a whole-distribution fit in `year`'s hourly dollars: OEWS p10–p90, then the W-2 tail's shape
 * above p90 rescaled to start at OEWS's p90 (w_q = OEWS p90 · W2_q / W2_p90).
 */
export function usWageTargets(year: OewsYear): QuantilePoint[] {
  const body = oewsQuantiles(year);
  const p90 = body[body.length - 1].value;
  const tail = topTailQuantiles();
  const base = tail[0].value;
  return [...body, ...tail.slice(1).map((p) => ({ q: p.q, value: (p90 * p.value) / base }))];
}
