/** Best-response summaries over economy seeds: mean gains with their standard errors, and the threshold wages. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { summarizeDeviations, zeroCrossing, type WorkDeviation } from "../../lib/training/bestResponse.js";

const deviation = (household: number, asTrained: number, always: number, never: number): WorkDeviation => ({
  household, initial_wage: 10 * (household + 1), as_trained: asTrained, always_work: always, never_work: never, best: "as trained",
});

test("gains over seeds: mean, standard error sd/√n, and a winner only beyond the 95 % t critical value (n − 1 dof)", () => {
  const seeds = [
    [deviation(0, 100, 90, 140), deviation(1, 100, 104, 99), deviation(2, 100, 120, 60), deviation(3, 100, 90, 130)],
    [deviation(0, 100, 80, 130), deviation(1, 100, 96, 101), deviation(2, 100, 140, 50), deviation(3, 100, 80, 120)],
    [deviation(0, 100, 85, 120), deviation(1, 100, 100, 95), deviation(2, 100, 130, 70), deviation(3, 100, 85, 110)],
  ];
  const [low, middle, high, between] = summarizeDeviations(seeds);
  // t(0.975, 2) = 4.302653 (scipy.stats.t.ppf(0.975, 2))
  assert.ok(Math.abs(low.t_critical - 4.302653) < 1e-6);
  // never − trained = 40, 30, 20: mean 30, sd 10, se 10/√3 = 5.7735; 30 > 4.3027 × 5.7735 = 24.84 → never work
  assert.equal(low.never_gain, 30);
  assert.ok(Math.abs(low.never_gain_se - 10 / Math.sqrt(3)) < 1e-12);
  assert.equal(low.always_gain, -15);
  assert.equal(low.best, "never work");
  // always − trained = 4, −4, 0 and never − trained = −1, 1, −5: neither beyond the bound either way
  assert.equal(middle.best, "within noise");
  // always − trained = 20, 40, 30: mean 30 > 24.84 → always work
  assert.deepEqual([high.always_gain, high.best, high.seeds, high.initial_wage], [30, "always work", 3, 30]);
  // never − trained = 30, 20, 10: mean 20 beats 2 SE (11.5) but not the t bound (24.84): within noise at n = 3
  assert.deepEqual([between.never_gain, between.best], [20, "within noise"]);
  // Two seeds: t(0.975, 1) = 12.706; always − trained = −50, −48 (se 1), never − trained = −50, −51 (se 0.5) → as trained
  const two = summarizeDeviations([[deviation(0, 100, 50, 50)], [deviation(0, 100, 52, 49)]])[0];
  assert.ok(Math.abs(two.t_critical - 12.706205) < 1e-6);
  assert.equal(two.best, "as trained");
  assert.throws(() => summarizeDeviations([seeds[0]]), /at least 2 seeds/);
  assert.throws(() => summarizeDeviations([seeds[0], [...seeds[1]].reverse()]), /same households/);
});

test("the threshold wage: first sign change, interpolated in log wage", () => {
  assert.ok(Math.abs((zeroCrossing([10, 40], [3, -1], "falling") as number) - Math.exp(Math.log(10) + (Math.log(4) * 3) / 4)) < 1e-12);
  assert.ok(Math.abs((zeroCrossing([5, 10, 20], [2, 1, 0], "falling") as number) - 20) < 1e-12); // a gain of exactly 0 ends it
  assert.ok(Math.abs((zeroCrossing([10, 20, 40], [-2, -1, 1], "rising") as number) - Math.sqrt(20 * 40)) < 1e-12);
  assert.equal(zeroCrossing([10, 20], [1, 2], "falling"), null);
});
