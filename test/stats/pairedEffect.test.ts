import { test } from "node:test";
import assert from "node:assert/strict";
import { bootstrapMeanCi, pairedEffect } from "../../lib/stats/pairedEffect.js";
import { closeTo } from "../support/approx.js";

const byseed = (values: (number | null)[]) => new Map(values.map((v, k) => [k + 1, v] as [number, number | null]));

test("paired effect of differences 1…5: mean 3, sd √2.5, t interval 3 ± t(0.975, 4) · √2.5/√5", () => {
  const effect = pairedEffect(byseed([3, 5, 7, 9, 11]), byseed([2, 3, 4, 5, 6]));
  assert.equal(effect.n, 5);
  assert.equal(effect.mean, 3);
  closeTo(effect.sd!, Math.sqrt(2.5), 1e-12);
  // t(0.975, 4) = 2.7764451051977987 (R: qt(0.975, 4)); half-width 2.7764451052 · 0.7071067812 = 1.9632432
  closeTo(effect.tCi![0], 3 - 1.9632432, 1e-6);
  closeTo(effect.tCi![1], 3 + 1.9632432, 1e-6);
  const [lo, hi] = effect.bootstrapCi!;
  assert.ok(lo >= 1 && lo < 3 && hi > 3 && hi <= 5, `bootstrap interval [${lo}, ${hi}] inside the range of the differences, around the mean`);
  assert.deepEqual(pairedEffect(byseed([3, 5, 7, 9, 11]), byseed([2, 3, 4, 5, 6])).bootstrapCi, effect.bootstrapCi, "seeded: the same interval again");
});

test("only seeds defined in both cells are paired; one pair gives a mean but no interval", () => {
  const effect = pairedEffect(new Map<number | string, number | null>([[1, 10], [2, null], [3, 4], [9, 1]]), new Map<number | string, number | null>([[1, 7], [2, 5], [3, 1], [4, 0]]));
  assert.equal(effect.n, 2);
  assert.equal(effect.mean, 3);
  assert.equal(effect.sd, 0);
  assert.deepEqual(effect.tCi, [3, 3]);
  const single = pairedEffect(byseed([2]), byseed([1]));
  assert.deepEqual(single, { n: 1, mean: 1, sd: null, tCi: null, bootstrapCi: null });
  assert.deepEqual(pairedEffect(byseed([null]), byseed([1])), { n: 0, mean: null, sd: null, tCi: null, bootstrapCi: null });
});

test("bootstrap of two values: the resampled means are 0, 1, 2 with chances 1/4, 1/2, 1/4, so the 95% interval is [0, 2]", () => {
  assert.deepEqual(bootstrapMeanCi([0, 2], 0.95, 4000, 1), [0, 2]);
  // a 40% interval lies inside the middle mass (means of 1 have probability 1/2)
  assert.deepEqual(bootstrapMeanCi([0, 2], 0.4, 4000, 1), [1, 1]);
  assert.deepEqual(bootstrapMeanCi([5, 5, 5], 0.95, 100, 7), [5, 5]);
});
