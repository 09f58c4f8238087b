import { test } from "node:test";
import assert from "node:assert/strict";
import { annualBand, seedStatistics, summarizeSeeds, type SeedRun } from "../../lib/analysis/acrossSeeds.js";
import { okunsLaw, okunsLawPp, phillipsCurve } from "../../lib/analysis/index.js";
import { near } from "../support/approx.js";
import { row } from "../support/annualRows.js";

/** Three seeds of a 3-year run; seed 3 leaves year-2 inflation undefined. */
const runs: SeedRun[] = [
  { seed: 1, annual: [row({ year: 2001, unemployment_rate: 0.02 }), row({ year: 2002, unemployment_rate: 0.04, price_inflation: 0.1 }), row({ year: 2003, unemployment_rate: 0.06, price_inflation: -0.2 })] },
  { seed: 2, annual: [row({ year: 2001, unemployment_rate: 0.03 }), row({ year: 2002, unemployment_rate: 0.05, price_inflation: 0.3 }), row({ year: 2003, unemployment_rate: 0.01, price_inflation: 0.0 })] },
  { seed: 3, annual: [row({ year: 2001, unemployment_rate: 0.07 }), row({ year: 2002, unemployment_rate: 0.02, price_inflation: null }), row({ year: 2003, unemployment_rate: 0.03, price_inflation: 0.2 })] },
];

test("annualBand: per-year median and quantile edges across seeds", () => {
  const band = annualBand(runs, "unemployment_rate");
  assert.deepEqual(band.years, [2001, 2002, 2003]);
  assert.deepEqual(band.coverage, [0.1, 0.9]);
  assert.equal(band.seeds, 3);
  // year 2001: sorted 0.02, 0.03, 0.07 → median 0.03; q10 = 0.02 + 0.2·0.01; q90 = 0.03 + 0.8·0.04
  near(band.median[0], 0.03);
  near(band.lower[0], 0.022);
  near(band.upper[0], 0.062);
  const minMax = annualBand(runs, "unemployment_rate", [0, 1]);
  near(minMax.lower[2], 0.01);
  near(minMax.upper[2], 0.06);
  near(minMax.median[2], 0.03);
});

test("annualBand: undefined years use the seeds that define them; none gives null", () => {
  const band = annualBand(runs, "price_inflation", [0, 1]);
  assert.deepEqual([band.median[0], band.lower[0], band.upper[0]], [null, null, null]);
  near(band.median[1], 0.2); // seeds 1 and 2 only
  near(band.lower[1], 0.1);
  near(band.upper[1], 0.3);
  near(band.median[2], 0);
});

test("annualBand rejects no runs, mismatched years and bad coverage", () => {
  assert.throws(() => annualBand([], "unemployment_rate"), /at least one run/);
  const short: SeedRun = { seed: 9, annual: runs[0].annual.slice(0, 2) };
  assert.throws(() => annualBand([runs[0], short], "unemployment_rate"), /seed 9 covers different years/);
  assert.throws(() => annualBand(runs, "unemployment_rate", [0.9, 0.1]), /coverage/);
});

test("seedStatistics matches phillipsCurve/okunsLaw/okunsLawPp per seed", () => {
  const annual = [0.05, 0.06, 0.04, 0.07, 0.03, 0.05].map((u, k) =>
    row({
      year: 2001 + k,
      unemployment_rate: u,
      wage_inflation: k === 0 ? null : 0.02 + 0.1 * u * ((k % 2) + 1),
      real_gdp_growth: k === 0 ? null : 0.03 - u + 0.001 * k,
      unemployment_growth: k === 0 ? null : u / [0.05, 0.06, 0.04, 0.07, 0.03][k - 1] - 1,
    }),
  );
  const [s] = seedStatistics([{ seed: "a", annual }]);
  assert.equal(s.seed, "a");
  assert.equal(s.n, 5);
  assert.equal(s.phillips_r, phillipsCurve(annual).r);
  assert.equal(s.phillips_p, phillipsCurve(annual).p);
  assert.equal(s.okun_r, okunsLaw(annual).r);
  assert.equal(s.okun_pp_r, okunsLawPp(annual).r);
  assert.equal(s.okun_pp_p, okunsLawPp(annual).p);
});

test("summarizeSeeds pools indicator ranges in percent over seed-years", () => {
  const s = summarizeSeeds(runs);
  assert.equal(s.seeds, 3);
  // inflation values 0.1, -0.2, 0.3, 0, 0.2 (year 1 and one null skipped): mean 0.08
  near(s.inflation_mean_pct, 8);
  near(s.inflation_min_pct, -20);
  near(s.inflation_max_pct, 30);
  near(s.unemployment_min_pct, 1);
  near(s.unemployment_max_pct, 7);
  // two defined years per seed are too few for a correlation: r undefined, no seed counted as positive
  assert.equal(s.phillips_r_mean, null);
  assert.equal(s.phillips_r_positive_share, 0);
  assert.throws(() => summarizeSeeds([]), /at least one run/);
});
