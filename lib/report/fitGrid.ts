/**
 * A grid of scatter-and-OLS-line subplots, each with several labelled series (e.g. household policies and the US
 * data) — for relations the two-panel Phillips/Okun figures do not cover, such as Okun's law in its different
 * definitions side by side. Pure builder.
 */
import type { CurveFit } from "./fit.js";
import { fitTraces } from "./figures.js";
import { legendGridFigure } from "./legendGrid.js";
import type { Figure } from "./plotly.js";

/** One series of points with its line; `xIn: "pp"` when x is already in percentage points (not a fraction). */
export interface FitSeries {
  label: string;
  color: string;
  fit: CurveFit;
  xIn?: "fraction" | "pp";
}

/** One subplot of a grid of fitted relations: titles and the series drawn. */
export interface FitPanel {
  title: string;
  xTitle: string;
  yTitle: string;
  series: FitSeries[];
}

/** A fit whose x is in percentage points, rescaled to a fraction so the percent axis shows it unchanged. */
function ppAsFraction(fit: CurveFit): CurveFit {
  return { ...fit, x: fit.x.map((v) => v / 100), slope: fit.slope === null ? null : fit.slope * 100 };
}

/**
 * Scatter subplots of fits in percent (x and y), each series in its colour with its OLS line; one legend entry
 * per series label, toggling it in every panel.
 * @example
 * fitGridFigure([{ title: "Okun (pp)", xTitle: "Δ unemployment (pp)", yTitle: "Real GDP growth (%)",
 *   series: [{ label: "cats", color: colorAt(1), fit: okunsLawPp(annual), xIn: "pp" }] }], { title: "Okun's law" });
 */
export function fitGridFigure(
  panels: FitPanel[],
  options: { title: string; cols?: number; width?: number; height?: number },
): Figure {
  return legendGridFigure(panels, options, { rowHeight: 420, extraHeight: 100, bottom: 110, perEntry: 0, legendY: -0.16 }, {
    cell: (p) => ({ title: p.title, xTitle: p.xTitle, yTitle: p.yTitle }),
    traces: (panel, i, firstTime) =>
      panel.series.flatMap((series) => {
        const fit = series.xIn === "pp" ? ppAsFraction(series.fit) : series.fit;
        return fitTraces(fit, i, {
          name: series.label,
          pointColor: series.color,
          lineColor: series.color,
          legendgroup: series.label,
          showlegend: firstTime(series.label),
        });
      }),
  });
}
