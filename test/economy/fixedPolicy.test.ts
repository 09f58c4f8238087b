import assert from "node:assert/strict";
import { test } from "node:test";
import { incomeTax } from "../../lib/economy/incomeTax.js";
import { createSimulation } from "../../lib/run/createSimulation.js";
import { closeTo } from "../support/approx.js";

async function fixedRun(months = 240) {
  const { simulation } = await createSimulation({ policy: "fixed", work: 1, consumption: 0.5, households: 100, months, seed: 1 });
  return simulation;
}

test("fixed work = 1, consumption = 0.5: month 1 produces 16,800 goods and half are left after sales", async () => {
  const sim = await fixedRun(12);
  const p0 = sim.state.initialPrice;
  await sim.step();
  const m1 = sim.monthly[0];
  assert.equal(m1.employed, 100);
  assert.equal(m1.production, 16_800); // 100 households × 168 hours × 1 good/hour
  // Tax is fully redistributed, so disposable income = Σ z = 168·Σw = 16,800·P0; half of it buys 8,400 goods at P0.
  assert.ok(closeTo(m1.demand, 8400));
  assert.ok(closeTo(m1.inventory, 8400));
  assert.ok(closeTo(m1.imbalance, -0.5)); // (8,400 − 16,800) / 16,800
  assert.ok(closeTo(m1.nominal_gdp, 16_800 * p0) && closeTo(m1.real_gdp, 16_800 * p0));
  assert.equal(m1.rationed, 0);
});

test("fixed work = 1: month-1 tax is Σ T(168·w_i) and every household gets 1/N of it", async () => {
  const sim = await fixedRun(12);
  const wages = Float64Array.from(sim.state.wage);
  await sim.step();
  const expected = wages.reduce((acc, w) => acc + incomeTax(168 * w, sim.taxSchedule), 0);
  assert.ok(closeTo(sim.monthly[0].tax_revenue, expected));
  for (let i = 0; i < 100; i++) assert.ok(closeTo(sim.state.transfer[i], expected / 100));
});

test("fixed work = 1: real GDP is 201,600·P0 every year, unemployment 0, the Taylor rule leaves 3 % for years 1–2", async () => {
  const sim = await fixedRun();
  await sim.run();
  const p0 = sim.state.initialPrice;
  assert.equal(sim.annual.length, 20);
  for (const year of sim.annual) {
    assert.ok(closeTo(year.real_gdp, 201_600 * p0), `${year.year}: ${year.real_gdp}`);
    assert.equal(year.unemployment_rate, 0);
    assert.equal(year.unemployment_growth, null); // relative change from a zero base is undefined
  }
  assert.equal(sim.annual[0].interest_rate, 0.03);
  assert.equal(sim.annual[1].interest_rate, 0.03);
  // From the end of year 2 the rule sets r from that year's inflation and unemployment (eq. 13).
  for (let y = 2; y < 20; y++) {
    const prev = sim.annual[y - 1];
    const rule = Math.max(0.01 + 0.02 + 0.5 * (prev.price_inflation! - 0.02) + 0.5 * (0.04 - prev.unemployment_rate), 0);
    assert.ok(closeTo(sim.annual[y].interest_rate, rule), `year ${y + 1}`);
  }
});

test("fixed work = 0: nobody works, nothing is produced or taxed, unemployment is 100 %", async () => {
  const { simulation: sim } = await createSimulation({ policy: "fixed", work: 0, consumption: 0.5, households: 10, months: 24, seed: 1 });
  await sim.run();
  assert.ok(sim.monthly.every((m) => m.production === 0 && m.tax_revenue === 0 && m.employed === 0));
  assert.ok(sim.annual.every((y) => y.unemployment_rate === 1));
});
