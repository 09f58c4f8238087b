/** Per-household behaviour, its wage-decile table and the unilateral work deviation, on hand-checkable economies. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { fixedPolicy } from "../../lib/households/rules/ruleBased.js";
import { createSimulation } from "../../lib/run/createSimulation.js";
import { behaviourByWageDecile, householdBehaviour, type HouseholdBehaviour } from "../../lib/training/behaviour.js";
import { forcedWork, workDeviations } from "../../lib/training/bestResponse.js";
import { meanUtility } from "../../lib/training/evaluate.js";

const ECONOMY = { households: 10, months: 12, seed: 1 };

test("nobody works or buys: money and spending stay 0, so every month's utility is (−2)·(−2) − 0 = 4", async () => {
  assert.equal(await meanUtility(fixedPolicy(0, 0), ECONOMY), 4);
  const { simulation } = await createSimulation(ECONOMY, fixedPolicy(0, 0));
  for (const row of await householdBehaviour(simulation)) {
    assert.deepEqual([row.work_propensity, row.worked, row.consumption_propensity, row.savings_months, row.utility], [0, 0, 0, 0, 4]);
  }
});

test("forcing one household not to work: it never works, the others always do, and the propensities are recorded", async () => {
  const { simulation } = await createSimulation(ECONOMY, forcedWork(fixedPolicy(1, 0.5), 3, 0));
  const rows = await householdBehaviour(simulation);
  assert.deepEqual(rows.map((r) => r.worked), [1, 1, 1, 0, 1, 1, 1, 1, 1, 1]);
  assert.deepEqual(rows.map((r) => r.work_propensity), [1, 1, 1, 0, 1, 1, 1, 1, 1, 1]);
  assert.ok(rows.every((r) => r.consumption_propensity === 0.5));
});

test("wage deciles: households sorted by initial wage, ten equal groups, means within each", () => {
  const rows: HouseholdBehaviour[] = Array.from({ length: 20 }, (_, i) => ({
    household: i,
    initial_wage: 20 - i, // household 19 earns least
    work_propensity: i % 2,
    worked: 1,
    consumption_propensity: 0.5,
    savings_months: i,
    utility: 2 * i,
  }));
  const deciles = behaviourByWageDecile(rows);
  assert.equal(deciles.length, 10);
  assert.deepEqual(deciles[0], {
    decile: 1, households: 2, initial_wage: 1.5, work_propensity: 0.5, worked: 1, consumption_propensity: 0.5, savings_months: 18.5, utility: 37,
  });
  assert.equal(deciles[9].initial_wage, 19.5);
  assert.equal(deciles[9].savings_months, 0.5);
});

test("work deviation when nobody buys anything: working only adds money, which the zero consumption term turns negative", async () => {
  // Base: nobody works or buys, utility 4 a month. Household 0 always working: money s > P accumulates, so
  // CRRA(s/P) > 0 multiplies CRRA(0) = −2, and the labor cost 168 comes on top: every month is below −168.
  const [deviation, other] = await workDeviations(async () => fixedPolicy(0, 0), ECONOMY, [0, 5]);
  assert.equal(deviation.as_trained, 4);
  assert.equal(deviation.never_work, 4);
  assert.ok(deviation.always_work < -168, `always work: ${deviation.always_work}`);
  assert.equal(deviation.best, "as trained");
  assert.equal(other.household, 5);
  assert.ok(other.always_work < -168);
});
