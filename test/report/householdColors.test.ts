import { test } from "node:test";
import assert from "node:assert/strict";
import type { SeedRun } from "../../lib/analysis/acrossSeeds.js";
import { indicatorBandsFigure } from "../../lib/report/bands.js";
import { comparisonFigure } from "../../lib/report/comparison.js";
import { HOUSEHOLD_COLORS, PALETTE, REFERENCE_COLOR, colorAt, seriesColor } from "../../lib/report/plotly.js";
import { row } from "../support/annualRows.js";

test("seriesColor: a household type keeps its Okabe–Ito colour whatever its position; other labels cycle the palette", () => {
  assert.equal(seriesColor("len", 4), "#0072B2");
  assert.equal(seriesColor("cats", 0), "#E69F00");
  assert.equal(seriesColor("composite", 0), "#009E73");
  assert.equal(seriesColor("llm (seed 1)", 0), "#D55E00");
  assert.equal(seriesColor("aieco (seed 1)", 0), "#CC79A7");
  assert.equal(seriesColor("AI-Eco", 0), colorAt(0), "only the type names the toolkit uses are recognised");
  assert.equal(seriesColor("progressive", 2), colorAt(2));
  assert.equal(seriesColor("US 2001–2020", 3), REFERENCE_COLOR, "US data is black, like every reference");
  assert.equal(seriesColor("usual", 1), colorAt(1));
  const colours = Object.values(HOUSEHOLD_COLORS);
  assert.equal(new Set(colours).size, colours.length, "no two household types share a colour");
  assert.ok(!colours.includes(REFERENCE_COLOR), "references (US data, published values) never take a type's colour");
  for (const c of colours) assert.ok((PALETTE as readonly string[]).includes(c));
});

test("figures colour a household type the same in any order: LEN is blue first or last", () => {
  const runs: SeedRun[] = [1, 2].map((seed) => ({ seed, annual: [row({ year: 2001, unemployment_rate: 0.01 * seed }), row({ year: 2002, unemployment_rate: 0.02 })] }));
  const spec = [{ column: "unemployment_rate" as const, label: "Unemployment", percent: true }];
  const options = { title: "U", yTitle: "%" };
  const a = indicatorBandsFigure([{ label: "len", runs }, { label: "aieco", runs }], spec, options);
  const b = indicatorBandsFigure([{ label: "aieco", runs }, { label: "len", runs }], spec, options);
  const colourOf = (fig: typeof a, group: string) => new Set(fig.data.filter((t) => t.legendgroup === group).map((t) => t.line?.color));
  assert.deepEqual(colourOf(a, "len"), new Set(["#0072B2"]));
  assert.deepEqual(colourOf(b, "len"), new Set(["#0072B2"]));
  assert.deepEqual(colourOf(b, "aieco"), new Set(["#CC79A7"]));
  const annual = runs[0].annual;
  const cmp = comparisonFigure([{ label: "cats", annual }, { label: "len", annual }], "t");
  assert.deepEqual(new Set(cmp.data.filter((t) => t.name === "len").map((t) => t.line?.color)), new Set(["#0072B2"]));
  assert.deepEqual(new Set(cmp.data.filter((t) => t.name === "cats").map((t) => t.line?.color)), new Set(["#E69F00"]));
});
