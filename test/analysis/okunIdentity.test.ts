import { test } from "node:test";
import assert from "node:assert/strict";
import { employmentGrowth, employmentRealGdpCorrelation, okunIdentity } from "../../lib/analysis/okunIdentity.js";
import { createSimulation } from "../../lib/run/createSimulation.js";
import { near } from "../support/approx.js";
import { row } from "../support/annualRows.js";

test("employmentGrowth: relative change of 1 − u; null after a year without employment", () => {
  near(employmentGrowth(row({ unemployment_rate: 0.1 }), row({ unemployment_rate: 0.2 })), 0.125);
  assert.equal(employmentGrowth(row({ unemployment_rate: 0.5 }), row({ unemployment_rate: 1 })), null);
});

test("in a simulated economy real GDP is proportional to employment (any policy)", async () => {
  for (const policy of ["len", "cats"] as const) {
    const { simulation } = await createSimulation({ policy, households: 30, months: 72, seed: 4, decisions: "off" });
    await simulation.run();
    const levels = employmentRealGdpCorrelation(simulation.annual);
    near(levels.r, 1, 1e-12);
    const growth = okunIdentity(simulation.annual);
    assert.equal(growth.n, 5);
    near(growth.r, 1, 1e-12);
    near(growth.slope, 1, 1e-9);
    near(growth.intercept, 0, 1e-12);
  }
});
