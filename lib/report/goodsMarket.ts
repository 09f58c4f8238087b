/**
 * The goods market month by month: the imbalance φ (eq. 7), the price (eq. 9) and the mean wage (eq. 8), each
 * month marked as a glut (φ < 0: goods left over, wages and the price fall) or a shortage (φ > 0: households
 * rationed, wages and the price rise). Notebook 02 draws it for the 8-household economy it steps through.
 */
import type { MonthlyRow } from "../economy/rows.js";
import { BOTTOM_LEGEND } from "./figures.js";
import { axisRefs, colorAt, subplotGrid, type Figure, type ScatterTrace } from "./plotly.js";

/** The monthly columns the goods-market figure draws. */
export type MarketMonthRow = Pick<MonthlyRow, "month" | "imbalance" | "price" | "mean_wage">;

const GLUT = { name: "goods glut (φ < 0)", color: colorAt(0) };
const SHORTAGE = { name: "shortage (φ > 0): households rationed", color: colorAt(3) };

/**
 * Months in which the market was in a glut and in a shortage, as "1–12" style ranges (for titles and text).
 * @example regimeMonths([{ month: 1, imbalance: -0.7 }, { month: 2, imbalance: 0.1 }]) // { glut: "1", shortage: "2" }
 */
export function regimeMonths(monthly: readonly Pick<MonthlyRow, "month" | "imbalance">[]): { glut: string; shortage: string } {
  const ranges = (months: number[]) => {
    const parts: string[] = [];
    for (let k = 0; k < months.length; k++) {
      let j = k;
      while (j + 1 < months.length && months[j + 1] === months[j] + 1) j++;
      parts.push(j === k ? String(months[k]) : `${months[k]}–${months[j]}`);
      k = j;
    }
    return parts.length > 0 ? parts.join(", ") : "none";
  };
  return {
    glut: ranges(monthly.filter((r) => r.imbalance < 0).map((r) => r.month)),
    shortage: ranges(monthly.filter((r) => r.imbalance > 0).map((r) => r.month)),
  };
}

/**
 * Three panels over the months, top to bottom: φ, the price and the mean hourly wage; every point coloured by
 * the month's regime (glut or shortage), the months of each named in the φ panel's title.
 * @example
 * await showFigure(goodsMarketFigure(engine.monthly.slice(0, 24), "8 households, first 24 months"), "one-month-market");
 */
export function goodsMarketFigure(monthly: readonly MarketMonthRow[], title: string): Figure {
  const { glut, shortage } = regimeMonths(monthly);
  // The month axis is titled once, under the bottom panel (the panels share it).
  const { axes, annotations } = subplotGrid(3, 1, [
    { title: `Imbalance φ = (D − G)/max(D, G): glut in months ${glut}, shortage in months ${shortage}`, yTitle: "φ", xTitle: "", xTickformat: "d" },
    { title: "Price P (eq. 9)", yTitle: "P ($)", xTitle: "", xTickformat: "d" },
    { title: "Mean hourly wage (eq. 8)", yTitle: "w ($/h)", xTitle: "Month", xTickformat: "d" },
  ]);
  axes.yaxis.zeroline = true;
  const x = monthly.map((r) => r.month);
  const series: { panel: number; name: string; y: number[] }[] = [
    { panel: 0, name: "φ", y: monthly.map((r) => r.imbalance) },
    { panel: 1, name: "price", y: monthly.map((r) => r.price) },
    { panel: 2, name: "mean wage", y: monthly.map((r) => r.mean_wage) },
  ];
  const data: ScatterTrace[] = [];
  for (const { panel, name, y } of series) {
    data.push({ type: "scatter", mode: "lines", name, x, y, ...axisRefs(panel), line: { color: "#7f7f7f", width: 1.5 }, showlegend: false });
    for (const regime of [GLUT, SHORTAGE]) {
      const inRegime = (k: number) => (regime === GLUT ? monthly[k].imbalance < 0 : monthly[k].imbalance > 0);
      data.push({
        type: "scatter",
        mode: "markers",
        name: regime.name,
        x,
        y: y.map((v, k) => (inRegime(k) ? v : null)),
        ...axisRefs(panel),
        marker: { color: regime.color, size: 8 },
        legendgroup: regime.name,
        showlegend: panel === 0,
      });
    }
  }
  return {
    data,
    layout: {
      title: { text: title },
      width: 900,
      height: 820,
      showlegend: true,
      legend: { ...BOTTOM_LEGEND, y: -0.08 },
      margin: { t: 90, b: 90, l: 70, r: 30 },
      annotations,
      ...axes,
    },
  };
}
