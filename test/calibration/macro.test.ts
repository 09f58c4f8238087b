import { test } from "node:test";
import assert from "node:assert/strict";
import { usMacro } from "../../lib/calibration/index.js";

test("US macro series covers 2001..2020 and 2009 matches the table", () => {
  const rows = usMacro();
  assert.equal(rows.length, 20);
  assert.deepEqual(rows.map((r) => r.year), Array.from({ length: 20 }, (_, k) => 2001 + k));
  assert.deepEqual(rows.find((r) => r.year === 2009), {
    year: 2009,
    unemployment_pct: 9.28,
    cpi_inflation_pct: -0.32,
    real_gdp_growth_pct: -2.58,
    ahe_growth_pct: 2.99,
  });
  assert.deepEqual(rows[19], {
    year: 2020,
    unemployment_pct: 8.1,
    cpi_inflation_pct: 1.25,
    real_gdp_growth_pct: -2.08,
    ahe_growth_pct: 5.03,
  });
});
