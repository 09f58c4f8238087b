/**
 * Figures of a sweep's effects (lib/experiment/effects.ts): each cell's paired-by-seed difference from the
 * reference cell with its t-based and bootstrap 95% intervals, one subplot per statistic; and for a two-way grid
 * a heatmap of the mean effect with the t interval written in each cell. Pure builders.
 */
import { BOTTOM_LEGEND } from "./figures.js";
import { axisRefs, colorAt, subplotGrid, type AxisLayout, type Figure, type FigureLayout, type HeatmapTrace, type ScatterTrace } from "./plotly.js";

/** What the builders read of an effect (a CellEffect of lib/experiment/effects.ts fits). */
export interface EffectPoint {
  cell: string;
  statistic: string;
  reference: string;
  varied: Record<string, unknown>;
  n: number;
  mean: number | null;
  tCi: [number, number] | null;
  bootstrapCi: [number, number] | null;
}

/** One subplot of an effects figure: the statistic, its title, and a scale for its values. */
export interface EffectPanel {
  statistic: string;
  title: string;
  /** Multiplies every value (e.g. 100 for percentage points). */
  scale?: number;
  yTitle: string;
}

/**
 * One subplot per statistic: the cells side by side (x), each with its mean effect (a point), the t-based 95%
 * interval (a solid whisker) and the bootstrap 95% interval (a dotted whisker beside it), and a zero line: an
 * interval that excludes zero is across-seed evidence of an effect.
 * @example
 * effectsFigure(effects, [{ statistic: "unemployment", title: "Unemployment", scale: 100, yTitle: "pp" }], "Effects vs no-tax");
 */
export function effectsFigure(effects: readonly EffectPoint[], panels: readonly EffectPanel[], title: string, options: { cols?: number; labels?: (cell: string) => string } = {}): Figure {
  const cols = options.cols ?? Math.min(panels.length, 2);
  const rows = Math.ceil(panels.length / cols);
  const grid = subplotGrid(rows, cols, panels.map((p) => ({ title: p.title, xTitle: "", yTitle: p.yTitle })));
  const axes: Record<string, AxisLayout> = { ...grid.axes };
  const data: ScatterTrace[] = [];
  const label = options.labels ?? ((cell: string) => cell);
  panels.forEach((panel, i) => {
    const refs = axisRefs(i);
    const suffix = refs.xaxis.slice(1);
    const scale = panel.scale ?? 1;
    const shown = effects.filter((e) => e.statistic === panel.statistic);
    axes[`xaxis${suffix}`] = { ...axes[`xaxis${suffix}`], tickvals: shown.map((_, j) => j), ticktext: shown.map((e) => label(e.cell)), range: [-0.6, shown.length - 0.4], zeroline: false, tickangle: -30 };
    const scaled = (v: number | null) => (v === null ? null : v * scale);
    const whisker = (ci: [number, number] | null, j: number, dx: number): (number | null)[][] => (ci ? [[j + dx, j + dx, null], [scaled(ci[0]), scaled(ci[1]), null]] : [[], []]);
    const t = shown.map((e, j) => whisker(e.tCi, j, -0.08));
    const boot = shown.map((e, j) => whisker(e.bootstrapCi, j, 0.08));
    const common = { type: "scatter" as const, ...refs, showlegend: i === 0 };
    data.push(
      { ...common, mode: "lines", name: "0 (reference)", x: [-0.6, shown.length - 0.4], y: [0, 0], line: { color: "#7f7f7f", dash: "dash", width: 1 }, legendgroup: "zero" },
      { ...common, mode: "lines", name: "t 95% CI over seeds", x: t.flatMap((w) => w[0]), y: t.flatMap((w) => w[1]), line: { color: colorAt(0), width: 3 }, legendgroup: "t" },
      { ...common, mode: "lines", name: "bootstrap 95% CI", x: boot.flatMap((w) => w[0]), y: boot.flatMap((w) => w[1]), line: { color: colorAt(1), width: 2, dash: "dot" }, legendgroup: "boot" },
      {
        ...common,
        mode: "markers",
        name: "mean paired difference",
        x: shown.map((_, j) => j),
        y: shown.map((e) => scaled(e.mean)),
        marker: { color: "#000000", size: 8 },
        text: shown.map((e) => `${label(e.cell)} (n = ${e.n} seeds)`),
        hovertemplate: "%{text}: %{y:.3f}<extra></extra>",
        legendgroup: "mean",
      },
    );
  });
  const layout: FigureLayout = {
    title: { text: title },
    width: 520 * cols,
    height: 380 * rows + 80,
    showlegend: true,
    legend: { ...BOTTOM_LEGEND, y: -0.25 / rows },
    margin: { t: 80, b: 140, l: 70, r: 30 },
    annotations: grid.annotations,
    ...axes,
  };
  return { data, layout };
}

/**
 * A heatmap of one statistic's mean effect over a two-way grid: rows are the values of `rowKey`, columns those of
 * `columnKey` (as the cells vary them), each cell coloured by the mean paired difference from the reference
 * (a diverging scale centred at 0) and labelled with it and its t 95% interval. Cells without an effect (the
 * reference itself) are blank. `rows` and `columns` fix the order of the categories (default: natural order).
 * @example
 * effectHeatmap(effects.filter((e) => e.arm === "funded"), "unemployment", "taxYear", "wageAdjustment", { title: "Δ unemployment", scale: 100, unit: "pp" });
 */
export function effectHeatmap(
  effects: readonly EffectPoint[],
  statistic: string,
  rowKey: string,
  columnKey: string,
  options: { title: string; scale?: number; unit: string; rows?: string[]; columns?: string[] },
): Figure<HeatmapTrace> {
  const shown = effects.filter((e) => e.statistic === statistic);
  // Categories in natural order ("37%" before "50%", 2 before 10) unless given; the first row is drawn at the bottom.
  const values = (key: string) => [...new Set(shown.map((e) => String(e.varied[key])))].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const rows = options.rows ?? values(rowKey);
  const columns = options.columns ?? values(columnKey);
  const scale = options.scale ?? 1;
  const find = (r: string, c: string) => shown.find((e) => String(e.varied[rowKey]) === r && String(e.varied[columnKey]) === c);
  const fmt = (v: number) => (v * scale).toFixed(2);
  const z = rows.map((r) => columns.map((c) => {
    const e = find(r, c);
    return e && e.mean !== null ? e.mean * scale : null;
  }));
  const text = rows.map((r) => columns.map((c) => {
    const e = find(r, c);
    if (!e || e.mean === null) return "";
    return e.tCi ? `${fmt(e.mean)}<br>[${fmt(e.tCi[0])}, ${fmt(e.tCi[1])}]` : fmt(e.mean);
  }));
  const axis = (text: string, domain: [number, number], anchor: string): AxisLayout => ({ domain, anchor, title: { text } });
  return {
    data: [{ type: "heatmap", name: statistic, x: columns, y: rows, z, text, texttemplate: "%{text}", hovertemplate: `${columnKey} %{x}, ${rowKey} %{y}: %{z:.3f} ${options.unit}<extra></extra>`, colorscale: "RdBu", zmid: 0, colorbar: { title: { text: options.unit } }, xaxis: "x", yaxis: "y" }],
    layout: {
      title: { text: options.title },
      width: 160 + 150 * columns.length,
      height: 180 + 90 * rows.length,
      showlegend: false,
      margin: { t: 70, b: 70, l: 110, r: 30 },
      annotations: [],
      xaxis: { ...axis(columnKey, [0, 1], "y"), type: "category" },
      yaxis: { ...axis(rowKey, [0, 1], "x"), type: "category" },
    },
  };
}
