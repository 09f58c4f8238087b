/** Best-response summaries over economy seeds: mean gains with their standard errors, and the threshold wages. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { summarizeDeviations, zeroCrossing, type WorkDeviation } from "../../lib/training/bestResponse.js";

const deviation = (household: number, asTrained: number, always: number, never: number): WorkDeviation => ({
  household, initial_wage: 10 * (household + 1), as_trained: asTrained, always_work: always, never_work: never, best: "as trained",
});

test("gains over seeds: mean, standard error sd/√n, and a winner only beyond two standard errors", () => {
  const seeds = [
    [deviation(0, 100, 90, 130), deviation(1, 100, 104, 99), deviation(2, 100, 120, 60)],
    [deviation(0, 100, 80, 120), deviation(1, 100, 96, 101), deviation(2, 100, 140, 50)],
    [deviation(0, 100, 85, 110), deviation(1, 100, 100, 95), deviation(2, 100, 130, 70)],
  ];
  const [low, middle, high] = summarizeDeviations(seeds);
  // never − trained = 30, 20, 10: mean 20, sd 10, se 10/√3 = 5.7735 → never work (20 > 11.5)
  assert.equal(low.never_gain, 20);
  assert.ok(Math.abs(low.never_gain_se - 10 / Math.sqrt(3)) < 1e-12);
  assert.equal(low.always_gain, -15);
  assert.equal(low.best, "never work");
  // always − trained = 4, −4, 0 and never − trained = −1, 1, −5: neither beyond 2 SE either way
  assert.equal(middle.best, "within noise");
  // always − trained = 20, 40, 30: mean 30, se 10/√3 → always work
  assert.deepEqual([high.always_gain, high.best, high.seeds, high.initial_wage], [30, "always work", 3, 30]);
  assert.equal(summarizeDeviations([[deviation(0, 100, 50, 50)], [deviation(0, 100, 60, 40)]])[0].best, "as trained");
  assert.throws(() => summarizeDeviations([seeds[0]]), /at least 2 seeds/);
  assert.throws(() => summarizeDeviations([seeds[0], [...seeds[1]].reverse()]), /same households/);
});

test("the threshold wage: first sign change, interpolated in log wage", () => {
  assert.ok(Math.abs((zeroCrossing([10, 40], [3, -1], "falling") as number) - Math.exp(Math.log(10) + (Math.log(4) * 3) / 4)) < 1e-12);
  assert.ok(Math.abs((zeroCrossing([5, 10, 20], [2, 1, 0], "falling") as number) - 20) < 1e-12); // a gain of exactly 0 ends it
  assert.ok(Math.abs((zeroCrossing([10, 20, 40], [-2, -1, 1], "rising") as number) - Math.sqrt(20 * 40)) < 1e-12);
  assert.equal(zeroCrossing([10, 20], [1, 2], "falling"), null);
});
