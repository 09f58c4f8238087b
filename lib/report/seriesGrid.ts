/**
 * A grid of subplots, each with several labelled series drawn as lines or points — the plain building block for
 * figures that are neither Figure 2 nor a fit (e.g. a training curve, or behaviour against the wage). Pure builder.
 */
import { legendGridFigure } from "./legendGrid.js";
import { axisRefs, type Figure, type ScatterTrace } from "./plotly.js";

/** One line or set of markers of a panel. */
export interface Series {
  label: string;
  color: string;
  x: number[];
  y: (number | null)[];
  mode: "lines" | "markers";
  /** Shown on hover, one per point (e.g. the household). */
  text?: string[];
}

/** One subplot of a grid of series: titles, axis type and its series. */
export interface SeriesPanel {
  title: string;
  xTitle: string;
  yTitle: string;
  xLog?: boolean;
  series: Series[];
}

/**
 * One subplot per panel (row by row, `cols` per row); series with the same label share one legend entry.
 * @example
 * seriesGridFigure([{ title: "Reward", xTitle: "iteration", yTitle: "utility", series: [{ label: "mean",
 *   color: colorAt(0), x: [1, 2], y: [115, 127], mode: "lines" }] }], { title: "Training" });
 */
export function seriesGridFigure(
  panels: SeriesPanel[],
  options: { title: string; cols?: number; width?: number; height?: number },
): Figure {
  return legendGridFigure(panels, options, { rowHeight: 380, extraHeight: 100, bottom: 110, perEntry: 0, legendY: -0.16 }, {
    cell: (p) => ({ title: p.title, xTitle: p.xTitle, yTitle: p.yTitle }),
    axes: (axes, panel, i) => {
      if (panel.xLog) axes[`xaxis${axisRefs(i).xaxis.slice(1)}`].type = "log";
    },
    traces: (panel, i, firstTime) =>
      panel.series.map((series): ScatterTrace => ({
        type: "scatter",
        mode: series.mode,
        name: series.label,
        x: series.x,
        y: series.y,
        ...axisRefs(i),
        ...(series.mode === "lines" ? { line: { color: series.color, width: 2 } } : { marker: { color: series.color, size: 6 } }),
        ...(series.text ? { text: series.text } : {}),
        legendgroup: series.label,
        showlegend: firstTime(series.label),
      })),
  });
}
