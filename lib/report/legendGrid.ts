/**
 * The one layout loop behind the report's subplot grids (bands, distributions, fits, series): panels laid out row
 * by row, each legend label shown once at its first appearance (so one entry toggles the label in every panel),
 * and the legend centred under the plots with room for its entries.
 */
import { BOTTOM_LEGEND } from "./figures.js";
import { subplotGrid, type AxisLayout, type Figure, type ScatterTrace, type SubplotSpec } from "./plotly.js";

/** What the caller of a grid figure may set: the title, the grid shape and the pixel size. */
export interface GridFigureOptions {
  title: string;
  /** Grid shape; default one row with a column per panel. */
  rows?: number;
  cols?: number;
  width?: number;
  height?: number;
}

/**
 * How a builder's grid is sized: `rowHeight` px per row plus `extraHeight` (title, axes) plus `perEntry` px per
 * distinct legend label; the bottom margin is `bottom` plus the same `perEntry` per label; the legend's top sits
 * at `legendY / rows` (paper units below the plots).
 */
export interface GridSizing {
  rowHeight: number;
  extraHeight: number;
  bottom: number;
  perEntry: number;
  legendY: number;
}

/**
 * Lays `panels` out as a grid of subplots and collects their traces. `cell` gives a panel's titles; `traces`
 * builds panel `i`'s traces, calling `firstTime(label)` for each legend label (true only the first time, so that
 * label gets one legend entry); `axes`, when given, adjusts panel `i`'s axes in place (keyed `xaxis2`, `yaxis2`, …).
 * @example
 * legendGridFigure(panels, { title: "Training" }, { rowHeight: 380, extraHeight: 100, bottom: 110, perEntry: 0, legendY: -0.16 }, {
 *   cell: (p) => ({ title: p.title, xTitle: p.xTitle, yTitle: p.yTitle }),
 *   traces: (p, i, firstTime) => p.series.map((s) => ({ type: "scatter", mode: "lines", name: s.label, x: s.x, y: s.y,
 *     ...axisRefs(i), legendgroup: s.label, showlegend: firstTime(s.label) })),
 * });
 */
export function legendGridFigure<P>(
  panels: readonly P[],
  options: GridFigureOptions,
  sizing: GridSizing,
  build: {
    cell: (panel: P) => SubplotSpec;
    traces: (panel: P, i: number, firstTime: (label: string) => boolean) => ScatterTrace[];
    axes?: (axes: Record<string, AxisLayout>, panel: P, i: number) => void;
  },
): Figure {
  const cols = options.cols ?? panels.length;
  const rows = options.rows ?? Math.ceil(panels.length / cols);
  const grid = subplotGrid(rows, cols, panels.map(build.cell));
  const axes: Record<string, AxisLayout> = { ...grid.axes };
  const seen = new Set<string>();
  const firstTime = (label: string) => {
    const first = !seen.has(label);
    seen.add(label);
    return first;
  };
  const data = panels.flatMap((panel, i) => {
    build.axes?.(axes, panel, i);
    return build.traces(panel, i, firstTime);
  });
  return {
    data,
    layout: {
      title: { text: options.title },
      width: options.width ?? 1000,
      height: options.height ?? sizing.rowHeight * rows + sizing.extraHeight + sizing.perEntry * seen.size,
      showlegend: true,
      legend: { ...BOTTOM_LEGEND, y: sizing.legendY / rows },
      margin: { t: 90, b: sizing.bottom + sizing.perEntry * seen.size, l: 70, r: 30 },
      annotations: grid.annotations,
      ...axes,
    },
  };
}
