import { test } from "node:test";
import assert from "node:assert/strict";
import { hpFilter } from "../../lib/stats/hpFilter.js";
import { near } from "../support/approx.js";
import { readCsv } from "../../lib/calibration/files.js";

// Reference values: statsmodels 0.13.5 hpfilter (test/stats/statsmodels-reference.py).
const SHORT = Object.freeze([2.1, 3.4, 2.9, 4.8, 5.5, 5.1, 6.9, 7.2, 6.4, 8.8, 9.1, 8.7]);

test("hpFilter's trend agrees with statsmodels to 1e-8 (λ = 1,600, 12 values)", () => {
  const expected = [2.438595836777517, 3.071265661162837, 3.7037238631501705, 4.3359642793033055, 4.967478418771559, 5.598047813029683, 6.227786819540695, 6.856498515884467, 7.484406112878661, 8.111947509768509, 8.738882851978696, 9.365402317740296];
  const { trend, cycle } = hpFilter(SHORT, 1600);
  expected.forEach((v, t) => near(trend[t], v, 1e-8));
  cycle.forEach((c, t) => near(c + trend[t], SHORT[t], 1e-12));
});

test("hpFilter's cycle agrees with statsmodels to 1e-8 (λ = 100) and on three values", () => {
  const expected = [-0.2719040945485163, 0.3640804636648527, -0.7972159371762926, 0.44328493923688317, 0.492633488584981, -0.5465527428437706, 0.6234174563530077, 0.30570082500612816, -1.1027800726171204, 0.6918403195004785, 0.39445535810231824, -0.5969600032632112];
  hpFilter(SHORT, 100).cycle.forEach((c, t) => near(c, expected[t], 1e-8));
  [2.147540983606557, 2.704918032786886, 3.1475409836065587].forEach((v, t) => near(hpFilter([1, 5, 2], 10).trend[t], v, 1e-8));
});

test("hpFilter of US real GDP (100·log GDPC1, 2001Q1–2020Q4) agrees with statsmodels", () => {
  const gdp = readCsv("us_quarterly_2000_2020.csv", ["date", "GDPC1", "PCECC96"]).slice(4).map((r) => 100 * Math.log(r.number("GDPC1")));
  assert.equal(gdp.length, 80);
  const { cycle } = hpFilter(gdp, 1600);
  near(cycle[0], 1.0511358895865897, 1e-8);
  near(cycle[31], -1.0969807982140765, 1e-8); // 2008Q4
  near(cycle[32], -2.4227896526793984, 1e-8); // 2009Q1
  near(cycle[79], -0.028131169721063998, 1e-8);
  near(cycle.reduce((s, c) => s + c * c, 0), 156.42809300784282, 1e-7);
});

test("hpFilter invariants: a line is its own trend, λ = 0 keeps the data, the cycle sums to zero", () => {
  const line = Array.from({ length: 30 }, (_, t) => 3 + 0.5 * t);
  hpFilter(line, 1600).cycle.forEach((c) => near(c, 0, 1e-9));
  hpFilter(SHORT, 0).trend.forEach((v, t) => near(v, SHORT[t], 1e-12));
  // The first-order conditions give Σ cycle = 0 and Σ t·cycle = 0 (KᵀK annihilates constants and lines).
  const { cycle } = hpFilter(SHORT, 1600);
  near(cycle.reduce((s, c) => s + c, 0), 0, 1e-10);
  near(cycle.reduce((s, c, t) => s + t * c, 0), 0, 1e-9);
});

test("hpFilter rejects bad input with the problem named", () => {
  assert.throws(() => hpFilter([1, 2], 1600), /at least 3 values, got 2/);
  assert.throws(() => hpFilter([1, 2, 3], -1), /lambda must be a finite number ≥ 0, got -1/);
  assert.throws(() => hpFilter([1, NaN, 3], 10), /y\[1\] is not finite/);
});
