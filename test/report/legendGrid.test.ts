import assert from "node:assert/strict";
import { test } from "node:test";
import { legendGridFigure } from "../../lib/report/legendGrid.js";
import { axisRefs, type ScatterTrace } from "../../lib/report/plotly.js";

const sizing = { rowHeight: 300, extraHeight: 120, bottom: 80, perEntry: 20, legendY: -0.18 };
const panels = [{ title: "p1", labels: ["a", "b"] }, { title: "p2", labels: ["a"] }, { title: "p3", labels: ["c", "a"] }];

function build(options: { title: string; cols?: number; rows?: number; height?: number }) {
  return legendGridFigure(panels, options, sizing, {
    cell: (p) => ({ title: p.title, xTitle: "x", yTitle: "y" }),
    axes: (axes, _, i) => {
      if (i === 2) axes.xaxis3 = { ...axes.xaxis3, type: "log" };
    },
    traces: (p, i, firstTime) =>
      p.labels.map((label): ScatterTrace => ({ type: "scatter", mode: "lines", name: label, x: [1], y: [i], ...axisRefs(i), showlegend: firstTime(label) })),
  });
}

test("each label is in the legend once, at its first appearance, panel by panel", () => {
  const fig = build({ title: "t", cols: 2 });
  assert.deepEqual(fig.data.map((t) => [t.name, t.xaxis, t.showlegend]), [
    ["a", "x", true], ["b", "x", true], ["a", "x2", false], ["c", "x3", true], ["a", "x3", false],
  ]);
});

test("the size follows the rows and the number of distinct labels", () => {
  // 3 panels, 2 columns → 2 rows; labels a, b, c → 3 legend entries.
  const fig = build({ title: "t", cols: 2 });
  assert.equal(fig.layout.width, 1000);
  assert.equal(fig.layout.height, 300 * 2 + 120 + 20 * 3);
  assert.deepEqual(fig.layout.margin, { t: 90, b: 80 + 20 * 3, l: 70, r: 30 });
  assert.equal(fig.layout.legend?.y, -0.18 / 2);
  assert.deepEqual(fig.layout.annotations.map((a) => a.text), ["p1", "p2", "p3"]);
  // Default: one row with a column per panel; an explicit height wins.
  const row = build({ title: "t", height: 500 });
  assert.equal(row.layout.legend?.y, -0.18);
  assert.equal(row.layout.height, 500);
  // 3 columns: gaps 0.2 / 3, cells (1 - 2 · 0.2 / 3) / 3 = 0.2889 wide; the third starts at 2 · (0.2889 + 0.0667).
  assert.deepEqual(row.layout.xaxis3.domain, [0.711111, 1]);
});

test("the axes hook edits the panel's axes and leaves the others alone", () => {
  const fig = build({ title: "t", cols: 3 });
  assert.equal(fig.layout.xaxis3.type, "log");
  assert.equal(fig.layout.xaxis.type, undefined);
  assert.equal(fig.layout.xaxis3.anchor, "y3");
});
