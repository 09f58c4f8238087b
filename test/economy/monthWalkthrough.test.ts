import assert from "node:assert/strict";
import { test } from "node:test";
import { economyDifferences } from "../../lib/economy/teach/economyDifferences.js";
import { bracketOf, taylorTerms } from "../../lib/economy/teach/equationTerms.js";
import { MonthWalkthrough } from "../../lib/economy/teach/monthWalkthrough.js";
import { DEFAULT_PARAMETERS } from "../../lib/economy/parameters.js";
import { taxSchedule } from "../../lib/calibration/tax.js";
import { createSimulation } from "../../lib/run/createSimulation.js";
import { near } from "../support/approx.js";

/** A walkthrough and an engine twin built from the same configuration (same seed). */
async function twins(options: Record<string, unknown>) {
  const a = await createSimulation(options);
  const b = await createSimulation(options);
  return { walk: new MonthWalkthrough(a.simulation), engine: b.simulation };
}

const unequal = (d: ReturnType<typeof economyDifferences>) => d.filter((x) => !x.equal).map((x) => x.item);

for (const options of [
  { policy: "composite", households: 8, months: 24, seed: 1 },
  { policy: "fixed", work: 0.7, consumption: 0.9, households: 8, months: 24, seed: 2 },
  { policy: "cats", households: 30, months: 36, seed: 5, wages: "calibrated", taxYear: 2022 },
]) {
  test(`walkthrough equals Simulation.step bit for bit every month (${options.policy}, N = ${options.households})`, async () => {
    const { walk, engine } = await twins(options);
    for (let m = 1; m <= options.months; m++) {
      await walk.month();
      await engine.step();
      assert.deepEqual(unequal(economyDifferences(walk, engine)), [], `month ${m}`);
    }
    assert.equal(walk.annual.length, options.months / 12);
  });
}

test("the trace's tables add up: labor, tax, goods market, imbalance, wages, price", async () => {
  const { walk } = await twins({ policy: "fixed", work: 0.6, consumption: 0.95, households: 8, months: 12, seed: 3 });
  let sawShortage = false;
  for (let m = 1; m <= 12; m++) {
    const t = await walk.month();
    for (const r of t.labor.rows) assert.equal(r["l = [U < p^w]"], (r.U as number) < (r["p^w"] as number) ? 1 : 0);
    assert.equal(t.labor.production, 168 * t.labor.employed);
    near(t.tax.transfersPaid, t.tax.revenue, 1e-9);
    for (const r of t.tax.rows) near(r["T(z)"] as number, (r["T on brackets below b_k"] as number) + (r["τ_k·(z − b_k)"] as number), 1e-9);
    const spent = t.consume.rows.reduce((acc, r) => acc + (r.spent as number), 0);
    near(spent, t.consume.spending, 1e-6);
    near(t.imbalance.phi, (t.imbalance.demand - t.imbalance.available) / Math.max(t.imbalance.demand, t.imbalance.available), 1e-12);
    for (const r of t.wages.rows) near(r["w after"] as number, Math.max(1, (r["w before"] as number) * (1 + (r["α_w·φ·U"] as number))), 1e-9);
    near(t.price.after, Math.max(1, t.price.before * (1 + t.price.change)), 1e-9);
    assert.equal(t.draws.consume, t.consume.shortage ? 8 : 0);
    if (t.consume.shortage) {
      sawShortage = true;
      assert.deepEqual([...t.consume.rows.map((r) => r.household)].sort(), [0, 1, 2, 3, 4, 5, 6, 7]);
      const rationed = t.consume.rows.filter((r) => r.rationed === 1).length;
      assert.equal(rationed, t.consume.rationed);
    }
  }
  assert.ok(sawShortage, "this configuration should run short of goods at least once");
});

test("stages must run in the paper's order", async () => {
  const { walk } = await twins({ policy: "composite", households: 4, months: 12, seed: 1 });
  await assert.rejects(() => walk.labor(), /out of order; next is "decide"/);
  await walk.decide();
  await assert.rejects(() => walk.tax(), /out of order; next is "labor"/);
  await assert.rejects(() => walk.month(), /half done/);
});

test("December of year 2 applies the Taylor rule with the terms shown", async () => {
  const { walk } = await twins({ policy: "composite", households: 8, months: 24, seed: 1 });
  let t = await walk.month();
  while (t.month < 24) {
    t = await walk.month();
    if (t.month === 12) assert.deepEqual(t.centralBank.taylor, [], "no rule after year 1");
  }
  const terms = t.centralBank.taylor;
  assert.equal(terms[terms.length - 1].value, t.centralBank.rateAfter);
  assert.equal(t.centralBank.interest.length, 8);
});

test("bracketOf and taylorTerms by hand", () => {
  const s = taxSchedule(2019);
  const b = bracketOf(1000, s);
  assert.equal(b.lower, 808.33);
  assert.equal(b.rate, 0.12);
  near(b.below, 80.833, 1e-9);
  assert.equal(bracketOf(0, s).index, 0);
  assert.equal(bracketOf(808.33, s).index, 0); // an income on an edge is taxed in the bracket below, as in T(z)
  const terms = taylorTerms(DEFAULT_PARAMETERS, 0.04, 0.06);
  near(terms[6].value as number, 0.01 + 0.02 + 0.5 * 0.02 + 0.5 * -0.02, 1e-15);
  assert.equal(taylorTerms(DEFAULT_PARAMETERS, -0.2, 0.3)[7].value, 0);
});

test("the walkthrough runs the simulation's own stages: a bank and scenario month shows their stages, bit for bit", async () => {
  const options = {
    policy: "composite", households: 8, months: 24, seed: 4, bank: "on", startYear: 2019,
    scenario: "data/scenarios/2020-pandemic.json",
  } as const;
  const { walk, engine } = await twins(options);
  assert.deepEqual(
    walk.simulation.stages.map((s) => s.name),
    ["newYear", "levelShocks", "decide", "labor", "tax", "basicIncome", "credit", "consume", "deposits", "imbalance", "wages", "price", "centralBank", "offers"],
  );
  for (let m = 1; m <= options.months; m++) {
    const t = await walk.month();
    await engine.step();
    assert.deepEqual(unequal(economyDifferences(walk, engine)), [], `month ${m}`);
    assert.deepEqual(t.stages.map((s) => s.name), walk.simulation.stages.map((s) => s.name));
    assert.deepEqual(Object.keys(t.other).sort(), ["basicIncome", "credit", "deposits", "levelShocks", "newYear"]);
    if (t.year === 2020 && t.monthOfYear === 4) {
      // April 2020: the $1,200 stimulus is paid to every household after the tax (docs/model.md §8).
      for (const r of t.other.basicIncome.rows) near((r["s after"] as number) - (r["s before"] as number), 1200, 1e-9);
    }
    assert.deepEqual(t.centralBank.interest, [], "with the bank on, deposits earn interest monthly: no December interest");
  }
});

test("the paper's month has the paper's nine steps (and the ageing of docs/model.md §2)", async () => {
  const { walk } = await twins({ policy: "len", households: 4, months: 12, seed: 1 });
  assert.deepEqual(
    walk.simulation.stages.map((s) => `${s.name} (${s.equation})`),
    [
      "newYear (docs/model.md §2 (ages))", "decide (docs/model.md §3 step 1)", "labor (eq. 5)", "tax (eq. 1)", "consume (eqs. 6, 10, 11)",
      "imbalance (eq. 7)", "wages (eq. 8)", "price (eq. 9)", "interest (eq. 12)", "centralBank (eq. 13)", "offers (docs/model.md §2 (job offers))",
    ],
  );
});
