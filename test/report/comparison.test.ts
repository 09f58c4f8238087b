import { test } from "node:test";
import assert from "node:assert/strict";
import { comparisonFigure, comparisonPhillipsOkunFigure, HOUSEHOLD_COLORS, PALETTE } from "../../lib/report/index.js";
import { annualFixture, okunFixture, phillipsFixture } from "./fixtures.js";

test("comparisonFigure: one colour per run, each run once in the legend", () => {
  const b = annualFixture().map((row) => ({ ...row, unemployment_rate: (row.unemployment_rate ?? 0) * 2 }));
  const fig = comparisonFigure([{ label: "LLM", annual: annualFixture() }, { label: "CATS", annual: b }], "Compare");
  assert.equal(fig.data.length, 10);
  const legend = fig.data.filter((t) => t.showlegend).map((t) => t.name);
  assert.deepEqual(legend, ["LLM", "CATS"]);
  for (const t of fig.data) {
    assert.equal(t.legendgroup, t.name);
    assert.equal(t.line?.color, t.name === "LLM" ? HOUSEHOLD_COLORS.llm : HOUSEHOLD_COLORS.cats, "each household type in its own colour");
  }
  const unemployment = fig.data.filter((t) => t.xaxis === "x2").map((t) => t.y);
  assert.deepEqual(unemployment, [[5, 7, 4], [10, 14, 8]]);
  const growth = fig.data.filter((t) => t.xaxis === "x4" && t.name === "LLM");
  assert.deepEqual(growth.map((t) => [t.line?.dash, t.y]), [["solid", [null, 1.25, 2.4]], ["dash", [null, 5.3, 3.85]]]);
});

test("comparisonPhillipsOkunFigure: r and p of both fits in the run's legend label", () => {
  const fig = comparisonPhillipsOkunFigure([
    { label: "LLM", phillips: phillipsFixture(), okun: okunFixture() },
    { label: "CATS", phillips: { ...phillipsFixture(), r: 0.31, p: 0.2 }, okun: okunFixture() },
  ]);
  const legend = fig.data.filter((t) => t.showlegend).map((t) => t.name);
  assert.deepEqual(legend, [
    "LLM: Phillips r = -0.62 (p = 0.005), Okun r = -0.92 (p < 0.001)",
    "CATS: Phillips r = +0.31 (p = 0.20), Okun r = -0.92 (p < 0.001)",
  ]);
  assert.equal(fig.data.length, 8);
  const cats = fig.data.filter((t) => t.legendgroup === "CATS");
  assert.deepEqual(cats.map((t) => [t.xaxis, t.mode]), [["x", "markers"], ["x", "lines"], ["x2", "markers"], ["x2", "lines"]]);
  assert.ok(cats.every((t) => (t.marker?.color ?? t.line?.color) === PALETTE[1]));
  assert.deepEqual(cats[0].y, [1, -1.3, 2]);
});
