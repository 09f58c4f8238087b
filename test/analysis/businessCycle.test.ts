import { test } from "node:test";
import assert from "node:assert/strict";
import { BUSINESS_CYCLE_COLUMNS, businessCycleTable, cycles } from "../../lib/analysis/businessCycle.js";
import { CYCLE_SERIES, quarterlySeries, usQuarterlySeries } from "../../lib/analysis/quarterlySeries.js";
import type { MonthlyRow } from "../../lib/economy/rows.js";
import { near } from "../support/approx.js";

// numpy/statsmodels 0.13.5 (test/stats/statsmodels-reference.py): sd, relative_sd, autocorr_1, xcorr_m4 … xcorr_p4,
// and AutoReg's AR(1) φ and AR(2) φ₁, φ₂.
const US: Record<string, number[]> = {
  real_gdp: [1.407161129059942, 1.0, 0.5250656698630108, 0.125373693056636, 0.20924908475245318, 0.27289247286935236, 0.525065669863011, 1.0, 0.5250656698630108, 0.27289247286935236, 0.20924908475245318, 0.12537369305663598, 0.523185839411122, 0.5214165286243257, -0.002247226066299811],
  real_consumption: [1.3786262059051448, 0.9797216377247004, 0.4178964671810445, 0.14256173128626795, 0.20879934461802943, 0.21811266829743148, 0.458527793180916, 0.9409723925493059, 0.41906914456741995, 0.187144669837837, 0.1664039314284024, 0.1259401503467815, 0.41753565723603303, 0.42507939736804684, -0.015548329624554186],
  price_level: [0.7412733201594034, 0.5267863820645851, 0.7312736268964467, -0.1993416235478384, -0.09326416954290145, 0.017334706021339293, 0.19882556653106445, 0.47444438185988, 0.4389897203010078, 0.35122877262033325, 0.4214552029950383, 0.3854781710888056, 0.7248886610025744, 0.9040524890756196, -0.2522270425413506],
  mean_wage: [0.5663436493864095, 0.4024724942230013, 0.7349773089645956, -0.4657471841629651, -0.4537226700050348, -0.3532603755475934, -0.35031806362622797, -0.6351554965168315, -0.30962887878273526, -0.11691951809632144, 0.15625694842894738, 0.2412974021452598, 0.7499299528182897, 0.5955417666466611, 0.21854195140551974],
  unemployment: [1.2223539024431522, 0.868666620474195, 0.5324941906197669, -0.06611349338078411, -0.16623417181907418, -0.20629257277984844, -0.3501099471999833, -0.9183486644455187, -0.6316903641387018, -0.3418118039186401, -0.26937075683110867, -0.21121885267676588, 0.5311719007976541, 0.5300078345669188, -0.0022603448424941136],
};

test("the US business-cycle table 2001–2020 agrees with statsmodels' hpfilter and numpy", () => {
  const us = usQuarterlySeries();
  assert.equal(us.real_gdp.length, 80);
  near(us.unemployment[32], (7.8 + 8.3 + 8.7) / 3, 1e-12); // 2009Q1
  const table = businessCycleTable(us);
  assert.deepEqual(table.map((r) => r.series), [...CYCLE_SERIES]);
  for (const row of table) {
    assert.deepEqual(Object.keys(row), [...BUSINESS_CYCLE_COLUMNS]);
    BUSINESS_CYCLE_COLUMNS.slice(1).forEach((column, i) => near(row[column as keyof typeof row] as number, US[row.series][i], 1e-8));
  }
  assert.throws(() => usQuarterlySeries(1999, 2020), /2000 ≤ from ≤ to ≤ 2020, got 1999..2020/);
});

/** Monthly rows with only the columns quarterlySeries reads. */
function months(values: { real_gdp: number; goods_sold: number; price: number; mean_wage: number; employed: number }[]): MonthlyRow[] {
  return values.map((v, k) => ({ month: k + 1, year: 2001 + Math.floor(k / 12), ...v }) as unknown as MonthlyRow);
}

test("quarterlySeries sums real GDP and goods bought and averages price, wage and unemployment", () => {
  const rows = months([
    { real_gdp: 10, goods_sold: 8, price: 1, mean_wage: 20, employed: 9 },
    { real_gdp: 12, goods_sold: 9, price: 2, mean_wage: 21, employed: 8 },
    { real_gdp: 14, goods_sold: 7, price: 3, mean_wage: 22, employed: 10 },
    { real_gdp: 9, goods_sold: 6, price: 4, mean_wage: 23, employed: 7 },
    { real_gdp: 9, goods_sold: 6, price: 4, mean_wage: 23, employed: 7 },
    { real_gdp: 9, goods_sold: 6, price: 4, mean_wage: 23, employed: 7 },
  ]);
  const q = quarterlySeries(rows, 10);
  assert.deepEqual(q.real_gdp, [36, 27]);
  assert.deepEqual(q.real_consumption, [24, 18]);
  assert.deepEqual(q.price_level, [2, 4]);
  assert.deepEqual(q.mean_wage, [21, 23]);
  near(q.unemployment[0], 10, 1e-12); // (10 % + 20 % + 0 %) / 3
  near(q.unemployment[1], 30, 1e-12);
  assert.throws(() => quarterlySeries(rows.slice(0, 4), 10), /4 months are not whole quarters/);
});

test("businessCycleTable invariants: output's own row, scale invariance, undefined statistics null", () => {
  const n = 40;
  const wave = (phase: number) => Array.from({ length: n }, (_, t) => Math.exp(0.01 * t + 0.03 * Math.sin((2 * Math.PI * (t + phase)) / 12)));
  const series = { real_gdp: wave(0), real_consumption: wave(2), price_level: wave(0).map((v) => 5 * v), mean_wage: Array(n).fill(3), unemployment: wave(6).map((v) => 10 * v) };
  const table = businessCycleTable(series);
  const [gdp, consumption, price, wage] = table;
  assert.equal(gdp.relative_sd, 1);
  near(gdp.xcorr_p0, 1, 1e-12);
  near(gdp.autocorr_1, gdp.xcorr_p1!, 1e-12); // the same pairs
  // A constant multiple is a constant shift of 100·log: the same cycle.
  near(price.sd, gdp.sd!, 1e-9);
  near(price.xcorr_p0, 1, 1e-9);
  // Consumption is output shifted two quarters earlier: corr(output_t, c_{t+k}) peaks at k = −2.
  const xc = [consumption.xcorr_m4, consumption.xcorr_m3, consumption.xcorr_m2, consumption.xcorr_m1, consumption.xcorr_p0];
  assert.equal(xc.indexOf(Math.max(...(xc as number[]))), 2);
  assert.deepEqual([wage.sd, wage.relative_sd, wage.autocorr_1, wage.xcorr_p0], [0, 0, null, null]);
  assert.deepEqual([wage.ar1_phi, wage.ar2_phi1, wage.ar2_phi2], [null, null, null]);
  // Output's AR(1) φ is the OLS slope of c_t on c_{t−1}: near its first-order autocorrelation, not equal (own means).
  assert.ok(Math.abs(gdp.ar1_phi! - gdp.autocorr_1!) < 0.05);
  // A level that is not positive has no log cycle; a 2-quarter run has no cycle at all.
  assert.equal(cycles({ ...series, real_consumption: series.real_consumption.map((v, t) => (t === 3 ? 0 : v)) }).real_consumption, null);
  const short = businessCycleTable({ real_gdp: [1, 2], real_consumption: [1, 2], price_level: [1, 2], mean_wage: [1, 2], unemployment: [1, 2] });
  assert.ok(short.every((row) => BUSINESS_CYCLE_COLUMNS.slice(1).every((c) => row[c as keyof typeof row] === null)));
});
