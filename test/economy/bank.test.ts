/** Savings and loans (`--bank on`, docs/model.md §8): hand-computed loans, arrears and default, stock-flow consistency. */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { test } from "node:test";
import { fields } from "../../lib/readBack.js";
import {
  allocateBank, annuity, availableCredit, DEFAULT_BANK, operateBank, placeDeposits,
} from "../../lib/economy/bank.js";
import { allocateState } from "../../lib/economy/state.js";
import { ruleBankDecisions } from "../../lib/households/rules/bankRules.js";
import type { MonthlyRow } from "../../lib/economy/rows.js";
import { dataPath } from "../../lib/paths.js";
import type { RunConfig } from "../../lib/run/config.js";
import { createSimulation } from "../../lib/run/createSimulation.js";
import { close, sum } from "../support/approx.js";

/** One household earning $10 an hour (credit line 3 × 168 × 10 = $5,040) at a 3% policy rate. */
function oneHousehold() {
  const state = allocateState(1, 1, 0.03, new Float64Array(9));
  state.wage[0] = 10;
  return { state, bank: allocateBank(1) };
}
const i = (0.03 + 0.02) / 12; // monthly loan rate

test("annuity: 1200 over 12 months at 0% is 100; 1000 at 1% a month is 88.85", () => {
  assert.equal(annuity(1200, 0, 12), 100);
  assert.ok(close(annuity(1000, 0.01, 12), 88.84878867834168));
  assert.equal(annuity(0, 0.01, 12), 0);
});

test("a full draw repaid on schedule: 12 annuity instalments clear it, and the bank earns exactly the interest", () => {
  const { state, bank } = oneHousehold();
  operateBank(bank, state, Float64Array.of(1), 1, DEFAULT_BANK, 168);
  assert.equal(bank.debt[0], 5040);
  assert.equal(state.savings[0], 5040);
  assert.equal(bank.instalment[0], annuity(5040, i, 12));
  assert.equal(bank.reserves, -5040);
  state.savings[0] = 1e6; // always able to pay
  let repaid = 0;
  for (let month = 2; month <= 13; month++) repaid += operateBank(bank, state, Float64Array.of(0), month, DEFAULT_BANK, 168).repayments;
  assert.equal(bank.debt[0], 0);
  assert.ok(close(repaid, 12 * annuity(5040, i, 12), 1e-9));
  assert.ok(close(bank.equity, repaid - 5040, 1e-9));
  assert.ok(close(bank.reserves, repaid - 5040, 1e-9));
});

test("missed instalments: arrears for two months, default at the third, write-off of the accrued debt, credit frozen 24 months", () => {
  const { state, bank } = oneHousehold();
  operateBank(bank, state, Float64Array.of(1), 1, DEFAULT_BANK, 168);
  state.savings[0] = 0; // spent it all, earns nothing
  const m2 = operateBank(bank, state, Float64Array.of(1), 2, DEFAULT_BANK, 168);
  assert.deepEqual([m2.missed, bank.missed[0], m2.newLending], [1, 1, 0]); // in arrears: no new draw
  assert.ok(close(bank.debt[0], 5040 * (1 + i)));
  const m3 = operateBank(bank, state, Float64Array.of(0), 3, DEFAULT_BANK, 168);
  assert.equal(m3.missed, 1);
  const m4 = operateBank(bank, state, Float64Array.of(0), 4, DEFAULT_BANK, 168);
  assert.equal(m4.defaults, 1);
  assert.ok(close(m4.writeOffs, 5040 * (1 + i) ** 3));
  assert.deepEqual([bank.debt[0], bank.instalment[0], bank.missed[0], bank.frozenUntil[0]], [0, 0, 0, 29]);
  assert.equal(availableCredit(bank, state, 0, 28, DEFAULT_BANK, 168), 0);
  assert.equal(availableCredit(bank, state, 0, 29, DEFAULT_BANK, 168), 5040);
  // The bank lost the principal: its equity is −5,040, the cash it lent.
  assert.ok(close(bank.equity, -5040, 1e-9));
  assert.ok(close(bank.reserves, -5040, 1e-9));
});

test("deposits: the saving share of money after purchases; interest r/12 a month paid from the bank's equity", () => {
  const { state, bank } = oneHousehold();
  state.savings[0] = 1000;
  placeDeposits(bank, state, Float64Array.of(0.5));
  assert.deepEqual([bank.deposit[0], bank.reserves], [500, 500]);
  const flows = operateBank(bank, state, Float64Array.of(0), 2, DEFAULT_BANK, 168);
  assert.ok(close(flows.depositInterest, 500 * 0.0025));
  assert.ok(close(state.savings[0], 1000 + 1.25) && close(bank.deposit[0], 501.25));
  assert.ok(close(bank.equity, -1.25));
});

test("the rules: keep everything on deposit; borrow only up to one month's expected income", () => {
  const { state, bank } = oneHousehold();
  const saving = new Float64Array(1);
  const borrow = new Float64Array(1);
  state.savings[0] = 680; // one month of income is 168 × 10 = 1,680: 1,000 short
  ruleBankDecisions(bank, state, 1, DEFAULT_BANK, 168, saving, borrow);
  assert.equal(saving[0], 1);
  assert.ok(close(borrow[0], 1000 / 5040));
  state.savings[0] = 2000;
  ruleBankDecisions(bank, state, 1, DEFAULT_BANK, 168, saving, borrow);
  assert.equal(borrow[0], 0);
});

/** Run `config` for 20 years checking every month that households' and the bank's balance sheets are stock-flow consistent. */
async function stockFlowConsistentRun(config: Partial<RunConfig>) {
  const { simulation: sim } = await createSimulation({ households: 100, months: 240, ...config });
  const bank = sim.bank!.state;
  let equity = 0;
  const s = sim.state;
  while (!sim.done) {
    const money = sum(s.savings);
    const [savings, debt, deposit, frozen, rate] = [Float64Array.from(s.savings), Float64Array.from(bank.debt), Float64Array.from(bank.deposit), Int32Array.from(bank.frozenUntil), s.rate];
    const row = await sim.step();
    // Every household: Δmoney = income − tax + transfer − spending + loan drawn − instalment paid + deposit interest,
    // where the instalment paid is what the debt fell by beyond its interest (unless the loan was written off).
    for (let h = 0; h < s.n; h++) {
      if (bank.frozenUntil[h] !== frozen[h]) continue; // defaulted this month: nothing paid, debt written off
      const paid = debt[h] * (1 + (rate + 0.02) / 12) + bank.drawn[h] - bank.debt[h];
      const expected = savings[h] + s.income[h] - s.tax[h] + s.transfer[h] - s.spend[h] + bank.drawn[h] - paid + (deposit[h] * rate) / 12;
      assert.ok(close(s.savings[h], expected, 1e-9), `month ${row.month}, household ${h}: money ${s.savings[h]} ≠ ${expected}`);
    }
    // The bank: equity = reserves + loans − deposits, and it moves only by interest and write-offs.
    assert.ok(close(bank.equity, bank.reserves + sum(bank.debt) - sum(bank.deposit), 1e-9), `month ${row.month}: balance sheet`);
    assert.ok(close(bank.equity - equity, row.loan_interest! - row.deposit_interest! - row.write_offs!, 1e-9), `month ${row.month}: equity`);
    equity = bank.equity;
    // Households: money changes by income − spending + loans − instalments + deposit interest (tax = transfers).
    const expected = money + sum(sim.state.income) - row.consumption + row.new_lending! - row.repayments! + row.deposit_interest!;
    assert.ok(close(row.total_savings, expected, 1e-9), `month ${row.month}: household money`);
    assert.ok(close(row.tax_revenue, row.transfers));
    for (let h = 0; h < sim.state.n; h++) assert.ok(bank.deposit[h] <= sim.state.savings[h] + 1e-9 && bank.debt[h] >= 0);
  }
  return sim;
}

const total = (rows: readonly MonthlyRow[], column: "defaults" | "missed_payments" | "write_offs" | "new_lending" | "deposits") =>
  rows.reduce((acc, row) => acc + (row[column] ?? 0), 0);

test("a 20-year run with the bank: balance sheets are stock-flow consistent every month", async () => {
  const sim = await stockFlowConsistentRun({ policy: "composite", seed: 2, bank: true, creditMultiple: 6 });
  const last = sim.annual[sim.annual.length - 1];
  assert.equal(typeof last.household_debt, "number");
  assert.ok(last.new_lending! > 0);
});

test("data/configs/hand-to-mouth-borrowers.json: households miss instalments and default, and the books still balance", async () => {
  const config = JSON.parse(fs.readFileSync(dataPath("configs", "hand-to-mouth-borrowers.json"), "utf8")) as Partial<RunConfig>;
  const sim = await stockFlowConsistentRun({ ...config, seed: 1 });
  assert.ok(total(sim.monthly, "missed_payments") > 0, "arrears occur");
  assert.ok(total(sim.monthly, "defaults") > 0 && total(sim.monthly, "write_offs") > 0, "loans default and are written off");
  assert.ok(sim.annual.some((y) => (y.default_rate ?? 0) > 0), "a positive annual default rate");
});

test("credit off (--credit-multiple 0): a deposits-only bank never lends", async () => {
  const sim = await stockFlowConsistentRun({ policy: "composite", seed: 1, bank: true, creditMultiple: 0 });
  assert.equal(total(sim.monthly, "new_lending"), 0);
  assert.ok(sim.monthly.every((m) => m.household_debt === 0));
  assert.ok(total(sim.monthly, "deposits") > 0);
});

test("a checkpoint carries the bank: stopping at month 30 and restoring gives the same run", async () => {
  const options = { policy: "composite" as const, households: 50, months: 60, seed: 4, bank: true };
  const whole = (await createSimulation(options)).simulation;
  await whole.run();
  const first = (await createSimulation(options)).simulation;
  for (let m = 0; m < 30; m++) await first.step();
  const snapshot = JSON.parse(JSON.stringify(first.snapshot()));
  const second = (await createSimulation(options)).simulation;
  second.restore(snapshot, fields("checkpoint.json"));
  await second.run();
  assert.deepEqual(second.monthly, whole.monthly);
  assert.deepEqual(second.annual, whole.annual);
});
