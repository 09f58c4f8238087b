/** PPO pieces by hand: generalised advantages, the action distribution's sampling and log-probabilities. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { modeChoice, sampleChoice, workLogProbability, workProbability } from "../../lib/households/aieco/actions.js";
import { generalizedAdvantages } from "../../lib/training/ppo.js";
import type { Trajectory } from "../../lib/training/rollout.js";
import { near } from "../support/approx.js";

function trajectory(reward: number[], value: number[], bootstrap: number[], households: number): Trajectory {
  const rows = reward.length;
  return {
    months: rows / households,
    households,
    observations: new Float32Array(0),
    worked: new Float32Array(rows),
    choice: new Float32Array(rows),
    logp: new Float32Array(rows),
    value: Float32Array.from(value),
    reward: Float64Array.from(reward),
    bootstrap: Float32Array.from(bootstrap),
  };
}

test("GAE: δ_t = r_t/scale + γV_{t+1} − V_t, A_t = δ_t + γλA_{t+1}, bootstrapping from the value after the fragment", () => {
  // One household, two months: rewards 1, 2 (scale 2), values 0.5, 0.5, bootstrap 1, γ = 0.9, λ = 0.8.
  const { advantages, returns } = generalizedAdvantages(trajectory([1, 2], [0.5, 0.5], [1], 1), Float64Array.of(2), 0.9, 0.8);
  const a1 = 1 + 0.9 * 1 - 0.5; // 1.4
  const a0 = 0.5 + 0.9 * 0.5 - 0.5 + 0.9 * 0.8 * a1; // 0.45 + 1.008
  near(advantages[1], a1, 1e-6);
  near(advantages[0], a0, 1e-6);
  near(returns[0], a0 + 0.5, 1e-6);
  near(returns[1], a1 + 0.5, 1e-6);
});

test("GAE keeps households apart: rows are month·N + household", () => {
  // Two households, one month: each bootstraps from its own next value.
  const { advantages } = generalizedAdvantages(trajectory([1, 10], [0, 0], [2, 20], 2), Float64Array.of(1, 10), 0.5, 1);
  near(advantages[0], 1 + 0.5 * 2, 1e-6);
  near(advantages[1], 1 + 0.5 * 20, 1e-6);
});

test("work: P = σ(z) and log P(l) = l·z − softplus(z), stable for large |z|", () => {
  near(workProbability(0), 0.5);
  near(workLogProbability(1, 0), Math.log(0.5));
  near(workLogProbability(1, 2), Math.log(1 / (1 + Math.exp(-2))));
  near(workLogProbability(0, 2), Math.log(1 - 1 / (1 + Math.exp(-2))));
  near(workLogProbability(1, 800), 0);
  near(workLogProbability(0, -800), 0);
  near(workLogProbability(0, 800), -800);
});

test("consumption choice: inverse-CDF sampling and the mode of a row of log-probabilities", () => {
  const logp = Float32Array.from([0.25, 0.75, 0.5, 0.5].map(Math.log)); // rows [0.25, 0.75], [0.5, 0.5]
  assert.equal(sampleChoice(logp, 0, 2, 0.2), 0);
  assert.equal(sampleChoice(logp, 0, 2, 0.3), 1);
  assert.equal(sampleChoice(logp, 1, 2, 0.49), 0);
  assert.equal(sampleChoice(logp, 1, 2, 0.999999999), 1);
  assert.equal(modeChoice(logp, 0, 2), 1);
  assert.equal(modeChoice(logp, 1, 2), 0); // ties: the first
});
