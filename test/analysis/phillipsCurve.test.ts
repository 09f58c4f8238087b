import { test } from "node:test";
import assert from "node:assert/strict";
import { phillipsCurve } from "../../lib/analysis/phillipsCurve.js";
import { near } from "../support/approx.js";
import { row } from "../support/annualRows.js";

const unemployment = [
  4.74, 5.78, 5.99, 5.54, 5.08, 4.61, 4.62, 5.8, 9.28, 9.61, 8.93, 8.08, 7.36, 6.16, 5.28, 4.88, 4.36, 3.89,
  3.68, 8.1,
];
const aheGrowth = [
  3.77, 2.92, 2.67, 2.1, 2.75, 3.88, 3.99, 3.78, 2.99, 2.39, 2.03, 1.48, 2.07, 2.31, 2.08, 2.44, 2.34, 2.98, 3.54,
  5.03,
];

test("phillipsCurve correlates unemployment with wage inflation over years 2..Y", () => {
  // Year 1's wage inflation is set (it would be null in a run) to prove the first row is skipped.
  const annual = [
    row({ year: 1, unemployment_rate: 0.05, wage_inflation: 0.5 }),
    row({ year: 2, unemployment_rate: 0.04, wage_inflation: 0.03 }),
    row({ year: 3, unemployment_rate: 0.06, wage_inflation: 0.02 }),
    row({ year: 4, unemployment_rate: 0.08, wage_inflation: 0.01 }),
    row({ year: 5, unemployment_rate: 0.03, wage_inflation: 0.04 }),
    row({ year: 6, unemployment_rate: 0.05, wage_inflation: 0.025 }),
  ];
  const phillips = phillipsCurve(annual);
  // mpmath: Sxy = -0.00085, Sxx = 0.00148, Syy = 0.0005
  near(phillips.r, -0.98810492932246389);
  near(phillips.p, 0.0015545617749479739);
  assert.equal(phillips.n, 5);
  assert.ok(phillips.ci95);
  near(phillips.ci95[0], -0.99925180559721297);
  near(phillips.ci95[1], -0.82539181782287895);
  near(phillips.slope, -0.85 / 1.48);
  near(phillips.intercept, 0.054864864864864865);
  assert.deepEqual(phillips.x, [0.04, 0.06, 0.08, 0.03, 0.05]);
  assert.deepEqual(phillips.y, [0.03, 0.02, 0.01, 0.04, 0.025]);
  assert.deepEqual(phillips.years, [2, 3, 4, 5, 6]);
});

test("phillipsCurve on the US series 2001–2020 uses 2002–2020 (n = 19)", () => {
  const annual = unemployment.map((u, i) =>
    row({ year: 2001 + i, unemployment_rate: u / 100, wage_inflation: i === 0 ? null : aheGrowth[i] / 100 }),
  );
  const phillips = phillipsCurve(Object.freeze(annual));
  near(phillips.r, -0.1972667087616647);
  near(phillips.p, 0.4182326317121622);
  assert.equal(phillips.n, 19);
  near(phillips.slope, -0.093144316223101583);
  near(phillips.intercept, 0.034037199646099778);
  assert.equal(phillips.years[0], 2002);
  assert.equal(phillips.years[18], 2020);
});

test("phillipsCurve drops years with an undefined indicator", () => {
  const annual = [
    row({ year: 1, unemployment_rate: 0.1 }),
    row({ year: 2, unemployment_rate: 0.04, wage_inflation: 0.03 }),
    row({ year: 3, unemployment_rate: 0.9, wage_inflation: null }),
    row({ year: 4, unemployment_rate: 0.06, wage_inflation: 0.02 }),
    row({ year: 5, unemployment_rate: 0.08, wage_inflation: 0.01 }),
  ];
  const phillips = phillipsCurve(annual);
  assert.deepEqual(phillips.years, [2, 4, 5]);
  near(phillips.r, -1);
  assert.equal(phillips.ci95, null);
});

test("phillipsCurve of a short run or constant unemployment is undefined, not an error", () => {
  const short = phillipsCurve([
    row({ year: 1, unemployment_rate: 0.05 }),
    row({ year: 2, unemployment_rate: 0.04, wage_inflation: 0.01 }),
  ]);
  assert.deepEqual(short, {
    r: null, p: null, n: 1, ci95: null, slope: null, intercept: null, x: [0.04], y: [0.01], years: [2],
  });
  const years = [1, 2, 3, 4, 5];
  const flat = phillipsCurve(years.map((year) => row({ year, unemployment_rate: 0, wage_inflation: year / 100 })));
  assert.equal(flat.n, 4);
  assert.equal(flat.r, null);
  assert.equal(flat.p, null);
  assert.equal(flat.slope, null);
});

test("phillipsCurve rejects an empty run", () => {
  assert.throws(() => phillipsCurve([]), /at least one annual row/);
});
