import { test } from "node:test";
import assert from "node:assert/strict";
import type { AnnualBand, SeedRun } from "../../lib/analysis/acrossSeeds.js";
import { bandGridFigure, bandTraces, coverageLabel, indicatorBandsFigure, withAlpha } from "../../lib/report/bands.js";
import { colorAt } from "../../lib/report/plotly.js";
import { row } from "../support/annualRows.js";

const band: AnnualBand = {
  years: [2001, 2002, 2003],
  median: [null, 0.02, 0.05],
  lower: [null, 0.01, 0.03],
  upper: [null, 0.04, 0.06],
  coverage: [0.1, 0.9],
  seeds: 10,
};

test("coverageLabel and withAlpha", () => {
  assert.equal(coverageLabel(band), "10–90% of 10 seeds");
  assert.equal(coverageLabel({ coverage: [0, 1], seeds: 1 }), "min–max of 1 seed");
  assert.equal(withAlpha("#1f77b4", 0.2), "rgba(31,119,180,0.2)");
  assert.throws(() => withAlpha("blue", 0.2), /expected a colour/);
});

test("bandTraces: lower edge, filled upper edge, median; undefined years left out; percent scaling", () => {
  const [lower, upper, median] = bandTraces({ label: "cats", band, color: "#ff7f0e", percent: true }, 1, true);
  for (const t of [lower, upper, median]) {
    assert.deepEqual(t.x, [2002, 2003]);
    assert.equal(t.xaxis, "x2");
    assert.equal(t.yaxis, "y2");
    assert.equal(t.legendgroup, "cats");
  }
  assert.deepEqual(lower.y, [1, 3]);
  assert.deepEqual(upper.y, [4, 6]);
  assert.deepEqual(median.y, [2, 5]);
  assert.equal(lower.showlegend, false);
  assert.equal(upper.fill, "tonexty");
  assert.equal(upper.fillcolor, "rgba(255,127,14,0.2)");
  assert.equal(upper.name, "cats: 10–90% of 10 seeds");
  assert.equal(median.name, "cats: median");
  const [, , level] = bandTraces({ label: "GDP", band, color: "#1f77b4", percent: false }, 0, false);
  assert.deepEqual(level.y, [0.02, 0.05]);
});

test("bandGridFigure: one subplot per panel, y axes matched, each label in the legend once", () => {
  const series = (label: string) => ({ label, band, color: colorAt(0), percent: true });
  const fig = bandGridFigure(
    [
      { title: "len", yTitle: "Unemployment (%)", series: [series("a")] },
      { title: "cats", yTitle: "", series: [series("a"), series("b")] },
    ],
    { title: "Bands" },
  );
  assert.equal(fig.layout.title.text, "Bands");
  assert.deepEqual(fig.layout.annotations.map((a) => a.text), ["len", "cats"]);
  assert.equal(fig.data.length, 9);
  assert.equal((fig.layout.yaxis2 as { matches?: string }).matches, "y");
  assert.equal((fig.layout.yaxis as { matches?: string }).matches, undefined);
  assert.equal(fig.layout.xaxis.tickformat, "d");
  const shown = fig.data.filter((t) => t.showlegend).map((t) => t.name);
  assert.deepEqual(shown, ["a: 10–90% of 10 seeds", "a: median", "b: 10–90% of 10 seeds", "b: median"]);
  const unmatched = bandGridFigure([{ title: "x", yTitle: "", series: [] }, { title: "y", yTitle: "", series: [] }], { title: "t", matchY: false });
  assert.equal((unmatched.layout.yaxis2 as { matches?: string }).matches, undefined);
  assert.deepEqual(JSON.parse(JSON.stringify(fig)), fig, "figure is plain JSON");
});

test("indicatorBandsFigure: a column per group; colour per group for one indicator, per indicator for several", () => {
  const runs = (u: number): SeedRun[] => [1, 2, 3].map((seed) => ({
    seed,
    annual: [row({ year: 2001, unemployment_rate: u * seed }), row({ year: 2002, unemployment_rate: u, real_gdp_growth: 0.01 * seed, nominal_gdp_growth: 0.02 })],
  }));
  const groups = [{ label: "len", runs: runs(0.01) }, { label: "cats", runs: runs(0.02) }];
  const one = indicatorBandsFigure(groups, [{ column: "unemployment_rate", label: "Unemployment", percent: true }], { title: "U", yTitle: "%" });
  assert.deepEqual(one.layout.annotations.map((a) => a.text), ["len", "cats"]);
  assert.deepEqual(one.data.map((t) => t.line?.color), [colorAt(0), colorAt(0), colorAt(0), colorAt(1), colorAt(1), colorAt(1)]);
  const catsMedian = one.data[5];
  assert.deepEqual(catsMedian.y, [4, 2]); // 2001: median of 2, 4, 6 %; 2002: 2 %
  assert.equal(one.layout.yaxis.title.text, "%");
  assert.equal(one.layout.yaxis2.title.text, "");
  assert.equal((one.layout.yaxis2 as { matches?: string }).matches, "y", "one y range by default");
  const own = indicatorBandsFigure(groups, [{ column: "unemployment_rate", label: "Unemployment", percent: true }], { title: "U", yTitle: "%", matchY: false });
  assert.equal((own.layout.yaxis2 as { matches?: string }).matches, undefined, "each group its own y range");
  const two = indicatorBandsFigure(
    groups,
    [
      { column: "nominal_gdp_growth", label: "Nominal", percent: true, dash: "dash" },
      { column: "real_gdp_growth", label: "Real", percent: true },
    ],
    { title: "G", yTitle: "%", coverage: [0, 1] },
  );
  assert.deepEqual(two.data.slice(0, 6).map((t) => t.line?.color), [colorAt(0), colorAt(0), colorAt(0), colorAt(1), colorAt(1), colorAt(1)]);
  assert.equal(two.data[2].line?.dash, "dash");
  assert.deepEqual(two.data[3].x, [2002], "year 1 growth is undefined in every seed");
  assert.deepEqual(two.data[3].y, [1]);
  assert.deepEqual(two.data[4].y, [3]);
  assert.equal(two.data[4].name, "Real: min–max of 3 seeds");
});
