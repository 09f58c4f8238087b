import { test } from "node:test";
import assert from "node:assert/strict";
import { createSimulation } from "../../lib/run/createSimulation.js";
import { runSeeds } from "../../lib/run/runSeeds.js";

const options = { policy: "composite" as const, households: 20, months: 36, decisions: "off" as const };

test("runSeeds: one in-memory run per seed, identical to createSimulation with that seed", async () => {
  const runs = await runSeeds(options, [3, 1]);
  assert.deepEqual(runs.map((r) => r.seed), [3, 1]);
  assert.equal(runs[0].annual.length, 3);
  const { simulation } = await createSimulation({ ...options, seed: 1 });
  await simulation.run();
  assert.deepEqual(runs[1].annual, simulation.annual);
  assert.notDeepEqual(runs[0].annual, runs[1].annual);
});

test("runSeeds: invalid options are rejected", async () => {
  await assert.rejects(() => runSeeds({ ...options, months: 13 }, [1]), /months/);
});
