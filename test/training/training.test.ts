/**
 * A short PPO run in the real economy: it beats the random initial policy on a held-out economy, and the same
 * seed gives the same weights.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { aiEconomistPolicy } from "../../lib/households/aieco/aiEconomistPolicy.js";
import { meanUtility } from "../../lib/training/evaluate.js";
import { scheduledRate, trainAiEconomist, type TrainingOptions } from "../../lib/training/train.js";

/** 20 households, two economies of 24 months stepped 12 months at a time, a 16×16 network: seconds. */
const TINY: Partial<TrainingOptions> = {
  seed: 1,
  households: 20,
  episodeMonths: 24,
  lanes: 2,
  fragmentMonths: 12,
  hidden: [16, 16],
  minibatch: 240,
  learningRate: 3e-3,
};

test("8 PPO iterations raise the households' mean utility (eq. 18) well above the random initial policy's", async () => {
  const initial = await trainAiEconomist({ ...TINY, iterations: 0 });
  const curve: number[] = [];
  const trained = await trainAiEconomist({ ...TINY, iterations: 8 }, (r) => curve.push(r.mean_reward));
  assert.equal(curve.length, 8);
  assert.ok(curve[7] > curve[0], `training curve ${curve.map((v) => v.toFixed(1)).join(", ")}`);
  const economy = { households: 20, months: 24, seed: "held-out" };
  const before = await meanUtility(await aiEconomistPolicy(initial.weights, 168), economy);
  const after = await meanUtility(await aiEconomistPolicy(trained.weights, 168), economy);
  assert.ok(after > 1.5 * before, `mean utility ${before.toFixed(1)} untrained vs ${after.toFixed(1)} trained`);
});

test("the same seed and options give identical weights; another seed gives others", async () => {
  const a = await trainAiEconomist({ ...TINY, iterations: 2 });
  const b = await trainAiEconomist({ ...TINY, iterations: 2 });
  const c = await trainAiEconomist({ ...TINY, iterations: 2, seed: 2 });
  assert.deepEqual(a.weights, b.weights);
  assert.deepEqual(
    a.curve.map(({ elapsed_seconds: _, ...rest }) => rest),
    b.curve.map(({ elapsed_seconds: _, ...rest }) => rest),
  );
  assert.notDeepEqual(a.weights.network.layers, c.weights.network.layers);
});

test("the learning-rate schedule: linear from the first step towards the final one; constant when they are equal", () => {
  const annealed = { learningRate: 1e-3, finalLearningRate: 0, iterations: 4 };
  [1e-3, 7.5e-4, 5e-4, 2.5e-4].forEach((expected, k) => assert.ok(Math.abs(scheduledRate(annealed, k + 1) - expected) < 1e-18, `iteration ${k + 1}`));
  assert.deepEqual([1, 40, 80].map((k) => scheduledRate({ learningRate: 1e-3, iterations: 80 }, k)), [1e-3, 1e-3, 1e-3]);
});
