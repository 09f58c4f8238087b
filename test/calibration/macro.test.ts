import { test } from "node:test";
import assert from "node:assert/strict";
import { usMacro, usMonthly, usQuarterly } from "../../lib/calibration/index.js";

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

test("the monthly and quarterly US series cover 2000–2020 and reproduce the annual benchmark", async () => {
  const months = usMonthly();
  const quarters = usQuarterly();
  assert.equal(months.length, 252);
  assert.deepEqual(months[0], { year: 2000, month: 1, UNRATE: 4.0, CPIAUCSL: 169.3, AHETPI: 13.74 });
  assert.deepEqual(months[251], { year: 2020, month: 12, UNRATE: 6.7, CPIAUCSL: 262.045, AHETPI: 25.17 });
  assert.equal(quarters.length, 84);
  assert.deepEqual(quarters[0], { year: 2000, quarter: 1, GDPC1: 13878.147, PCECC96: 9039.743 });
  assert.deepEqual(quarters[83], { year: 2020, quarter: 4, GDPC1: 20791.917, PCECC96: 14008.054 });
  // The annual file was computed from these series: the yearly mean unemployment and the change of the annual-average
  // CPI, hourly earnings and real GDP agree with it to its two decimals.
  const yearly = (year: number, pick: (m: (typeof months)[number]) => number) =>
    months.filter((m) => m.year === year).reduce((s, m) => s + pick(m), 0) / 12;
  for (const row of usMacro()) {
    assert.equal(yearly(row.year, (m) => m.UNRATE).toFixed(2), row.unemployment_pct.toFixed(2), `${row.year} unemployment`);
    const growth = (pick: (m: (typeof months)[number]) => number) => (100 * (yearly(row.year, pick) / yearly(row.year - 1, pick) - 1)).toFixed(2);
    assert.equal(growth((m) => m.CPIAUCSL), row.cpi_inflation_pct.toFixed(2), `${row.year} CPI`);
    assert.equal(growth((m) => m.AHETPI), row.ahe_growth_pct.toFixed(2), `${row.year} AHE`);
    const gdp = (year: number) => quarters.filter((q) => q.year === year).reduce((s, q) => s + q.GDPC1, 0) / 4;
    assert.equal((100 * (gdp(row.year) / gdp(row.year - 1) - 1)).toFixed(2), row.real_gdp_growth_pct.toFixed(2), `${row.year} GDP`);
  }
});
