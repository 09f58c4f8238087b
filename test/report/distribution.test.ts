import { test } from "node:test";
import assert from "node:assert/strict";
import { distributionFigure } from "../../lib/report/distribution.js";

const panel = (title: string) => ({
  title,
  yTitle: "r",
  groups: [
    { label: "len", color: "#1f77b4", values: [0.5, null, 0.7, 0.9], seeds: [1, 2, 3, 4] },
    { label: "cats", color: "#ff7f0e", values: [0.6], seeds: [7] },
  ],
  references: [{ label: "paper", value: -0.619, color: "#d62728", dash: "dash" as const }],
});

test("distributionFigure: points per seed, median bar and 10–90% whisker, references across the subplot", () => {
  const fig = distributionFigure([panel("Phillips"), panel("Okun")], { title: "r over seeds", yRange: [-1, 1] });
  const [points, whisker, median, single, singleWhisker, singleMedian, reference] = fig.data;
  assert.equal(points.mode, "markers");
  assert.deepEqual(points.y, [0.5, 0.7, 0.9], "the undefined value is left out");
  assert.deepEqual(points.text, ["1", "3", "4"]);
  const xs = points.x as number[];
  assert.ok(xs.every((x) => Math.abs(x) <= 0.25) && xs[0] < xs[1] && xs[1] < xs[2], "spread around position 0 in seed order");
  assert.deepEqual(whisker.x, [0, 0]);
  assert.ok(Math.abs((whisker.y[0] as number) - 0.54) < 1e-12 && Math.abs((whisker.y[1] as number) - 0.86) < 1e-12);
  assert.deepEqual(median.y, [0.7, 0.7]);
  assert.deepEqual(median.x, [-0.3, 0.3]);
  assert.deepEqual(single.x, [1], "one value sits at its group's position");
  assert.deepEqual(singleWhisker.y, [0.6, 0.6]);
  assert.deepEqual(singleMedian.x, [0.7, 1.3]);
  assert.deepEqual(reference.x, [-0.6, 1.6]);
  assert.deepEqual(reference.y, [-0.619, -0.619]);
  assert.equal(reference.line?.dash, "dash");
  assert.equal(fig.data.length, 14);
  const legend = fig.data.filter((t) => t.showlegend).map((t) => t.name);
  assert.deepEqual(legend, ["len", "cats", "paper"], "one legend entry per group and reference");
  const xaxis = fig.layout.xaxis as { tickvals?: number[]; ticktext?: string[] };
  assert.deepEqual(xaxis.tickvals, [0, 1]);
  assert.deepEqual(xaxis.ticktext, ["len", "cats"]);
  assert.deepEqual((fig.layout.yaxis2 as { range?: number[] }).range, [-1, 1]);
  assert.deepEqual(fig.layout.annotations.map((a) => a.text), ["Phillips", "Okun"]);
  assert.deepEqual(JSON.parse(JSON.stringify(fig)), fig, "figure is plain JSON");
});

test("distributionFigure: a group with no defined value draws no median or whisker", () => {
  const fig = distributionFigure(
    [{ title: "t", yTitle: "r", groups: [{ label: "g", color: "#000000", values: [null], seeds: [1] }], references: [] }],
    { title: "t" },
  );
  assert.equal(fig.data.length, 1);
  assert.deepEqual(fig.data[0].y, []);
  assert.equal((fig.layout.yaxis as { range?: number[] }).range, undefined);
});
