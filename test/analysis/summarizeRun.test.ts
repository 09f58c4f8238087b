import { test } from "node:test";
import assert from "node:assert/strict";
import { summarizeRun } from "../../lib/analysis/summarizeRun.js";
import { near } from "../support/approx.js";
import { row } from "../support/annualRows.js";
import { robustInference } from "../../lib/analysis/robustInference.js";
import { phillipsCurve } from "../../lib/analysis/phillipsCurve.js";

// Columns: year, unemployment rate, wage inflation, price inflation, unemployment growth, real GDP growth.
const table: [number, number, number | null, number | null, number | null, number | null][] = [
  [1, 0.05, null, null, null, null],
  [2, 0.04, 0.03, 0.02, -0.2, 0.01],
  [3, 0.06, 0.02, 0.01, 0.5, -0.02],
  [4, 0.08, 0.01, -0.005, null, -0.015],
  [5, 0.03, 0.04, 0.03, -0.6, 0.03],
  [6, 0.05, 0.025, 0.015, 0.7, -0.03],
];
const annual = table.map(([year, u, wage, price, uGrowth, gdpGrowth]) =>
  row({
    year,
    unemployment_rate: u,
    wage_inflation: wage,
    price_inflation: price,
    unemployment_growth: uGrowth,
    real_gdp_growth: gdpGrowth,
  }),
);

test("summarizeRun gives the Phillips and Okun statistics and indicator ranges", () => {
  const summary = summarizeRun(Object.freeze(annual));
  near(summary.phillips.r, -0.98810492932246389);
  near(summary.phillips.p, 0.0015545617749479739);
  assert.equal(summary.phillips.n, 5);
  near(summary.okun.r, -0.99950037468777319);
  assert.equal(summary.okun.n, 4);
  // Unemployment changes −1, +2, +2, −5, +2 pp against real GDP growth 1, −2, −1.5, 3, −3 %.
  near(summary.okun_pp.r, -0.9602859588721568);
  assert.equal(summary.okun_pp.n, 5);
  assert.deepEqual(summary.price_inflation, { min: -0.005, max: 0.03, mean: summary.price_inflation.mean });
  near(summary.price_inflation.mean, 0.014);
  assert.equal(summary.wage_inflation.min, 0.01);
  assert.equal(summary.wage_inflation.max, 0.04);
  near(summary.wage_inflation.mean, 0.025);
  // Year 1 counts for the unemployment rate, which is defined every year.
  assert.equal(summary.unemployment_rate.min, 0.03);
  assert.equal(summary.unemployment_rate.max, 0.08);
  near(summary.unemployment_rate.mean, 0.31 / 6);
  assert.equal(summary.real_gdp_growth.min, -0.03);
  assert.equal(summary.years, 6);
});

test("summarizeRun has a stable key order and serialises identically", () => {
  const summary = summarizeRun(annual);
  assert.deepEqual(Object.keys(summary), [
    "phillips", "okun", "okun_pp", "price_inflation", "wage_inflation", "unemployment_rate", "real_gdp_growth", "years",
  ]);
  assert.deepEqual(Object.keys(summary.phillips), ["r", "p", "n", "ci95", "slope", "intercept"]);
  assert.deepEqual(Object.keys(summary.okun), ["r", "p", "n", "ci95", "slope", "intercept"]);
  const copy = annual.map((r) => ({ ...r }));
  assert.equal(JSON.stringify(summarizeRun(copy)), JSON.stringify(summary));
});

test("summarizeRun of a one-year run is all nulls where undefined, never NaN", () => {
  const summary = summarizeRun([row({ year: 1, unemployment_rate: 0.1 })]);
  assert.deepEqual(summary, {
    phillips: { r: null, p: null, n: 0, ci95: null, slope: null, intercept: null },
    okun: { r: null, p: null, n: 0, ci95: null, slope: null, intercept: null },
    okun_pp: { r: null, p: null, n: 0, ci95: null, slope: null, intercept: null },
    price_inflation: { min: null, max: null, mean: null },
    wage_inflation: { min: null, max: null, mean: null },
    unemployment_rate: { min: 0.1, max: 0.1, mean: 0.1 },
    real_gdp_growth: { min: null, max: null, mean: null },
    years: 1,
  });
  assert.ok(!JSON.stringify(summary).includes("NaN"));
});

test("summarizeRun rejects an empty run", () => {
  assert.throws(() => summarizeRun([]), /at least one annual row/);
});

test("summarizeRun with the run's seed adds the robust fields after the unchanged naive ones", async () => {
  const naive = summarizeRun(annual);
  const summary = summarizeRun(annual, 7);
  for (const name of ["phillips", "okun", "okun_pp"] as const) {
    assert.deepEqual(Object.keys(summary[name]), ["r", "p", "n", "ci95", "slope", "intercept", "spearman", "hac", "n_eff", "p_eff", "bootstrap"]);
    const { r, p, n, ci95, slope, intercept } = summary[name];
    assert.deepEqual({ r, p, n, ci95, slope, intercept }, naive[name]);
  }
  const phillips = phillipsCurve(annual);
  assert.deepEqual(
    (({ spearman, hac, n_eff, p_eff, bootstrap }) => ({ spearman, hac, n_eff, p_eff, bootstrap }))(summary.phillips),
    robustInference(phillips.x, phillips.y, 7, "phillips"),
  );
  // Unemployment 0.04, 0.06, 0.08, 0.03, 0.05 against wage inflation 0.03, 0.02, 0.01, 0.04, 0.025: ranks are exactly reversed.
  assert.deepEqual(summary.phillips.spearman, { rho: -1, p: 0 });
  assert.equal(summary.phillips.hac!.lags, 2); // floor(4·(5/100)^(2/9)) = floor(2.06)
  assert.deepEqual([summary.phillips.bootstrap!.block, summary.phillips.bootstrap!.draws <= 2000], [2, true]);
  assert.equal(JSON.stringify(summarizeRun(annual, 7)), JSON.stringify(summary));
});

test("summarizeRun's robust fields are null for an undefined relation", () => {
  const one = summarizeRun([row({ year: 1, unemployment_rate: 0.1 })], 1);
  assert.deepEqual(one.phillips.spearman, { rho: null, p: null });
  assert.deepEqual(one.phillips.hac, { slope: null, se: null, p: null, lags: 0 });
  assert.equal(one.phillips.n_eff, null);
  assert.equal(one.phillips.p_eff, null);
  assert.deepEqual(one.phillips.bootstrap, { ci95: null, block: 1, draws: 0 });
});
