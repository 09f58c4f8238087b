import assert from "node:assert/strict";
import { test } from "node:test";
import { taxSchedule } from "../../lib/calibration/tax.js";
import { incomeTax } from "../../lib/economy/incomeTax.js";

// T(z) by hand on the 2019 monthly schedule (docs/model.md §1): cutoffs [0, 808.33, 3289.58, 7016.67, 13393.75,
// 17008.33, 42525], rates 10/12/22/24/32/35/37 %. E.g. T(2000) = 0.10·808.33 + 0.12·(2000 − 808.33) = 223.8334.
const HAND: [number, number][] = [
  [0, 0],
  [500, 50],
  [808.33, 80.833],
  [2000, 223.8334],
  [3289.58, 378.583],
  [5000, 754.8754],
  [7016.67, 1198.5428],
  [10000, 1914.542],
  [13393.75, 2729.042],
  [15000, 3243.042],
  [17008.33, 3885.7076],
  [20000, 4932.7921],
  [42525, 12816.5421],
  [50000, 15582.2921],
  [100000, 34082.2921],
];

test("incomeTax: hand-computed T(z) at 0, inside every bracket and at every cutoff (2019)", () => {
  const schedule = taxSchedule(2019);
  for (const [income, tax] of HAND) {
    assert.ok(Math.abs(incomeTax(income, schedule) - tax) < 1e-9, `T(${income}) = ${incomeTax(income, schedule)}, expected ${tax}`);
  }
});

test("incomeTax: the marginal rate above the top cutoff is 37 %", () => {
  const schedule = taxSchedule(2019);
  assert.ok(Math.abs(incomeTax(60000, schedule) - incomeTax(50000, schedule) - 3700) < 1e-9);
});

test("incomeTax: 2022 brackets are wider, so the same income pays less", () => {
  // 2022: first cutoff 10275/12 = 856.25, so T(856.25) = 85.625 exactly.
  assert.ok(Math.abs(incomeTax(856.25, taxSchedule(2022)) - 85.625) < 1e-9);
  assert.ok(incomeTax(10000, taxSchedule(2022)) < incomeTax(10000, taxSchedule(2019)));
  assert.ok(incomeTax(10000, taxSchedule(2018)) > incomeTax(10000, taxSchedule(2019)));
});
