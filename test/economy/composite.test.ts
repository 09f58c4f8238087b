import assert from "node:assert/strict";
import { test } from "node:test";
import { okunsLaw } from "../../lib/analysis/okunsLaw.js";
import { phillipsCurve } from "../../lib/analysis/phillipsCurve.js";
import { createSimulation } from "../../lib/run/createSimulation.js";

test("Composite, seeds 1–5, 100 × 240: positive Phillips r (the paper's finding for rule-based households), strongly negative Okun r", async () => {
  for (let seed = 1; seed <= 5; seed++) {
    const { simulation } = await createSimulation({ policy: "composite", households: 100, months: 240, seed });
    await simulation.run();
    const phillips = phillipsCurve(simulation.annual);
    const okun = okunsLaw(simulation.annual);
    assert.equal(phillips.n, 19);
    assert.ok(phillips.r! > 0.5 && phillips.p! < 0.05, `seed ${seed}: Phillips r = ${phillips.r}, p = ${phillips.p}`);
    assert.ok(okun.r! < -0.8, `seed ${seed}: Okun r = ${okun.r}`);
    // docs/model.md §7: inflation within about ±25 %, unemployment 1–8 % for the official code.
    for (const year of simulation.annual) {
      assert.ok(year.unemployment_rate > 0.005 && year.unemployment_rate < 0.1, `seed ${seed} ${year.year}`);
      if (year.price_inflation !== null) assert.ok(Math.abs(year.price_inflation) < 0.35);
    }
  }
});
