import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng, type Rng } from "../../lib/rng.js";
import { arFit } from "../../lib/stats/arFit.js";
import { blockBootstrap, bootstrapBlock } from "../../lib/stats/blockBootstrap.js";
import { effectiveSampleSize } from "../../lib/stats/effectiveSampleSize.js";
import { neweyWest, neweyWestLags } from "../../lib/stats/neweyWest.js";
import { pearson } from "../../lib/stats/pearson.js";
import { near } from "../support/approx.js";
import { REAL_GDP_GROWTH, UNEMPLOYMENT, UNEMPLOYMENT_GROWTH, WAGE_INFLATION } from "./fixtures.js";

// Reference values: statsmodels 0.13.5 / scipy 1.10.1 (test/stats/statsmodels-reference.py).

test("neweyWest equals statsmodels' OLS HAC fit (use_correction, use_t) for lags 0–3", () => {
  assert.equal(neweyWestLags(19), 2);
  assert.equal(neweyWestLags(100), 4);
  const expected: [number, number, number][] = [
    [-0.8450650024391091, 0.2270083835374382, 0.0016926371874758821],
    [-0.8450650024391091, 0.25382173839057504, 0.003970165033829508],
    [-0.8450650024391091, 0.24003894032536033, 0.002624551603978968],
    [-0.8450650024391091, 0.2132476713472848, 0.0010049827708175831],
  ];
  expected.forEach(([slope, se, p], lags) => {
    const fit = neweyWest(UNEMPLOYMENT, WAGE_INFLATION, lags);
    near(fit.slope, slope, 1e-12);
    near(fit.se, se, 1e-12);
    near(fit.p, p, 1e-9);
    assert.equal(fit.lags, lags);
  });
  const okun = neweyWest(UNEMPLOYMENT_GROWTH, REAL_GDP_GROWTH);
  assert.equal(okun.lags, 2);
  near(okun.slope, -0.11482315395868839, 1e-12);
  near(okun.se, 0.03186121355157133, 1e-12);
  near(okun.p, 0.00219050525738724, 1e-9);
  assert.deepEqual(neweyWest([1, 1, 1], [1, 2, 3]), { slope: null, se: null, p: null, lags: 1 });
  assert.throws(() => neweyWest([1, 2, 3], [1, 2, 3], -1), /lags must be an integer ≥ 0, got -1/);
});

test("effectiveSampleSize follows Pyper–Peterman with statsmodels' acf; clipped to n", () => {
  const phillips = effectiveSampleSize(UNEMPLOYMENT, WAGE_INFLATION);
  near(phillips.n_eff, 7.862472537896527, 1e-10);
  near(phillips.p_eff, 0.174732427606779, 1e-8);
  // Okun's series are nearly white noise: 1 + 2Σ < 1, so n_eff is clipped to n and p_eff is the naive p.
  const okun = effectiveSampleSize(UNEMPLOYMENT_GROWTH, REAL_GDP_GROWTH);
  assert.equal(okun.n_eff, 19);
  near(okun.p_eff, pearson(UNEMPLOYMENT_GROWTH, REAL_GDP_GROWTH).p!, 1e-15);
  near(okun.p_eff, 1.7809052715239423e-6, 1e-12);
  // By hand: n = 5, K = 1, ρ(1) = 0.4 for both (see the autocorrelation test): n_eff = 5 / (1 + 2·0.16); r = 1 gives p = 0.
  const line = effectiveSampleSize([1, 2, 3, 4, 5], [3, 5, 7, 9, 11]);
  near(line.n_eff, 5 / 1.32, 1e-12);
  assert.equal(line.p_eff, 0);
  assert.deepEqual(effectiveSampleSize([1, 1, 1, 1], [1, 2, 3, 4]), { n_eff: null, p_eff: null });
});

test("effectiveSampleSize clips at 3 and gives n when 1 + 2Σ ≤ 0", () => {
  // Two alternating series: ρ(1) ≈ −0.9, ρ(2) ≈ 0.8 in both, 10 / (1 + 2Σ) = 2.619 (statsmodels' acf) → 3, and
  // r = 0.99105 tested on one degree of freedom (statsmodels-reference.py, "n_eff alternating").
  const alternating = effectiveSampleSize([1, -1, 1, -1, 1, -1, 1, -1, 1, -1], [1, -1, 1, -1, 1, -1, 1, -1, 1.5, -1]);
  assert.equal(alternating.n_eff, 3);
  near(alternating.p_eff, 0.08523149760305083, 1e-9);
  // By hand: n = 8, K = 1, ρx(1) = −7/8 (alternating), ρy(1) = 26.25/42 = 0.625 (1…8): 1 + 2Σ = −0.09375 ≤ 0, so
  // n_eff = n and p_eff is the naive p of r = −4/√(8·42) (scipy: 0.6036450565101367).
  const mixed = effectiveSampleSize([1, -1, 1, -1, 1, -1, 1, -1], [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(mixed.n_eff, 8);
  near(mixed.p_eff, 0.6036450565101367, 1e-9);
});

/** A generator that replays fixed uniforms (to resample by hand). */
function replay(values: number[]): Rng {
  const rng = createRng(0);
  let i = 0;
  rng.next = () => values[i++ % values.length];
  rng.int = (n) => Math.floor(rng.next() * n);
  return rng;
}

test("blockBootstrap resamples blocks of consecutive pairs, by hand", () => {
  assert.equal(bootstrapBlock(19), 3);
  assert.equal(bootstrapBlock(8), 2);
  assert.equal(bootstrapBlock(9), 3);
  const x = [1, 2, 3, 4, 5, 6];
  const y = [2, 1, 4, 3, 6, 5];
  // n = 6, block 2: starts uniform on 0..4. Uniforms 0, 0.5, 0.9 → starts 0, 2, 4 → the original series.
  const one = blockBootstrap(x, y, replay([0, 0.5, 0.9]), 1, 2);
  near(one.ci95![0], pearson(x, y).r!);
  near(one.ci95![1], pearson(x, y).r!);
  // Starts 4, 4, 0 → x = (5, 6, 5, 6, 1, 2), y = (6, 5, 6, 5, 2, 1).
  const two = blockBootstrap(x, y, replay([0.9, 0.9, 0.1]), 1, 2);
  near(two.ci95![0], pearson([5, 6, 5, 6, 1, 2], [6, 5, 6, 5, 2, 1]).r!);
  assert.deepEqual([two.block, two.draws], [2, 1]);
  // A block as long as the series always redraws the series itself.
  const whole = blockBootstrap(x, y, createRng(1), 50, 6);
  assert.deepEqual(whole.ci95, [pearson(x, y).r, pearson(x, y).r]);
});

test("blockBootstrap is deterministic per seed, counts defined draws, and brackets r", () => {
  const a = blockBootstrap(UNEMPLOYMENT, WAGE_INFLATION, createRng("1/bootstrap/phillips"));
  const b = blockBootstrap(UNEMPLOYMENT, WAGE_INFLATION, createRng("1/bootstrap/phillips"));
  assert.deepEqual(a, b);
  assert.deepEqual([a.block, a.draws], [3, 2000]);
  const r = pearson(UNEMPLOYMENT, WAGE_INFLATION).r!;
  assert.ok(a.ci95![0] < r && r < a.ci95![1], `${r} outside ${a.ci95}`);
  assert.notDeepEqual(blockBootstrap(UNEMPLOYMENT, WAGE_INFLATION, createRng("2/bootstrap/phillips")).ci95, a.ci95);
  // A resample of a series with a single distinct value in a block of 1 can be constant: not counted.
  const sparse = blockBootstrap([0, 0, 0, 1], [1, 2, 3, 4], createRng(3), 200, 1);
  assert.ok(sparse.draws < 200 && sparse.draws > 0);
  assert.throws(() => blockBootstrap([1, 2, 3], [1, 2, 3], createRng(1), 0), /draws must be a positive integer, got 0/);
  assert.throws(() => blockBootstrap([1, 2, 3], [1, 2, 3], createRng(1), 10, 4), /block must be an integer in \[1, 3\], got 4/);
});

test("arFit gives statsmodels' AutoReg estimates and OLS standard errors", () => {
  const ar1 = arFit(WAGE_INFLATION, 1);
  near(ar1.intercept, 0.01818140478855525, 1e-12);
  near(ar1.coefficients[0], 0.6624386912106881, 1e-12);
  near(ar1.se[0], 0.1713586037079188, 1e-12);
  assert.equal(ar1.n, 18);
  const ar2 = arFit(WAGE_INFLATION, 2);
  near(ar2.intercept, -0.0022216720482393427, 1e-12);
  near(ar2.coefficients[0], 1.1345521134160923, 1e-12);
  near(ar2.coefficients[1], -0.35839765104578836, 1e-12);
  near(ar2.se[0], 0.11891046433046355, 1e-12);
  near(ar2.se[1], 0.11262692348328544, 1e-12);
  assert.throws(() => arFit([1, 2, 3], 1), /needs more than 3 values, got 3/);
  assert.throws(() => arFit([1, 2, 3, 4, 5], 0), /order must be a positive integer, got 0/);
});
