import { test } from "node:test";
import assert from "node:assert/strict";
import { annualIndicatorsFigure, phillipsOkunFigure, formatP, formatR, toPercent } from "../../lib/report/index.js";
import { annualFixture, okunFixture, phillipsFixture } from "./fixtures.js";

test("annualIndicatorsFigure: four panels in percent, nulls as gaps", () => {
  const fig = annualIndicatorsFigure(annualFixture(), "Run A");
  assert.equal(fig.layout.title.text, "Run A");
  assert.deepEqual(
    fig.layout.annotations.map((a) => a.text),
    ["Annual price inflation (%)", "Unemployment rate (%)", "Nominal GDP", "Nominal & real GDP growth (%)"],
  );
  const byName = Object.fromEntries(fig.data.map((t) => [t.name, t]));
  for (const t of fig.data) assert.deepEqual(t.x, [2001, 2002, 2003]);
  assert.deepEqual(byName["Price inflation"].y, [null, 2.1, -0.5]);
  assert.deepEqual(byName["Unemployment rate"].y, [5, 7, 4]);
  assert.deepEqual(byName["Nominal GDP"].y, [1234567.4, 1300000, 1350000]);
  assert.deepEqual(byName["Nominal GDP growth"].y, [null, 5.3, 3.85]);
  assert.deepEqual(byName["Real GDP growth"].y, [null, 1.25, 2.4]);
  assert.deepEqual(
    fig.data.map((t) => [t.xaxis, t.yaxis]),
    [["x", "y"], ["x2", "y2"], ["x3", "y3"], ["x4", "y4"], ["x4", "y4"]],
  );
  assert.equal(fig.layout.xaxis4.anchor, "y4");
  assert.equal(fig.layout.xaxis.tickformat, "d");
  // top row sits above the bottom row, left column left of the right one
  assert.ok(fig.layout.yaxis.domain[0] > fig.layout.yaxis3.domain[1]);
  assert.ok(fig.layout.xaxis.domain[1] < fig.layout.xaxis2.domain[0]);
  assert.deepEqual(JSON.parse(JSON.stringify(fig)), fig, "figure is plain JSON");
});

test("phillipsOkunFigure: points and OLS line in percent, r/p/n in subplot titles", () => {
  const fig = phillipsOkunFigure(phillipsFixture(), okunFixture(), "Run A");
  assert.deepEqual(fig.layout.annotations.map((a) => a.text), [
    "Phillips curve: r = -0.62, p = 0.005, n = 3",
    "Okun's law: r = -0.92, p < 0.001, n = 3",
  ]);
  const [pPoints, pLine, oPoints, oLine] = fig.data;
  assert.deepEqual(pPoints.x, [5, 7, 4]);
  assert.deepEqual(pPoints.y, [1, -1.3, 2]);
  assert.deepEqual(pPoints.text, ["2002", "2003", "2004"]);
  assert.equal(pPoints.mode, "markers");
  // y = 0.1 − 2x over x ∈ [0.04, 0.07] → [0.02, −0.04] → percent
  assert.equal(pLine.mode, "lines");
  assert.deepEqual(pLine.x, [4, 7]);
  assert.deepEqual(pLine.y, [2, -4]);
  assert.deepEqual([pLine.xaxis, oPoints.xaxis, oLine.yaxis], ["x", "x2", "y2"]);
  // y = 0.02 − 0.5x over x ∈ [−0.2, 0.4] → [0.12, −0.18]
  assert.deepEqual(oLine.x, [-20, 40]);
  assert.deepEqual(oLine.y, [12, -18]);
  assert.equal(fig.layout.xaxis.title.text, "Unemployment rate (%)");
  assert.equal(fig.layout.yaxis2.title.text, "Real GDP growth (%)");
});

test("phillipsOkunFigure: no fitted line when slope is undefined", () => {
  const flat = { ...phillipsFixture(), r: null, p: null, slope: null, intercept: null };
  const fig = phillipsOkunFigure(flat, okunFixture(), "t");
  assert.equal(fig.data.length, 3);
  assert.equal(fig.layout.annotations[0].text, "Phillips curve: r = n/a, p = n/a, n = 3");
});

test("formatR and formatP", () => {
  assert.equal(formatR(0.8123), "+0.81");
  assert.equal(formatR(-0.6189), "-0.62");
  assert.equal(formatR(-0.001), "0.00");
  assert.equal(formatR(Number.NaN), "n/a");
  assert.equal(formatP(0.0004), "p < 0.001");
  assert.equal(formatP(0.0042), "p = 0.004");
  assert.equal(formatP(0.0449), "p = 0.045");
  assert.equal(formatP(0.456), "p = 0.46");
  assert.equal(formatP(null), "p = n/a");
});

test("toPercent rounds away float noise and maps non-finite to null", () => {
  assert.equal(toPercent(0.07), 7);
  assert.equal(toPercent(0.0125), 1.25);
  assert.equal(toPercent(null), null);
  assert.equal(toPercent(Number.POSITIVE_INFINITY), null);
});
