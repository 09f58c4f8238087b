/** Annual indicators from monthly rows (docs/model.md §4), computed by hand. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { growth, yearIndicators } from "../../lib/economy/indicators.js";
import type { MonthlyRow } from "../../lib/economy/rows.js";
import { near } from "../support/approx.js";

/** Twelve months of a year with N = 10: only the columns the indicators read matter. */
function year(y: number, f: (m: number) => { employed: number; price: number; wage: number; nominal: number; real: number; rate: number }): MonthlyRow[] {
  return Array.from({ length: 12 }, (_, k) => {
    const v = f(k);
    return {
      month: (y - 2001) * 12 + k + 1, year: y, price: v.price, mean_wage: v.wage, employed: v.employed, production: 0,
      inventory: 0, demand: 0, imbalance: 0, tax_revenue: 0, transfers: 0, consumption: 0, goods_sold: 0, rationed: 0,
      total_savings: 0, interest_rate: v.rate, nominal_gdp: v.nominal, real_gdp: v.real,
    };
  });
}

test("unemployment, inflation, GDP and growth of a year against the previous one", () => {
  // Year 1: 8 of 10 employed every month, price 100, wage 20, nominal 1000 and real 900 a month, rate 0.03.
  const y1 = year(2001, () => ({ employed: 8, price: 100, wage: 20, nominal: 1000, real: 900, rate: 0.03 }));
  // Year 2: 9 employed in months 1–6 and 6 in months 7–12 (unemployed 6·1 + 6·4 = 30 of 120), prices 105 then
  // 115 (mean 110), wages 21, nominal 1100, real 990, the rate 0.05 in force from January.
  const y2 = year(2002, (k) => ({ employed: k < 6 ? 9 : 6, price: k < 6 ? 105 : 115, wage: 21, nominal: 1100, real: 990, rate: k === 0 ? 0.05 : 0.04 }));
  const first = yearIndicators(y1, null, 10);
  assert.equal(first.year, 2001);
  near(first.unemployment_rate, 24 / 120, 1e-15);
  assert.equal(first.price_inflation, null, "year 1 has no previous year");
  assert.equal(first.wage_inflation, null);
  assert.equal(first.nominal_gdp, 12000);
  assert.equal(first.real_gdp, 10800);
  assert.equal(first.nominal_gdp_growth, null);
  assert.equal(first.unemployment_growth, null);
  assert.equal(first.interest_rate, 0.03);
  const second = yearIndicators(y2, y1, 10);
  near(second.unemployment_rate, 30 / 120, 1e-15);
  near(second.price_inflation as number, 110 / 100 - 1, 1e-12);
  near(second.wage_inflation as number, 21 / 20 - 1, 1e-12);
  near(second.nominal_gdp_growth as number, 13200 / 12000 - 1, 1e-12);
  near(second.real_gdp_growth as number, 11880 / 10800 - 1, 1e-12);
  near(second.unemployment_growth as number, 30 / 24 - 1, 1e-12);
  assert.equal(second.interest_rate, 0.05, "the rate in force in January, set by the previous December's rule");
});

test("growth is undefined from a zero or missing base", () => {
  assert.equal(growth(5, 0), null);
  assert.equal(growth(5, null), null);
  assert.equal(growth(5, undefined), null);
  near(growth(6, 5) as number, 0.2, 1e-15);
});
