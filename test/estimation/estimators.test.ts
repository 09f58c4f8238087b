import { test } from "node:test";
import assert from "node:assert/strict";
import { halton } from "../../lib/estimation/halton.js";
import { saltelliSample, sobolIndices } from "../../lib/estimation/sobolIndices.js";
import { morrisIndices, morrisSample } from "../../lib/estimation/morris.js";
import { momentWeights, msmLoss } from "../../lib/estimation/msmLoss.js";

const PI = Math.PI;
const ishigami = ([x1, x2, x3]: number[]) => Math.sin(x1) + 7 * Math.sin(x2) ** 2 + 0.1 * x3 ** 4 * Math.sin(x1);
// Analytic indices for a = 7, b = 0.1 (Ishigami and Homma 1990; Sobol' and Levitan 1999): V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2.
const V = 49 / 8 + (0.1 * PI ** 4) / 5 + (0.01 * PI ** 8) / 18 + 0.5;
const V1 = 0.5 * (1 + (0.1 * PI ** 4) / 5) ** 2;
const V2 = 49 / 8;
const V13 = (0.01 * PI ** 8) * (1 / 18 - 1 / 50);
const S1 = [V1 / V, V2 / V, 0];
const ST = [(V1 + V13) / V, V2 / V, V13 / V];

test("the analytic Ishigami indices are the issue's 0.314, 0.442, 0 and 0.558, 0.442, 0.244", () => {
  assert.deepEqual(S1.map((v) => Number(v.toFixed(3))), [0.314, 0.442, 0]);
  assert.deepEqual(ST.map((v) => Number(v.toFixed(3))), [0.558, 0.442, 0.244]);
});

test("Sobol' indices of the Ishigami function cover the analytic values within their 95 % bootstrap half-widths", () => {
  const bounds: [number, number][] = [[-PI, PI], [-PI, PI], [-PI, PI]];
  const x = saltelliSample(bounds, 2048, 1);
  assert.equal(x.length, 2048 * 8);
  const indices = sobolIndices(x.map(ishigami), 3, 1);
  indices.forEach((index, i) => {
    assert.ok(Math.abs(index.S1 - S1[i]) <= index.S1_conf, `S1[${i}] = ${index.S1} ± ${index.S1_conf}, analytic ${S1[i]}`);
    assert.ok(Math.abs(index.ST - ST[i]) <= index.ST_conf, `ST[${i}] = ${index.ST} ± ${index.ST_conf}, analytic ${ST[i]}`);
    // The half-widths are informative, not so wide that any value would pass.
    assert.ok(index.S1_conf < 0.08 && index.ST_conf < 0.08, `half-widths ${index.S1_conf}, ${index.ST_conf}`);
  });
});

test("Sobol' indices are deterministic for a seed and refuse a design of the wrong length", () => {
  const bounds: [number, number][] = [[0, 1], [0, 1]];
  const x = saltelliSample(bounds, 16, 3);
  const y = x.map(([a, b]) => a + 2 * b);
  assert.deepEqual(sobolIndices(y, 2, 3), sobolIndices(y, 2, 3));
  assert.throws(() => sobolIndices(y.slice(1), 2, 3), /not N blocks/);
  assert.throws(() => sobolIndices(y.map(() => 1), 2, 3), /does not vary/);
});

test("an additive function's first-order indices equal its totals and its variance shares", () => {
  // f = x1 + 2·x2 on U(0,1)²: V1 = 1/12, V2 = 4/12, so S = ST = (0.2, 0.8).
  const x = saltelliSample([[0, 1], [0, 1]], 1024, 2);
  const indices = sobolIndices(x.map(([a, b]) => a + 2 * b), 2, 2);
  [0.2, 0.8].forEach((share, i) => {
    assert.ok(Math.abs(indices[i].S1 - share) <= Math.max(indices[i].S1_conf, 0.01), `S1 ${indices[i].S1}`);
    assert.ok(Math.abs(indices[i].ST - share) <= Math.max(indices[i].ST_conf, 0.01), `ST ${indices[i].ST}`);
  });
});

test("Morris μ* of a linear function is exactly each coefficient times the range, with σ = 0", () => {
  const bounds: [number, number][] = [[0, 1], [0, 2], [-1, 1], [0, 1]];
  const x = morrisSample(bounds, 10, 1);
  assert.equal(x.length, 10 * 5);
  const f = ([a, b, c, d]: number[]) => 10 * a + 2.5 * b + 0.5 * c + 0 * d;
  const indices = morrisIndices(x, x.map(f), bounds, 1);
  // EE per unit of the range: 10·1, 2.5·2, 0.5·2, 0.
  [10, 5, 1, 0].forEach((expected, i) => {
    assert.ok(Math.abs(indices[i].mu_star - expected) < 1e-9, `mu* ${indices[i].mu_star}`);
    assert.ok(Math.abs(indices[i].sigma) < 1e-9);
    assert.ok(indices[i].mu_star_conf < 1e-9);
  });
});

test("Morris ranks the Sobol' g-function's parameters by their importance a = 0, 1, 4.5, 9, 99", () => {
  // g(x) = Π (|4x_i − 2| + a_i) / (1 + a_i): the smaller a_i, the more important x_i (Saltelli et al. 2008, §3.4).
  const a = [0, 1, 4.5, 9, 99];
  const g = (x: number[]) => x.reduce((p, v, i) => (p * (Math.abs(4 * v - 2) + a[i])) / (1 + a[i]), 1);
  const bounds = a.map((): [number, number] => [0, 1]);
  const x = morrisSample(bounds, 50, 7);
  const indices = morrisIndices(x, x.map(g), bounds, 7);
  const muStar = indices.map((m) => m.mu_star);
  for (let i = 1; i < a.length; i++) assert.ok(muStar[i] < muStar[i - 1], `mu* not decreasing: ${muStar}`);
  // x1 and x2 interact through the product: σ is large beside μ*; x5 barely moves the output.
  assert.ok(indices[0].sigma > 0.5 * indices[0].mu_star);
  assert.ok(muStar[4] < 0.05);
});

test("Morris trajectories stay on the grid of the bounds and move one parameter by Δ = 2/3 of its range", () => {
  const bounds: [number, number][] = [[0, 3], [10, 13]];
  const x = morrisSample(bounds, 5, 2);
  for (let t = 0; t < 5; t++) {
    for (let s = 1; s <= 2; s++) {
      const [p, q] = [x[t * 3 + s - 1], x[t * 3 + s]];
      const moved = p.map((v, i) => Math.abs(q[i] - v));
      assert.equal(moved.filter((m) => m > 1e-12).length, 1);
      assert.ok(Math.abs(Math.max(...moved) - 2) < 1e-9);
    }
  }
  for (const p of x) assert.ok(p[0] >= 0 && p[0] <= 3 && p[1] >= 10 && p[1] <= 13);
});

test("the scrambled Halton points fill the cube evenly: each coordinate's strata hold n/b points", () => {
  const points = halton(2 * 3 * 5 * 7 * 9, 4, 11, 0);
  for (const [d, b] of [[0, 2], [1, 3], [2, 5], [3, 7]]) {
    const counts = Array<number>(b).fill(0);
    // A point at exactly k/b may be summed a rounding error below it: nudge before taking the stratum.
    for (const p of points) counts[Math.floor(p[d] * b + 1e-9)]++;
    assert.ok(counts.every((c) => c === points.length / b), `dimension ${d}: ${counts}`);
  }
  assert.deepEqual(halton(5, 3, 1), halton(5, 3, 1));
  assert.notDeepEqual(halton(5, 3, 1), halton(5, 3, 2));
  assert.throws(() => halton(5, 41, 1), /dimensions/);
});

test("the MSM loss is the weighted sum of squared moment gaps, by hand", () => {
  // m − m* = (0.1, −0.2, 0.5); W = diag(100, 25, 4): 100·0.01 + 25·0.04 + 4·0.25 = 1 + 1 + 1.
  assert.ok(Math.abs(msmLoss([1.1, 0.8, 2.5], [1, 1, 2], [100, 25, 4])! - 3) < 1e-12);
  assert.equal(msmLoss([1, null], [1, 2], [1, 1]), null);
  assert.equal(msmLoss([1, 2], [1, 2], [5, 7]), 0);
  assert.throws(() => msmLoss([1], [1, 2], [1, 1]), /one entry per moment/);
});

test("moment weights are the inverse variance of the gap: target variance plus the simulated mean's variance", () => {
  // 1 / (0.01 + 0.04/4) = 50; 1 / (0 + 2/4) = 2; a moment that never varies is capped, not infinite.
  assert.deepEqual(momentWeights([0.01, 0, 0], [0.04, 2, 0], 4), [50, 2, 1e12]);
  assert.throws(() => momentWeights([-1], [0], 1), /non-negative/);
});
