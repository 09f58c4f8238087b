/** The shock response: medians across seeds of baseline, scenario and their per-seed difference, by year. */
import assert from "node:assert/strict";
import { test } from "node:test";
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

test("medians over three seeds, and the median of the per-seed effects (not the difference of medians)", () => {
  const baseline = [run(1, [0.04, 0.05], [null, 0.01], [1200, 1200]), run(2, [0.05, 0.05], [null, 0.02], [1200, 1200]), run(3, [0.06, 0.04], [null, 0.03], [1200, 1200])];
  const scenario = [run(1, [0.04, 0.10], [null, -0.05], [1200, 900]), run(2, [0.05, 0.06], [null, 0.0], [1200, 1080]), run(3, [0.06, 0.09], [null, -0.02], [1200, 1200])];
  const [y2008, y2009] = shockResponse(baseline, scenario, [2008, 2009]);
  assert.equal(y2008.unemployment_effect, 0);
  assert.equal(y2008.real_gdp_growth_effect, null);
  assert.equal(y2008.consumption_growth_baseline, null); // no 2007 in the runs
  assert.deepEqual([y2009.unemployment_baseline, y2009.unemployment_scenario], [0.05, 0.09]);
  // per-seed effects 0.05, 0.01, 0.05 → median 0.05 (the difference of medians would be 0.04)
  assert.ok(Math.abs(y2009.unemployment_effect - 0.05) < 1e-12);
  assert.ok(Math.abs((y2009.real_gdp_growth_effect as number) - -0.05) < 1e-12); // −0.06, −0.02, −0.05
  assert.ok(Math.abs((y2009.consumption_growth_scenario as number) - -0.1) < 1e-12); // −0.25, −0.10, 0
  assert.equal(annualGoodsBought(scenario[0].monthly!).get(2009), 900);
  // The band: 10 % and 90 % quantiles (type 7) of the per-seed effects 0.05, 0.01, 0.05 → 0.018 and 0.05.
  const [lo, hi] = y2009.unemployment_effect_band!;
  assert.ok(Math.abs(lo - 0.018) < 1e-12 && Math.abs(hi - 0.05) < 1e-12);
  assert.equal(y2008.real_gdp_growth_effect_band, null);
});

test("baseline and scenario must pair the same seeds", () => {
  assert.throws(() => shockResponse([run(1, [0, 0], [null, 0], [1, 1])], [run(2, [0, 0], [null, 0], [1, 1])], [2009]), /same seeds/);
});
