import { test } from "node:test";
import assert from "node:assert/strict";
import { effectHeatmap, effectsFigure, type EffectPoint } from "../../lib/report/effects.js";

const effect = (cell: string, varied: Record<string, unknown>, mean: number | null, tCi: [number, number] | null): EffectPoint => ({
  cell, varied, statistic: "unemployment", reference: "ref", n: 5, mean, tCi, bootstrapCi: tCi ? [tCi[0] + 0.001, tCi[1] - 0.001] : null,
});
const EFFECTS = [
  effect("a_x=1", { x: 1, y: "p" }, 0.01, [0.005, 0.015]),
  effect("a_x=2", { x: 2, y: "p" }, -0.02, [-0.03, -0.01]),
  effect("b_x=1", { x: 1, y: "q" }, 0.002, null),
];

test("effects figure: per cell a mean point and t and bootstrap whiskers, scaled, beside a zero line", () => {
  const fig = effectsFigure(EFFECTS, [{ statistic: "unemployment", title: "Unemployment", scale: 100, yTitle: "pp" }], "Effects");
  const [zero, t, boot, means] = fig.data;
  assert.deepEqual(zero.y, [0, 0]);
  assert.deepEqual(means.y, [1, -2, 0.2]);
  assert.deepEqual(means.x, [0, 1, 2]);
  assert.deepEqual(t.x, [-0.08, -0.08, null, 0.92, 0.92, null]);
  assert.deepEqual(t.y, [0.5, 1.5, null, -3, -1, null]);
  assert.equal(boot.y.length, 6, "no whisker where the interval is undefined");
  assert.equal(boot.line?.dash, "dot");
  assert.deepEqual(fig.layout.xaxis.tickvals, [0, 1, 2]);
  assert.deepEqual(fig.layout.xaxis.ticktext, ["a_x=1", "a_x=2", "b_x=1"]);
});

test("heatmap: rows × columns of the two varied options, mean effect and t interval in each cell, blank where none", () => {
  const fig = effectHeatmap(EFFECTS, "unemployment", "y", "x", { title: "Δ unemployment", scale: 100, unit: "pp" });
  const [trace] = fig.data;
  assert.equal(trace.type, "heatmap");
  assert.deepEqual(trace.y, ["p", "q"]);
  assert.deepEqual(trace.x, ["1", "2"]);
  assert.deepEqual(trace.z, [[1, -2], [0.2, null]]);
  assert.deepEqual(trace.text, [["1.00<br>[0.50, 1.50]", "-2.00<br>[-3.00, -1.00]"], ["0.20", ""]]);
  assert.equal(trace.zmid, 0);
  const ordered = effectHeatmap(EFFECTS, "unemployment", "y", "x", { title: "", unit: "pp", rows: ["q", "p"], columns: ["2", "1"] }).data[0];
  assert.deepEqual(ordered.z, [[null, 0.002], [-0.02, 0.01]]);
});
