import { test } from "node:test";
import assert from "node:assert/strict";
import { sampleAges, usAges2018 } from "../../lib/calibration/index.js";
import { createRng } from "../../lib/rng.js";

test("Census 2018 ages 18..60 sum to 184,946,838", () => {
  const { age, population } = usAges2018();
  assert.deepEqual(age, Array.from({ length: 43 }, (_, k) => 18 + k));
  assert.equal(population[0], 4311728);
  assert.equal(population[42], 4254388);
  assert.equal(population.reduce((a, b) => a + b, 0), 184946838);
});

test("sampleAges is deterministic for a seed and stays in 18..60", () => {
  const a = sampleAges(createRng(7), 5000);
  const b = sampleAges(createRng(7), 5000);
  assert.ok(a instanceof Uint8Array);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, sampleAges(createRng(8), 5000));
  assert.ok(a.every((x) => x >= 18 && x <= 60));
  assert.equal(sampleAges(createRng(1), 0).length, 0);
  assert.throws(() => sampleAges(createRng(1), -1), RangeError);
});

test("sampleAges reproduces the Census shares within 0.5 pp over 200,000 draws", () => {
  const { age, population } = usAges2018();
  const total = population.reduce((a, b) => a + b, 0);
  const n = 200_000;
  const counts = new Map<number, number>();
  for (const x of sampleAges(createRng(2018), n)) counts.set(x, (counts.get(x) ?? 0) + 1);
  age.forEach((a, k) => {
    const gap = Math.abs((counts.get(a) ?? 0) / n - population[k] / total);
    assert.ok(gap < 0.005, `age ${a}: off by ${(gap * 100).toFixed(3)} pp`);
  });
});
