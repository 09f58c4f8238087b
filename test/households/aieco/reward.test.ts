/** The AI-Economist utility (seed eq. 18) by hand, and the reward the rollout records from a real month. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Mlp } from "../../../lib/households/aieco/network.js";
import { OBSERVATION_SIZE } from "../../../lib/households/aieco/observation.js";
import { householdUtility, isoelastic, OFFICIAL_UTILITY } from "../../../lib/households/aieco/reward.js";
import { RolloutPolicy } from "../../../lib/training/rollout.js";
import { POLICY_HEADS } from "../../../lib/households/aieco/actions.js";
import { tensorflow } from "../../../lib/households/aieco/tf.js";
import { createRng } from "../../../lib/rng.js";
import { createSimulation } from "../../../lib/run/createSimulation.js";
import { closeTo } from "../../support/approx.js";

test("isoelastic utility: (x^(1−η) − 1)/(1 − η), ln x at η = 1, 0 at x = 1", () => {
  assert.equal(isoelastic(4, 0.5), 2); // (2 − 1)/0.5
  assert.equal(isoelastic(0, 0.5), -2);
  assert.equal(isoelastic(1, 0.3), 0);
  assert.ok(closeTo(isoelastic(8, 2 / 3), 3 * (2 - 1))); // 8^(1/3) = 2
  assert.equal(isoelastic(Math.E, 1), 1);
  assert.equal(isoelastic(-5, 0.5), -2); // negative money counts as none
});

test("eq. 18 with the official η = 0.5 and labor cost 1 per hour: the two CRRA terms multiply, 168 h of labor subtract", () => {
  // s/P = 40,000/100 = 400 goods → 2(√400 − 1) = 38; c/P = 900/100 = 9 goods → 2(√9 − 1) = 4.
  assert.equal(householdUtility(40_000, 900, 0, 100, OFFICIAL_UTILITY), 152);
  assert.equal(householdUtility(40_000, 900, 1, 100, OFFICIAL_UTILITY), 152 - 168);
  // Below one good of money both factors are negative: 2(√0.25 − 1) · 2(√0 − 1) = (−1)(−2) = 2.
  assert.equal(householdUtility(25, 0, 0, 100, OFFICIAL_UTILITY), 2);
  // Other weights: η_s = 0 (linear money), η_c = 0.5, λ_l = 0.5 per hour, 160 hours.
  const u = { etaSavings: 0, etaConsumption: 0.5, laborCost: 0.5, hours: 160 };
  assert.equal(householdUtility(500, 400, 1, 100, u), (5 - 1) * 2 * (2 - 1) - 80);
});

test("the rollout's month-1 reward is eq. 18 of each household's money, spending and work at the price it paid", async () => {
  await tensorflow();
  const rng = createRng("reward-test");
  const policy = Mlp.init([OBSERVATION_SIZE, 8], POLICY_HEADS, rng, 0.01);
  const critic = Mlp.init([OBSERVATION_SIZE, 8], [1], rng);
  const rollout = new RolloutPolicy(policy, critic, OFFICIAL_UTILITY, 10, 1);
  const { simulation } = await createSimulation({ households: 10, months: 12, seed: 3 }, rollout);
  const p0 = simulation.state.initialPrice;
  await simulation.step();
  const t = rollout.trajectory(simulation.state, 2);
  const { savings, spend, worked } = simulation.state;
  for (let i = 0; i < 10; i++) {
    const s = savings[i] / p0;
    const c = spend[i] / p0;
    const byHand = 2 * (Math.sqrt(s) - 1) * 2 * (Math.sqrt(c) - 1) - 168 * worked[i];
    assert.ok(closeTo(t.reward[i], byHand, 1e-12), `household ${i}: ${t.reward[i]} vs ${byHand}`);
    assert.equal(t.worked[i], worked[i]);
  }
  assert.equal(t.months, 1);
  policy.dispose();
  critic.dispose();
});
