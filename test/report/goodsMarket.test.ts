import assert from "node:assert/strict";
import { test } from "node:test";
import { goodsMarketFigure, regimeMonths } from "../../lib/report/goodsMarket.js";

const months = [
  { month: 1, imbalance: -0.7, price: 132, mean_wage: 133 },
  { month: 2, imbalance: -0.4, price: 128, mean_wage: 131 },
  { month: 3, imbalance: 0.2, price: 129, mean_wage: 131.5 },
  { month: 4, imbalance: 0, price: 129, mean_wage: 131.5 },
  { month: 5, imbalance: 0.3, price: 131, mean_wage: 132 },
  { month: 6, imbalance: -0.1, price: 130, mean_wage: 131.8 },
];

test("regimeMonths: months of glut (φ < 0) and shortage (φ > 0) as ranges; φ = 0 is neither", () => {
  assert.deepEqual(regimeMonths(months), { glut: "1–2, 6", shortage: "3, 5" });
  assert.deepEqual(regimeMonths([]), { glut: "none", shortage: "none" });
});

test("goodsMarketFigure: φ, price and mean wage panels, each point in its regime's trace, regimes in the title", () => {
  const fig = goodsMarketFigure(months, "t");
  assert.equal(fig.data.length, 9, "per panel: the line, the glut points, the shortage points");
  const byPanel = (axis: string) => fig.data.filter((t) => t.yaxis === axis);
  for (const [axis, column] of [["y", "imbalance"], ["y2", "price"], ["y3", "mean_wage"]] as const) {
    const [line, glut, shortage] = byPanel(axis);
    assert.deepEqual(line.y, months.map((m) => m[column]));
    assert.deepEqual(glut.y, months.map((m) => (m.imbalance < 0 ? m[column] : null)));
    assert.deepEqual(shortage.y, months.map((m) => (m.imbalance > 0 ? m[column] : null)));
  }
  assert.equal(fig.data.filter((t) => t.showlegend).length, 2, "one legend entry per regime");
  assert.match(fig.layout.annotations[0].text, /glut in months 1–2, 6, shortage in months 3, 5/);
  assert.equal(fig.layout.yaxis.zeroline, true);
});
