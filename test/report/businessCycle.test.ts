import { test } from "node:test";
import assert from "node:assert/strict";
import type { BusinessCycleRow } from "../../lib/analysis/businessCycle.js";
import { compareBusinessCycles } from "../../lib/analysis/businessCycleAcrossSeeds.js";
import { CYCLE_SERIES } from "../../lib/analysis/quarterlySeries.js";
import { businessCycleFigure, formatBusinessCycleTable, formatCycleComparison } from "../../lib/report/businessCycle.js";
import { robustSummary } from "../../lib/report/fit.js";

const table = (v: number | null): BusinessCycleRow[] =>
  CYCLE_SERIES.map((series) => ({ series, sd: v, relative_sd: v, autocorr_1: v, xcorr_p0: v } as BusinessCycleRow));

test("formatBusinessCycleTable writes run / US per statistic", () => {
  const text = formatBusinessCycleTable(table(0.5).slice(0, 1), table(1.25));
  assert.deepEqual(text.split("\n"), [
    "series (run / US)  SD (% or pp)   SD / SD(output)  autocorrelation  corr with output",
    "-----------------  -------------  ---------------  ---------------  ----------------",
    "real_gdp           0.500 / 1.250  0.500 / 1.250    0.500 / 1.250    0.500 / 1.250",
  ]);
});

test("formatCycleComparison: median, 10–90 % range, US value and its place among the seeds", () => {
  const rows = compareBusinessCycles([1, 2, 3, 4].map(table), table(2), ["relative_sd"]).slice(0, 1);
  const lines = formatCycleComparison(rows).split("\n");
  assert.equal(lines.length, 3);
  assert.match(lines[2], /^real_gdp\s+SD relative to output\s+2\.500 \[1\.300, 3\.700\]\s+4\s+2\s+50 %$/);
});

test("businessCycleFigure: one panel per statistic and series with the US value as a line", () => {
  const figure = businessCycleFigure([{ label: "cats", color: "#000", seeds: [1, 2], tables: [table(1), table(2)] }], table(1.5));
  const us = figure.data.filter((t) => t.name === "US 2001–2020");
  assert.equal(us.length, 15);
  assert.ok(us.every((t) => (t.y as number[])[0] === 1.5));
  const points = figure.data.filter((t) => t.name === "cats" && t.mode === "markers");
  assert.equal(points.length, 15);
  assert.deepEqual(points[0].y, [1, 2]);
});

test("robustSummary names every robust statistic, or null without them", () => {
  assert.equal(
    robustSummary({
      spearman: { rho: -0.38, p: 0.1078 },
      hac: { slope: -0.85, se: 0.24, p: 0.0026, lags: 2 },
      n_eff: 7.86,
      p_eff: 0.1747,
      bootstrap: { ci95: [-0.873, -0.014], block: 3, draws: 2000 },
    }),
    "Spearman ρ = -0.38 (p = 0.11); Newey–West slope p = 0.003 (2 lags); n_eff = 7.9 (p = 0.17); block bootstrap 95 % CI [-0.87, -0.01]",
  );
  assert.equal(robustSummary({}), null);
});
