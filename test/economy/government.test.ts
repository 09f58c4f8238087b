/** The government's month (eq. 1 with redistribution, and a scenario's basic income), by hand. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { payBasicIncome, taxAndRedistribute } from "../../lib/economy/government.js";
import { progressiveTax } from "../../lib/economy/incomeTax.js";
import { redistributionScheme } from "../../lib/economy/redistribution.js";
import { allocateState } from "../../lib/economy/state.js";
import { near } from "../support/approx.js";

const economy = (incomes: number[], savings: number[]) => {
  const s = allocateState(incomes.length, 10, 0.03, new Float64Array(9));
  s.income.set(incomes);
  s.savings.set(savings);
  return s;
};

test("eq. 1 with the equal split: taxes T(z_i), revenue ΣT back as R = ΣT/N, s_i += z_i − T_i + R", () => {
  // Two brackets: 10 % up to 1000, 30 % above. T(0) = 0, T(1000) = 100, T(3000) = 100 + 0.3·2000 = 700.
  const taxOf = progressiveTax({ cutoffs: [0, 1000], rates: [0.1, 0.3] });
  const s = economy([0, 1000, 3000], [50, 50, 50]);
  s.yearIncome.set([1, 2, 3]);
  const net = new Float64Array(3);
  const revenue = taxAndRedistribute(s, taxOf, redistributionScheme("equal", 1), net);
  near(revenue, 800, 1e-9);
  assert.deepEqual([...s.tax].map((t) => Math.round(t * 1e9) / 1e9), [0, 100, 700]);
  for (const r of s.transfer) near(r, 800 / 3, 1e-9);
  assert.deepEqual([...net].map((x) => Math.round(x * 1e9) / 1e9), [0, 900, 2300]);
  near(s.savings[0], 50 + 800 / 3, 1e-9);
  near(s.savings[1], 50 + 900 + 800 / 3, 1e-9);
  near(s.savings[2], 50 + 2300 + 800 / 3, 1e-9);
  near(s.yearIncome[2], 3 + 2300 + 800 / 3, 1e-9);
  const paid = s.transfer.reduce((a, b) => a + b, 0);
  near(paid, revenue, 1e-9); // tax collected = transfers paid
});

test("a basic income is paid to everyone on top, counted as a transfer; 0 pays nothing", () => {
  const s = economy([0, 0], [10, 20]);
  s.transfer.set([5, 5]);
  payBasicIncome(s, 0);
  assert.deepEqual([...s.savings], [10, 20]);
  payBasicIncome(s, 1200);
  assert.deepEqual([...s.savings], [1210, 1220]);
  assert.deepEqual([...s.transfer], [1205, 1205]);
  assert.deepEqual([...s.yearIncome], [1200, 1200]);
});
