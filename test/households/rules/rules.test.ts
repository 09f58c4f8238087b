import assert from "node:assert/strict";
import { test } from "node:test";
import { catsConsumption, lenConsumption } from "../../../lib/households/rules/consumptionRules.js";
import { workPropensity } from "../../../lib/households/rules/workRule.js";
import { createRng } from "../../../lib/rng.js";

test("work rule (eq. 17): (z / (s(1 + r)))^γ, 1 without savings, capped at 1", () => {
  assert.ok(Math.abs(workPropensity(16800, 100000, 0.03, 0.1) - Math.pow(16800 / 103000, 0.1)) < 1e-15);
  assert.equal(workPropensity(16800, 0, 0.03, 0.1), 1);
  assert.equal(workPropensity(16800, 1000, 0.03, 0.1), 1); // z > s(1 + r)
  // γ = 0.1: a household with 2^10 months of income in the bank works with propensity ≈ 1/2.
  assert.ok(Math.abs(workPropensity(1, 1024 / 1.0, 0, 0.1) - 0.5) < 1e-12);
});

test("LEN consumption (eq. 15): (P / (s + z))^β", () => {
  assert.ok(Math.abs(lenConsumption(100, 9000, 1000, 0.1) - Math.pow(0.01, 0.1)) < 1e-15);
  assert.equal(lenConsumption(2000, 500, 500, 0.1), 1); // price above wealth: spend everything
});

test("CATS consumption (eq. 16): the closed form equals the written formula for any z_last > 0", () => {
  const rng = createRng("cats");
  for (let k = 0; k < 1000; k++) {
    const s = rng.uniform(0, 1e6);
    const z = rng.uniform(168, 168 * 950);
    const zLast = rng.uniform(1, 168 * 950);
    const r = rng.uniform(0, 0.2);
    const h1 = 1 / (1 + r);
    const g = z / zLast - 1;
    const d = s / zLast - h1;
    const c = 1 + (d - h1 * g) / (1 + g);
    const written = Math.min(1, Math.max(0, (c * z) / (s + z)));
    assert.ok(Math.abs(catsConsumption(s, z, r, 1) - written) < 1e-9, `s=${s} z=${z} zLast=${zLast} r=${r}`);
  }
  // No savings: p^c = 1 − h1 = r / (1 + r).
  assert.ok(Math.abs(catsConsumption(0, 1000, 0.03, 1) - 0.03 / 1.03) < 1e-15);
});
