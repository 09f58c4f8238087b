/**
 * A grid of subplots, each with several labelled series drawn as lines or points — the plain building block for
 * figures that are neither Figure 2 nor a fit (e.g. a training curve, or behaviour against the wage). Pure builder.
 */
import { gridLayout } from "./figures.js";
import { axisRefs, subplotGrid, type Figure, type ScatterTrace } from "./plotly.js";

export interface Series {
  label: string;
  color: string;
  x: number[];
  y: (number | null)[];
  mode: "lines" | "markers";
  /** Shown on hover, one per point (e.g. the household). */
  text?: string[];
}

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
  const cols = options.cols ?? panels.length;
  const rows = Math.ceil(panels.length / cols);
  const { axes, annotations } = subplotGrid(rows, cols, panels.map((p) => ({ title: p.title, xTitle: p.xTitle, yTitle: p.yTitle })));
  panels.forEach((panel, i) => {
    if (panel.xLog) axes[`xaxis${axisRefs(i).xaxis.slice(1)}`].type = "log";
  });
  const seen = new Set<string>();
  const data = panels.flatMap((panel, i) =>
    panel.series.map((series): ScatterTrace => {
      const first = !seen.has(series.label);
      seen.add(series.label);
      return {
        type: "scatter",
        mode: series.mode,
        name: series.label,
        x: series.x,
        y: series.y,
        ...axisRefs(i),
        ...(series.mode === "lines" ? { line: { color: series.color, width: 2 } } : { marker: { color: series.color, size: 6 } }),
        ...(series.text ? { text: series.text } : {}),
        legendgroup: series.label,
        showlegend: first,
      };
    }),
  );
  return { data, layout: gridLayout(options, rows, { axes, annotations }, 380) };
}
