/** The labor market (eqs. 5, 8 and the job offers of docs/model.md §2), with draws chosen by hand. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { adjustWages, postOffers, supplyLabor } from "../../lib/economy/laborMarket.js";
import { allocateState } from "../../lib/economy/state.js";
import type { Rng } from "../../lib/rng.js";
import { near } from "../support/approx.js";

/** An RNG that returns the given uniforms in order (and counts what was drawn). */
function scripted(draws: number[]): Rng & { used: number } {
  const rng = {
    used: 0,
    next: () => draws[rng.used++],
    uniform: (lo: number, hi: number) => lo + (hi - lo) * rng.next(),
    int: (n: number) => Math.floor(n * rng.next()),
    state: () => { throw new Error("not needed"); },
    setState: () => { throw new Error("not needed"); },
  };
  return rng as Rng & { used: number };
}

const economy = (wages: number[]) => {
  const s = allocateState(wages.length, 10, 0.03, Float64Array.from([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000]));
  s.wage.set(wages);
  return s;
};

test("eq. 5: household i works iff U_i < p^w_i, earns 168·w_i and takes its offer", () => {
  const s = economy([10, 20, 30, 40]);
  s.offer.set([5, 15, 25, 35]);
  s.job.set([-1, -1, -1, -1]);
  s.income.set([9, 9, 9, 9]);
  const rng = scripted([0.3, 0.99, 0.5, 0]);
  const employed = supplyLabor(s, Float64Array.from([0, 1, 0.5, 0.01]), 168, rng);
  // 0.3 < 0 no; 0.99 < 1 yes; 0.5 < 0.5 no (p = 0.5 works with probability exactly 0.5); 0 < 0.01 yes.
  assert.equal(employed, 2);
  assert.equal(rng.used, 4, "one draw per household");
  assert.deepEqual([...s.worked], [0, 1, 0, 1]);
  assert.deepEqual([...s.income], [0, 168 * 20, 0, 168 * 40]);
  assert.deepEqual([...s.job], [-1, 15, -1, 35]);
});

test("eq. 8: w ← max(floor, w·(1 + α_w·φ·U)), signed like the imbalance", () => {
  const s = economy([100, 100, 1.01]);
  adjustWages(s, 0.5, 0.05, 1, scripted([0, 1, 0.5]));
  near(s.wage[0], 100, 1e-12);
  near(s.wage[1], 100 * (1 + 0.05 * 0.5), 1e-12);
  near(s.wage[2], 1.01 * (1 + 0.0125), 1e-12);
  const down = economy([100, 1.01]);
  adjustWages(down, -1, 0.05, 1, scripted([1, 1]));
  near(down.wage[0], 95, 1e-12);
  assert.equal(down.wage[1], 1, "the floor holds: 1.01 · 0.95 < 1");
});

test("offers: only who did not work draws a title, from the bucket of its new monthly wage", () => {
  const s = economy([10, 20, 50]);
  s.worked.set([1, 0, 0]);
  s.offer.set([7, 7, 7]);
  const rng = scripted([0.25, 0.999]);
  postOffers(s, 168, rng);
  assert.equal(rng.used, 2);
  // 168·20 = 3360 lies in [3000, 4000): bucket 3, title ⌊10·0.25⌋ = 2; 168·50 = 8400 in [8000, 9000): bucket 8, title 9.
  assert.deepEqual([...s.offer], [7, 32, 89]);
});
