/** The shock response: per-seed differences scenario − baseline and their spread over the seeds, by year; the US trend deviation. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { preShockDeviation } from "../../lib/analysis/preShockDeviation.js";
import { annualGoodsBought, shockResponse } from "../../lib/analysis/shockResponse.js";
import type { SeedRun } from "../../lib/analysis/acrossSeeds.js";
import type { AnnualRow, MonthlyRow } from "../../lib/economy/rows.js";

const run = (seed: number, unemployment: [number, number], growth: [number | null, number], goods: [number, number]): SeedRun => ({
  seed,
  annual: [2008, 2009].map((year, k) => ({ year, unemployment_rate: unemployment[k], real_gdp_growth: growth[k] }) as unknown as AnnualRow),
  monthly: [2008, 2009].flatMap((year, k) =>
    Array.from({ length: 12 }, (_, m) => ({ year, month: 12 * k + m + 1, goods_sold: goods[k] / 12 }) as unknown as MonthlyRow),
  ),
});

test("effects are subtracted seed by seed and summarised with their spread (not a difference of medians)", () => {
  const baseline = [run(1, [0.04, 0.05], [null, 0.01], [1200, 1200]), run(2, [0.05, 0.05], [null, 0.02], [1200, 1200]), run(3, [0.06, 0.04], [null, 0.03], [1200, 1200])];
  const scenario = [run(1, [0.04, 0.10], [null, -0.05], [1200, 900]), run(2, [0.05, 0.06], [null, 0.0], [1200, 1080]), run(3, [0.06, 0.09], [null, -0.02], [1200, 1200])];
  const effects = shockResponse(baseline, scenario, [2008, 2009]);
  assert.deepEqual(effects.map((e) => `${e.year} ${e.indicator}`), [
    "2008 unemployment_rate", "2008 real_gdp_growth", "2008 consumption_growth",
    "2009 unemployment_rate", "2009 real_gdp_growth", "2009 consumption_growth",
  ]);
  const [u2008, g2008, c2008, u2009, g2009, c2009] = effects;
  assert.deepEqual([u2008.mean, u2008.sd, u2008.min, u2008.max, u2008.seeds], [0, 0, 0, 0, 3]);
  assert.deepEqual([g2008.seeds, g2008.mean, c2008.seeds], [0, null, 0]); // no growth in the first year, no 2007 goods
  // per-seed effects 0.05, 0.01, 0.05: mean 0.11/3, sd √(((0.05−m)²·2 + (0.01−m)²)/2) = 0.023094, min 0.01, max 0.05
  const near = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);
  u2009.per_seed.forEach((v, k) => near(v, [0.05, 0.01, 0.05][k]));
  near(u2009.mean, 0.11 / 3);
  near(u2009.sd, 0.023094010767585032);
  near(u2009.min, 0.01);
  near(u2009.max, 0.05);
  g2009.per_seed.forEach((v, k) => near(v, [-0.06, -0.02, -0.05][k]));
  c2009.per_seed.forEach((v, k) => near(v, [-0.25, -0.1, 0][k])); // goods 900, 1080, 1200 after 1200
  assert.equal(annualGoodsBought(scenario[0].monthly!).get(2009), 900);
});

test("baseline and scenario must pair the same seeds", () => {
  assert.throws(() => shockResponse([run(1, [0, 0], [null, 0], [1, 1])], [run(2, [0, 0], [null, 0], [1, 1])], [2009]), /same seeds/);
});

test("the US deviation from its pre-shock trend: the series minus its mean over the window", () => {
  const series = [2004, 2005, 2006, 2007, 2008].map((year, k) => ({ year, value: [3, 4, 5, 6, 9][k] }));
  // mean of 4, 5, 6 (2005–2007) is 5; 2004 is before the window and dropped
  assert.deepEqual(preShockDeviation(series, 2008, 3), [2005, 2006, 2007, 2008].map((year, k) => ({ year, value: [-1, 0, 1, 4][k] })));
  assert.throws(() => preShockDeviation(series, 2008, 5), /no value for 2003/);
});
