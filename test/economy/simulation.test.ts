import assert from "node:assert/strict";
import { test } from "node:test";
import { annualize } from "../../lib/analysis/annualize.js";
import { jobTitles } from "../../lib/calibration/jobs.js";
import { BUCKETS, wageBucket } from "../../lib/economy/jobs.js";
import { createSimulation } from "../../lib/run/createSimulation.js";

test("same seed ⇒ identical rows; different seed ⇒ different rows", async () => {
  const rows = async (seed: number) => {
    const { simulation } = await createSimulation({ policy: "composite", households: 50, months: 36, seed });
    await simulation.run();
    return { monthly: simulation.monthly, annual: simulation.annual };
  };
  assert.deepEqual(await rows(4), await rows(4));
  assert.notDeepEqual((await rows(4)).monthly, (await rows(5)).monthly);
});

test("annualize(monthly) reproduces the simulation's annual macro indicators", async () => {
  const { simulation } = await createSimulation({ policy: "len", households: 100, months: 120, seed: 3 });
  await simulation.run();
  const again = annualize(simulation.monthly, 100);
  assert.equal(again.length, 10);
  again.forEach((row, y) => {
    for (const [key, value] of Object.entries(row)) {
      assert.equal(value, simulation.annual[y][key as keyof typeof row], `${row.year} ${key}`);
    }
  });
});

test("annual indicators by hand on a two-year toy table", () => {
  // 2 households; year 1 price 10 and mean wage 5 every month, one unemployed household-month in total;
  // year 2 price 11, wage 6, three unemployed household-months.
  const month = (m: number, year: number, price: number, wage: number, employed: number) => ({
    month: m, year, price, mean_wage: wage, employed, production: 168 * employed, inventory: 0, demand: 0,
    imbalance: 0, tax_revenue: 0, transfers: 0, consumption: 0, goods_sold: 0, rationed: 0, total_savings: 0,
    interest_rate: year === 2001 ? 0.03 : 0.05, nominal_gdp: 168 * employed * price, real_gdp: 168 * employed * 10,
  });
  const rows = [];
  for (let m = 1; m <= 12; m++) rows.push(month(m, 2001, 10, 5, m === 1 ? 1 : 2));
  for (let m = 13; m <= 24; m++) rows.push(month(m, 2002, 11, 6, m <= 15 ? 1 : 2));
  const [y1, y2] = annualize(rows, 2);
  assert.equal(y1.unemployment_rate, 1 / 24);
  assert.equal(y1.price_inflation, null);
  assert.equal(y2.unemployment_rate, 3 / 24);
  assert.ok(Math.abs(y2.price_inflation! - 0.1) < 1e-12);
  assert.ok(Math.abs(y2.wage_inflation! - 0.2) < 1e-12);
  assert.equal(y2.unemployment_growth, 2); // 3 unemployed months vs 1: +200 %
  assert.equal(y1.real_gdp, 168 * 23 * 10);
  assert.ok(Math.abs(y2.real_gdp_growth! - (21 / 23 - 1)) < 1e-12);
  assert.ok(Math.abs(y2.nominal_gdp_growth! - ((21 * 11) / (23 * 10) - 1)) < 1e-12);
  assert.equal(y2.interest_rate, 0.05);
});

test("initial economy: P0 = mean wage, everyone unemployed with an offer from its wage bucket; ages 18–60 and +1 a year", async () => {
  const { simulation, identities } = await createSimulation({ policy: "composite", households: 1000, months: 24, seed: 9 });
  const s = simulation.state;
  const meanWage = s.wage.reduce((a, b) => a + b, 0) / s.n;
  assert.ok(Math.abs(s.initialPrice - meanWage) < 1e-9);
  for (let i = 0; i < s.n; i++) {
    assert.equal(s.job[i], -1);
    assert.equal(Math.floor(s.offer[i] / 10), wageBucket(168 * s.wage[i], s.bucketEdges));
    assert.ok(s.age[i] >= 18 && s.age[i] <= 60);
  }
  // Deciles: each bucket holds a tenth of the households at the start.
  const counts = new Array(BUCKETS).fill(0);
  for (let i = 0; i < s.n; i++) counts[wageBucket(168 * s.wage[i], s.bucketEdges)]++;
  assert.deepEqual(counts, new Array(BUCKETS).fill(100));
  assert.equal(new Set(Array.from({ length: s.n }, (_, i) => identities.nameOf(i))).size, 1000);
  assert.equal(jobTitles().flat().length, 100);
  const ages = Uint8Array.from(s.age);
  await simulation.run();
  for (let i = 0; i < s.n; i++) assert.equal(s.age[i], ages[i] + 1); // 24 months: one birthday (month 13)
  for (let i = 0; i < s.n; i++) if (s.worked[i]) assert.equal(s.job[i], s.offer[i]);
});
