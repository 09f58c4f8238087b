import { test } from "node:test";
import assert from "node:assert/strict";
import { okunsLaw } from "../../lib/analysis/okunsLaw.js";
import { near } from "../support/approx.js";
import { row } from "../support/annualRows.js";

test("okunsLaw correlates unemployment growth with real GDP growth, skipping undefined years", () => {
  const annual = [
    row({ year: 1, unemployment_growth: 9, real_gdp_growth: 9 }),
    row({ year: 2, unemployment_growth: -0.2, real_gdp_growth: 0.01 }),
    row({ year: 3, unemployment_growth: 0.5, real_gdp_growth: -0.02 }),
    row({ year: 4, unemployment_growth: null, real_gdp_growth: -0.015 }), // growth from a zero base
    row({ year: 5, unemployment_growth: -0.6, real_gdp_growth: 0.03 }),
    row({ year: 6, unemployment_growth: 0.7, real_gdp_growth: -0.03 }),
  ];
  const okun = okunsLaw(annual);
  // By hand: Sxy = -0.044, Sxx = 0.968, slope = -1/22, intercept = 0.0045/2.2; r, p and interval by mpmath.
  near(okun.r, -0.99950037468777319);
  near(okun.p, 0.00049962531222680848);
  assert.equal(okun.n, 4);
  assert.ok(okun.ci95);
  near(okun.ci95[0], -0.99999008374471499);
  near(okun.ci95[1], -0.97512740240769214);
  near(okun.slope, -1 / 22);
  near(okun.intercept, 0.0020454545454545451);
  assert.deepEqual(okun.years, [2, 3, 5, 6]);
  assert.deepEqual(okun.x, [-0.2, 0.5, -0.6, 0.7]);
});

test("okunsLaw on the US series 2001–2020 (unemployment-rate growth vs real GDP growth)", () => {
  const unemployment = [
    4.74, 5.78, 5.99, 5.54, 5.08, 4.61, 4.62, 5.8, 9.28, 9.61, 8.93, 8.08, 7.36, 6.16, 5.28, 4.88, 4.36, 3.89,
    3.68, 8.1,
  ];
  const gdpGrowth = [
    0.96, 1.7, 2.8, 3.85, 3.48, 2.78, 2.0, 0.11, -2.58, 2.7, 1.56, 2.29, 2.12, 2.52, 2.95, 1.82, 2.46, 2.97,
    2.58, -2.08,
  ];
  const annual = unemployment.map((u, i) =>
    row({
      year: 2001 + i,
      unemployment_growth: i === 0 ? null : u / unemployment[i - 1] - 1,
      real_gdp_growth: gdpGrowth[i] / 100,
    }),
  );
  const okun = okunsLaw(annual);
  near(okun.r, -0.87066061426710526);
  near(okun.p, 1.2448357867270034e-6, 1e-12);
  assert.equal(okun.n, 19);
  near(okun.slope, -0.044534864639914939);
});

test("okunsLaw rejects an empty run", () => {
  assert.throws(() => okunsLaw([]), /at least one annual row/);
});
