import { test } from "node:test";
import assert from "node:assert/strict";
import { phillipsMechanism } from "../../lib/analysis/phillipsMechanism.js";
import { pearson } from "../../lib/stats/pearson.js";
import type { MonthlyRow } from "../../lib/economy/rows.js";
import { near } from "../support/approx.js";
import { row } from "../support/annualRows.js";

/** Two months per year are enough: the mechanism averages whatever months a year has. */
function month(year: number, imbalance: number, savings: number, price: number): MonthlyRow {
  const zero = Object.fromEntries(
    ["month", "mean_wage", "employed", "production", "inventory", "demand", "tax_revenue", "transfers", "consumption",
      "goods_sold", "rationed", "interest_rate", "nominal_gdp", "real_gdp"].map((c) => [c, 0]),
  );
  return { ...zero, year, imbalance, total_savings: savings, price } as MonthlyRow;
}

test("phillipsMechanism: yearly means of φ and real money balances against unemployment and wage inflation", () => {
  const annual = [
    row({ year: 2001, unemployment_rate: 0.02 }),
    row({ year: 2002, unemployment_rate: 0.03, wage_inflation: 0.01 }),
    row({ year: 2003, unemployment_rate: 0.06, wage_inflation: 0.05 }),
    row({ year: 2004, unemployment_rate: 0.01, wage_inflation: -0.02 }),
    row({ year: 2005, unemployment_rate: 0.04, wage_inflation: 0.02 }),
  ];
  const monthly = [
    month(2001, 0.9, 100, 1), month(2001, 0.9, 100, 1),
    month(2002, 0.1, 100, 2), month(2002, -0.1, 300, 2), // φ 0, real savings 100
    month(2003, 0.4, 400, 1), month(2003, 0.2, 400, 2), // φ 0.3, real savings 300
    month(2004, -0.3, 50, 1), month(2004, -0.5, 50, 1), // φ −0.4, real savings 50
    month(2005, 0.1, 200, 1), month(2005, 0.1, 200, 1), // φ 0.1, real savings 200
  ];
  const m = phillipsMechanism(monthly, annual);
  const u = [0.03, 0.06, 0.01, 0.04];
  near(m.realSavings_unemployment.r, pearson([100, 300, 50, 200], u).r as number);
  near(m.unemployment_imbalance.r, pearson(u, [0, 0.3, -0.4, 0.1]).r as number);
  near(m.imbalance_wageInflation.r, pearson([0, 0.3, -0.4, 0.1], [0.01, 0.05, -0.02, 0.02]).r as number);
  assert.equal(m.unemployment_imbalance.n, 4, "year 1 (no wage inflation) is skipped");
});

test("phillipsMechanism: a year without monthly rows is an error", () => {
  const annual = [2002, 2003, 2004].map((year) => row({ year, unemployment_rate: 0.01 * (year - 2000), wage_inflation: 0.01 }));
  assert.throws(() => phillipsMechanism([month(2002, 0, 1, 1), month(2003, 0, 1, 1)], annual), /no monthly rows for year 2004/);
});
