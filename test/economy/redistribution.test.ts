/** The redistribution schemes (docs/model.md §8): hand-solved cases, budget balance, and their ranking by inequality. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { gini } from "../../lib/stats/gini.js";
import { equalSplit, marginalUtility, redistributionScheme, welfareOptimal, type RedistributionScheme } from "../../lib/economy/redistribution.js";
import { REDISTRIBUTION_TEXT, systemPrompt } from "../../lib/households/llm/prompts.js";
import { resolveConfig } from "../../lib/run/config.js";
import { createSimulation } from "../../lib/run/createSimulation.js";
import { close } from "../support/approx.js";

const apply = (scheme: RedistributionScheme, revenue: number, incomes: number[]) => {
  const transfers = new Float64Array(incomes.length);
  scheme(revenue, Float64Array.from(incomes), transfers);
  return Array.from(transfers);
};

test("water-filling: incomes 0, 100, 500 and revenue 300 → level 200: transfers 200, 100, 0", () => {
  assert.deepEqual(apply(welfareOptimal, 300, [0, 100, 500]), [200, 100, 0]);
  // Order does not matter; ties are filled together: 50, 50, 400 with revenue 100 → both to 100.
  assert.deepEqual(apply(welfareOptimal, 100, [400, 50, 50]), [0, 50, 50]);
  // Revenue enough to lift everyone past the top: equal post-transfer incomes, (0 + 100 + 500 + 1200)/3 = 600 each.
  assert.deepEqual(apply(welfareOptimal, 1200, [0, 100, 500]), [600, 500, 100]);
  assert.deepEqual(apply(welfareOptimal, 0, [0, 100]), [0, 0]);
});

test("marginal utility, η = 1: incomes 0 and 200, revenue 200 → weights 1/100, 1/300 → transfers 150, 50", () => {
  const [a, b] = apply(marginalUtility(1), 200, [0, 200]);
  assert.ok(close(a, 150) && close(b, 50), `${a}, ${b}`);
  // η = 2: weights 1/100², 1/300² = 9 : 1 → 180, 20.
  const [c, d] = apply(marginalUtility(2), 200, [0, 200]);
  assert.ok(close(c, 180) && close(d, 20), `${c}, ${d}`);
  // Equal incomes → equal split.
  assert.ok(apply(marginalUtility(1), 90, [10, 10, 10]).every((v) => close(v, 30)));
});

test("every scheme spends exactly the revenue, never a negative transfer; inequality falls equal → marginal → optimal", () => {
  const incomes = [0, 0, 120, 340, 800, 1500, 2600, 4000, 9000, 30000];
  const revenue = 6000;
  const post = (scheme: RedistributionScheme) => {
    const t = apply(scheme, revenue, incomes);
    assert.ok(close(t.reduce((x, y) => x + y, 0), revenue));
    assert.ok(t.every((v) => v >= 0));
    return gini(incomes.map((y, i) => y + t[i]));
  };
  const [equal, marginal, optimal] = [post(equalSplit), post(marginalUtility(1)), post(welfareOptimal)];
  assert.ok(equal > marginal && marginal > optimal, `Gini equal ${equal}, marginal ${marginal}, optimal ${optimal}`);
});

test("in a run: tax collected = transfers every month, and post-transfer income Gini ranks equal > marginal > optimal", async () => {
  const meanGini: Record<string, number> = {};
  for (const redistribution of ["equal", "marginal-utility", "welfare-optimal"] as const) {
    const { simulation } = await createSimulation({ policy: "composite", households: 100, months: 60, seed: 3, redistribution });
    while (!simulation.done) {
      const row = await simulation.step();
      assert.ok(close(row.tax_revenue, row.transfers), `${redistribution} month ${row.month}`);
    }
    meanGini[redistribution] = simulation.annual.reduce((acc, r) => acc + r.gini_income, 0) / simulation.annual.length;
  }
  assert.ok(meanGini.equal > meanGini["marginal-utility"] && meanGini["marginal-utility"] > meanGini["welfare-optimal"], JSON.stringify(meanGini));
});

test("the option: names, η, and the system message tells households the scheme in force", () => {
  assert.equal(redistributionScheme("equal", 1), equalSplit);
  assert.equal(resolveConfig({}, { redistribution: "welfare-optimal" }).redistribution, "welfare-optimal");
  assert.throws(() => resolveConfig({}, { redistribution: "progressive" }), /--redistribution.*progressive.*equal, welfare-optimal, marginal-utility/);
  assert.throws(() => resolveConfig({}, { redistributionEta: "0" }), /--redistribution-eta/);
  const system = systemPrompt({ redistribution: REDISTRIBUTION_TEXT["welfare-optimal"] }, { perception: true });
  assert.match(system, /raising them to a common minimum income/);
  assert.doesNotMatch(system, /evenly redistributes/);
});
