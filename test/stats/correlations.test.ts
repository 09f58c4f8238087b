import { test } from "node:test";
import assert from "node:assert/strict";
import { autocorrelation } from "../../lib/stats/autocorrelation.js";
import { crossCorrelations, laggedCorrelation } from "../../lib/stats/laggedCorrelation.js";
import { ranks, spearman } from "../../lib/stats/spearman.js";
import { near } from "../support/approx.js";
import { REAL_GDP_GROWTH, UNEMPLOYMENT, UNEMPLOYMENT_GROWTH, WAGE_INFLATION } from "./fixtures.js";

test("autocorrelation by hand and against statsmodels' acf", () => {
  // x − x̄ = (−2, −1, 0, 1, 2): c0 = 10, c1 = 4, c2 = −1.
  assert.deepEqual(autocorrelation([1, 2, 3, 4, 5], 2), [1, 0.4, -0.1]);
  const expected = [1.0, 0.7622564008270538, 0.5420499790377578, 0.26976266551212796];
  autocorrelation(UNEMPLOYMENT, 3).forEach((v, k) => near(v, expected[k], 1e-12));
  assert.throws(() => autocorrelation([2, 2, 2], 1), /constant/);
  assert.throws(() => autocorrelation([1, 2, 3], 3), /maxLag must be an integer in \[0, 2\], got 3/);
});

test("laggedCorrelation pairs x at t with y at t + k", () => {
  near(laggedCorrelation([1, 2, 3, 4, 5], [0, 1, 2, 3, 5], 1), 0.9827076298239908); // corr([1,2,3,4], [1,2,3,5])
  near(laggedCorrelation([0, 1, 2, 3, 5], [1, 2, 3, 4, 5], -1), 0.9827076298239908); // the same pairs, seen from y
  const x = [0, 1, 0, -1, 0, 1, 0, -1, 0, 1, 0, -1];
  const lagged = [0, 0, 1, 0, -1, 0, 1, 0, -1, 0, 1, 0]; // x delayed by one period
  const xc = crossCorrelations(x, lagged, 2);
  assert.equal(xc.length, 5);
  near(xc[3], 1); // k = +1: the series lags x by one
  assert.throws(() => laggedCorrelation([1, 2, 3, 4], [1, 2, 3, 4], 2), /at least 3 pairs of 4, got 2/);
});

test("spearman equals scipy's spearmanr, ties included", () => {
  assert.deepEqual(ranks([10, 30, 20, 20]), [1, 4, 2.5, 2.5]);
  const phillips = spearman(UNEMPLOYMENT, WAGE_INFLATION);
  near(phillips.rho, -0.38070175438596493, 1e-12);
  near(phillips.p, 0.10783179176413266, 1e-8);
  const okun = spearman(UNEMPLOYMENT_GROWTH, REAL_GDP_GROWTH);
  near(okun.rho, -0.9596491228070174, 1e-12);
  near(okun.p, 8.502425115286678e-11, 1e-15);
  const ties = spearman([1, 2, 2, 3, 5, 5, 5], [3, 1, 4, 1, 5, 9, 2]);
  near(ties.rho, 0.3870681424252975, 1e-12);
  near(ties.p, 0.39099030889922587, 1e-8);
  const example = spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]);
  near(example.rho, 0.8207826816681233, 1e-12);
  near(example.p, 0.08858700531354381, 1e-8);
  assert.deepEqual(spearman([1, 1, 1], [1, 2, 3]), { rho: null, p: null });
});
