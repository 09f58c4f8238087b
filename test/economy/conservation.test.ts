import assert from "node:assert/strict";
import { test } from "node:test";
import { createSimulation } from "../../lib/run/createSimulation.js";
import { close, sum } from "../support/approx.js";

for (const policy of ["len", "cats", "composite"] as const) {
  test(`${policy}: money and goods are conserved every month for 20 years`, async () => {
    const { simulation: sim } = await createSimulation({ policy, households: 100, months: 240, seed: 2 });
    let inventory = 0;
    while (!sim.done) {
      const before = sum(sim.state.savings);
      const rate = sim.state.rate;
      const row = await sim.step();
      // Tax collected = transfers paid (budget balance of the government).
      assert.ok(close(row.tax_revenue, row.transfers), `month ${row.month}: tax ${row.tax_revenue} ≠ transfers ${row.transfers}`);
      // Σ savings changes only by labor income − spending, plus interest in December (eq. 12).
      const income = sum(sim.state.income);
      const expected = (before + income - row.consumption) * (row.month % 12 === 0 ? 1 + rate : 1);
      assert.ok(close(row.total_savings, expected), `month ${row.month}: savings ${row.total_savings} ≠ ${expected}`);
      assert.ok(close(sum(sim.state.spend), row.consumption));
      // Goods: stock + production − sales.
      assert.ok(close(row.inventory, inventory + row.production - row.goods_sold, 1e-9));
      assert.ok(row.goods_sold <= row.demand * (1 + 1e-12) && row.inventory >= -1e-9);
      inventory = row.inventory;
      assert.ok(sim.state.savings.every((s) => s >= -1e-9), "no household spends more than it has");
    }
  });
}
