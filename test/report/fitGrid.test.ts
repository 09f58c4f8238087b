import { test } from "node:test";
import assert from "node:assert/strict";
import { fitGridFigure } from "../../lib/report/fitGrid.js";
import { okunFixture } from "./fixtures.js";

test("fitGridFigure: points and OLS line per series in percent; pp-valued x shown unchanged", () => {
  const pp = { ...okunFixture(), x: [1.5, -0.5, 2], slope: -0.01, intercept: 0.02 };
  const fig = fitGridFigure(
    [
      { title: "relative", xTitle: "x (%)", yTitle: "y (%)", series: [{ label: "cats", color: "#ff7f0e", fit: okunFixture() }] },
      { title: "pp", xTitle: "x (pp)", yTitle: "", series: [{ label: "cats", color: "#ff7f0e", fit: pp, xIn: "pp" }] },
    ],
    { title: "Okun" },
  );
  assert.deepEqual(fig.layout.annotations.map((a) => a.text), ["relative", "pp"]);
  const [points, line, ppPoints, ppLine] = fig.data;
  assert.deepEqual(points.x, [10, -20, 40]);
  assert.deepEqual(points.y, [-3, 10, -18]);
  assert.equal(line.mode, "lines");
  assert.deepEqual(ppPoints.x, [1.5, -0.5, 2]);
  assert.equal(ppPoints.xaxis, "x2");
  // y = 0.02 − 0.01·x_pp: at x = −0.5 pp, 2.5 %; at 2 pp, 0 %
  assert.deepEqual(ppLine.x, [-0.5, 2]);
  assert.ok(Math.abs((ppLine.y[0] as number) - 2.5) < 1e-9 && Math.abs(ppLine.y[1] as number) < 1e-9);
  assert.deepEqual(fig.data.filter((t) => t.showlegend).map((t) => t.name), ["cats"], "one legend entry per label");
  assert.deepEqual(JSON.parse(JSON.stringify(fig)), fig);
});
