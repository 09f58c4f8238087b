import { isConstant } from "./isConstant.js";
import { tTestPValue } from "./tTestPValue.js";

/** One coefficient of a multiple regression, with its t-test (H0: coefficient = 0). */
export interface OlsCoefficient {
  /** "intercept", or the regressor's name. */
  name: string;
  /** Least-squares estimate; null when the column was dropped. */
  estimate: number | null;
  /** Standard error; null when the column was dropped or the fit leaves nothing to estimate it from. */
  se: number | null;
  t: number | null;
  /** Two-sided p-value from Student's t with the residual degrees of freedom. */
  p: number | null;
  /** Why the column was left out ("constant", "collinear with earlier columns"), else null. */
  dropped: string | null;
}

/** A multiple regression y = b0 + Σ b_j·x_j + e fitted by ordinary least squares. */
export interface OlsFit {
  /** The intercept first, then one entry per regressor in the order given (dropped ones included). */
  coefficients: OlsCoefficient[];
  /** 1 − RSS/TSS; null when y is constant. */
  r2: number | null;
  /** Observations. */
  n: number;
  /** Residual degrees of freedom: n minus the coefficients estimated (intercept included). */
  dof: number;
  /** Residual standard error √(RSS/dof); null when dof ≤ 0. */
  sigma: number | null;
  /** What was dropped or could not be tested, in words. */
  notes: string[];
}

/** A column whose remainder after projecting out the earlier columns is this small (relative) is redundant. */
const COLLINEAR = 1e-9;

/**
 * Multiple ordinary least squares with an intercept and classical (homoskedastic) standard errors, via a
 * Gram–Schmidt QR decomposition of the design matrix: β = R⁻¹Qᵀy, Var(β) = σ²·R⁻¹R⁻ᵀ, σ² = RSS/(n − k),
 * t = β/se, p two-sided from Student's t(n − k) (jstat).
 *
 * Rank deficiency is handled column by column, in order: a regressor that is constant, or a linear combination
 * of the intercept and the regressors kept before it, is dropped (estimate and statistics null, `dropped` says
 * why, a note is added) and the rest is fitted without it. A constant y gives intercept = y, slopes 0 and no
 * tests (nothing to explain); n ≤ k gives estimates without tests. Scaling a regressor scales its estimate and
 * standard error alike: t and p do not depend on units.
 *
 * @see https://en.wikipedia.org/wiki/Ordinary_least_squares
 * @param X one row per observation, one column per regressor (no intercept column: it is added)
 * @param y the response, one value per row
 * @param names the regressors' names, one per column
 * @returns {@link OlsFit}
 * @throws Error if the shapes disagree, there are no observations, or a value is not finite
 * @example
 * ols([[0, 0], [1, 0], [0, 1], [1, 1], [2, 1]], [1, 3, 2, 5, 6], ["x1", "x2"]);
 * // => estimates 1, 2, 4/3; se √(1/5), √(2/15), √(14/45); r2 124/129; dof 2
 */
export function ols(X: readonly (readonly number[])[], y: readonly number[], names: readonly string[]): OlsFit {
  const n = y.length;
  checkShapes(X, y, names);
  const columns = [new Array<number>(n).fill(1), ...names.map((_, j) => X.map((row) => row[j]))];
  const { kept, q, r, dropped } = orthogonalize(columns);
  // The intercept column (all ones) is never dropped: it is the first, and not zero.
  const notes = dropped.map((d) => `${names[d.column - 1]} dropped: ${d.reason}`);

  const k = kept.length;
  const qty = q.map((qk) => dot(qk, y));
  const beta = backSubstitute(r, qty);
  const residual = y.slice();
  q.forEach((qk, m) => qk.forEach((v, i) => (residual[i] -= qty[m] * v)));
  const rss = dot(residual, residual);
  const ybar = y.reduce((s, v) => s + v, 0) / n;
  const tss = y.reduce((s, v) => s + (v - ybar) ** 2, 0);
  const constantY = isConstant(y);
  const dof = n - k;
  const sigma = dof > 0 ? Math.sqrt(rss / dof) : null;
  if (constantY) notes.push("y is constant: nothing to explain, no tests");
  else if (dof <= 0) notes.push(`no residual degrees of freedom (n = ${n}, coefficients = ${k}): no tests`);

  const rInverse = invertUpper(r);
  const coefficients: OlsCoefficient[] = columns.map((_, c) => {
    const name = c === 0 ? "intercept" : names[c - 1];
    const m = kept.indexOf(c);
    if (m < 0) {
      return { name, estimate: null, se: null, t: null, p: null, dropped: dropped.find((d) => d.column === c)!.reason };
    }
    if (constantY) return { name, estimate: c === 0 ? y[0] : 0, se: null, t: null, p: null, dropped: null };
    if (sigma === null) return { name, estimate: beta[m], se: null, t: null, p: null, dropped: null };
    const se = sigma * Math.sqrt(rInverse[m].reduce((s, v) => s + v * v, 0));
    const t = se > 0 ? beta[m] / se : beta[m] === 0 ? null : Math.sign(beta[m]) * Infinity;
    return { name, estimate: beta[m], se, t, p: t === null ? null : tTestPValue(t, dof), dropped: null };
  });
  return { coefficients, r2: constantY ? null : Math.max(0, 1 - rss / tss), n, dof, sigma, notes };
}

function checkShapes(X: readonly (readonly number[])[], y: readonly number[], names: readonly string[]): void {
  if (y.length === 0) throw new Error("ols: no observations");
  if (X.length !== y.length) throw new Error(`ols: X has ${X.length} rows but y has ${y.length} values`);
  X.forEach((row, i) => {
    if (row.length !== names.length) {
      throw new Error(`ols: row ${i} of X has ${row.length} values but there are ${names.length} names`);
    }
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new Error(`ols: X[${i}][${j}] (${names[j]}) is not finite: ${v}`);
    });
    if (!Number.isFinite(y[i])) throw new Error(`ols: y[${i}] is not finite: ${y[i]}`);
  });
}

/**
 * Modified Gram–Schmidt with one reorthogonalisation pass ("twice is enough"): Q has orthonormal columns, R is
 * upper triangular with X_kept = Q·R. A column whose remainder is below COLLINEAR times its own norm is dropped.
 */
function orthogonalize(columns: number[][]) {
  const kept: number[] = [];
  const q: number[][] = [];
  const r: number[][] = []; // r[row][col], over kept columns
  const dropped: { column: number; reason: string }[] = [];
  columns.forEach((column, c) => {
    const a = column.slice();
    const norm = Math.sqrt(dot(a, a));
    const coefficients = new Array<number>(q.length).fill(0);
    for (let pass = 0; pass < 2; pass++) {
      q.forEach((qk, m) => {
        const proj = dot(qk, a);
        coefficients[m] += proj;
        for (let i = 0; i < a.length; i++) a[i] -= proj * qk[i];
      });
    }
    const remainder = Math.sqrt(dot(a, a));
    if (norm === 0 || remainder <= COLLINEAR * norm) {
      dropped.push({ column: c, reason: isConstant(column) ? "constant" : "collinear with earlier columns" });
      return;
    }
    kept.push(c);
    q.push(a.map((v) => v / remainder));
    r.forEach((row, m) => row.push(coefficients[m]));
    r.push([...new Array<number>(kept.length - 1).fill(0), remainder]);
  });
  return { kept, q, r, dropped };
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Solve R·x = b for upper-triangular R. */
function backSubstitute(r: number[][], b: number[]): number[] {
  const x = new Array<number>(b.length).fill(0);
  for (let i = b.length - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < b.length; j++) s -= r[i][j] * x[j];
    x[i] = s / r[i][i];
  }
  return x;
}

/** R⁻¹ of an upper-triangular R, row by row (row m of R⁻¹ gives Var(β_m) ∝ its squared norm). */
function invertUpper(r: number[][]): number[][] {
  const k = r.length;
  const columns = Array.from({ length: k }, (_, j) => backSubstitute(r, Array.from({ length: k }, (_, i) => (i === j ? 1 : 0))));
  return Array.from({ length: k }, (_, m) => columns.map((col) => col[m]));
}
