import { test } from "node:test";
import assert from "node:assert/strict";
import { fisherCi } from "../../lib/stats/fisherCi.js";
import { near } from "../support/approx.js";

test("fisherCi matches tanh(atanh(r) ± 1.959964/sqrt(n − 3))", () => {
  // mpmath, 40 digits, z = 1.959963984540054
  const ci = fisherCi(0.7745966692414834, 5);
  assert.ok(ci);
  near(ci[0], -0.34008203518751046);
  near(ci[1], 0.98423575515072666);
  const neg = fisherCi(-0.23016415682951241, 20);
  assert.ok(neg);
  near(neg[0], -0.61050366194281637);
  near(neg[1], 0.23643845475949875);
});

test("fisherCi at r = 0 is symmetric and shrinks with n", () => {
  const z = 1.959963984540054;
  const ci = fisherCi(0, 103);
  assert.ok(ci);
  near(ci[1], Math.tanh(z / 10));
  near(ci[0], -ci[1]);
  const wider = fisherCi(0, 28);
  assert.ok(wider);
  near(wider[1], Math.tanh(z / 5));
});

test("fisherCi honours another level", () => {
  const ci = fisherCi(0.5, 12, 0.9);
  assert.ok(ci);
  // z_{0.95} = 1.6448536269514722
  near(ci[1], Math.tanh(Math.atanh(0.5) + 1.6448536269514722 / 3));
});

test("fisherCi is null when n ≤ 3 and collapses at |r| = 1", () => {
  assert.equal(fisherCi(0.5, 3), null);
  assert.equal(fisherCi(0.5, 2), null);
  assert.deepEqual(fisherCi(1, 10), [1, 1]);
  assert.deepEqual(fisherCi(-1, 10), [-1, -1]);
});

test("fisherCi rejects r outside [-1, 1] and a bad level", () => {
  assert.throws(() => fisherCi(1.2, 10), /r must be in/);
  assert.throws(() => fisherCi(NaN, 10), /r must be in/);
  assert.throws(() => fisherCi(0.5, 10, 1), /level/);
  assert.throws(() => fisherCi(0.5, 10, 0), /level/);
});
