/**
 * The small subset of plotly's figure JSON that the report builders emit, and the subplot-grid layout they share.
 * Figures are plain data (`{ data, layout }`): they serialise with `JSON.stringify`, render in a notebook via the
 * `application/vnd.plotly.v1+json` MIME type and in a standalone page via `Plotly.newPlot`.
 */

/** One scatter trace. `null` in `y` leaves a gap in a line (plotly's default `connectgaps: false`). */
export interface ScatterTrace {
  type: "scatter";
  mode: "lines" | "markers" | "lines+markers";
  name: string;
  x: (number | null)[];
  y: (number | null)[];
  /** Axis references: "x", "x2", … and "y", "y2", … */
  xaxis: string;
  yaxis: string;
  line?: { color?: string; dash?: "solid" | "dash" | "dot"; width?: number };
  marker?: { color?: string; size?: number };
  text?: string[];
  hovertemplate?: string;
  legendgroup?: string;
  showlegend?: boolean;
}

/** Where one axis of a subplot lies (its domain) and which axis it is anchored to. */
export interface AxisLayout {
  domain: [number, number];
  anchor: string;
  title: { text: string };
  tickformat?: string;
  zeroline?: boolean;
  type?: "linear" | "log" | "category";
  /** Category-like ticks on a numeric axis (groups side by side at 0, 1, …). */
  tickvals?: number[];
  ticktext?: string[];
  tickangle?: number;
  range?: [number, number];
  /** Share the range of another axis, e.g. "y" (subplots compared by eye). */
  matches?: string;
}

/** A text label placed in paper coordinates: here, the title above each subplot. */
export interface Annotation {
  text: string;
  x: number;
  y: number;
  xref: "paper";
  yref: "paper";
  xanchor: "center";
  yanchor: "bottom";
  showarrow: false;
  font: { size: number };
}

/** A figure's layout, as plotly.js reads it. */
export interface FigureLayout {
  title: { text: string };
  width: number;
  height: number;
  showlegend: boolean;
  legend?: { orientation: "h" | "v"; x?: number; y?: number; xanchor?: "left" | "center"; yanchor?: "top" | "bottom" };
  margin: { t: number; b: number; l: number; r: number };
  annotations: Annotation[];
  [axis: `xaxis${string}`]: AxisLayout;
  [axis: `yaxis${string}`]: AxisLayout;
}

/** A heatmap trace: z[row][column] over the categories y (rows) × x (columns), the text drawn in each cell. */
export interface HeatmapTrace {
  type: "heatmap";
  name: string;
  x: string[];
  y: string[];
  z: (number | null)[][];
  text?: string[][];
  texttemplate?: string;
  hovertemplate?: string;
  colorscale?: string;
  /** The value at the middle of a diverging colour scale (0 for effects). */
  zmid?: number;
  colorbar?: { title: { text: string } };
  xaxis: string;
  yaxis: string;
}

/** One trace of a figure: a scatter (lines or markers) or a heatmap. */
export type Trace = ScatterTrace | HeatmapTrace;

/** A figure; builders of scatter figures return the default, `Figure<Trace>` is anything the writers accept. */
export interface Figure<T extends Trace = ScatterTrace> {
  data: T[];
  layout: FigureLayout;
}

/**
 * The Okabe–Ito palette (Okabe and Ito 2008, "Color Universal Design"), whose colours stay distinguishable with
 * every common colour-vision deficiency: blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow.
 * Black is kept for real-world data and references ({@link REFERENCE_COLOR}). Every figure takes its colours here.
 */
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442"] as const;

/** Real-world data (US series) and published reference values. */
export const REFERENCE_COLOR = "#000000";

/**
 * One colour per household type, the same in every figure of every notebook and report: a reader who learns that
 * LEN is blue in one figure can rely on it in the next. EconAgent's LLM households take vermillion; published
 * values and US data are drawn in {@link REFERENCE_COLOR}, never in a household type's colour.
 */
export const HOUSEHOLD_COLORS: Readonly<Record<string, string>> = {
  len: PALETTE[0],
  cats: PALETTE[1],
  composite: PALETTE[2],
  llm: PALETTE[3],
  aieco: PALETTE[4],
};

/**
 * The colour of a series: its household type's colour when its label starts with a type's name (`"len"`,
 * `"aieco (seed 1)"`, `"llm, seed 2"`), {@link REFERENCE_COLOR} for US data (a label starting "US"), else the i-th
 * palette colour. Figures of other things (schemes, seeds) keep the palette in order.
 * @example
 * seriesColor("len", 3); // "#0072B2": LEN is blue wherever it appears
 * seriesColor("aieco (seed 1)", 0); // "#CC79A7"
 * seriesColor("US 2001–2020", 4); // "#000000"
 * seriesColor("training seed 2", 1); // "#E69F00": not a household type, the palette's second colour
 */
export function seriesColor(label: string, index: number): string {
  if (/^US\b/.test(label.trim())) return REFERENCE_COLOR;
  const type = /^[a-z]+/i.exec(label.trim())?.[0].toLowerCase();
  return (type !== undefined && HOUSEHOLD_COLORS[type]) || colorAt(index);
}

/**
 * The i-th palette colour, cycling.
 * @example
 * colorAt(0); // "#0072B2"
 */
export function colorAt(index: number): string {
  return PALETTE[index % PALETTE.length];
}

/** One cell of a subplot grid: its title and axis titles; cells are listed row by row from the top left. */
export interface SubplotSpec {
  title: string;
  xTitle: string;
  yTitle: string;
  /** d3 tick format of the x axis, e.g. "d" so years print as 2001 rather than 2,001. */
  xTickformat?: string;
}

/** Axis references of the cell with 0-based index `i`: plotly names the first pair "x"/"y", then "x2"/"y2", … */
export function axisRefs(i: number): { xaxis: string; yaxis: string } {
  const suffix = i === 0 ? "" : String(i + 1);
  return { xaxis: `x${suffix}`, yaxis: `y${suffix}` };
}

/**
 * Axes and subplot-title annotations of a `rows × cols` grid, with the spacing of plotly's `make_subplots`
 * (horizontal gap 0.2 / cols, vertical gap 0.3 / rows).
 */
export function subplotGrid(
  rows: number,
  cols: number,
  cells: SubplotSpec[],
): { axes: Record<string, AxisLayout>; annotations: Annotation[] } {
  const hGap = cols > 1 ? 0.2 / cols : 0;
  const vGap = rows > 1 ? 0.3 / rows : 0;
  const cellW = (1 - hGap * (cols - 1)) / cols;
  const cellH = (1 - vGap * (rows - 1)) / rows;
  const axes: Record<string, AxisLayout> = {};
  const annotations: Annotation[] = [];
  cells.forEach((cell, i) => {
    const row = Math.floor(i / cols);
    const col = i % cols;
    const x0 = round(col * (cellW + hGap));
    const y1 = round(1 - row * (cellH + vGap));
    const xDomain: [number, number] = [x0, round(x0 + cellW)];
    const yDomain: [number, number] = [round(y1 - cellH), y1];
    const { xaxis, yaxis } = axisRefs(i);
    const suffix = xaxis.slice(1);
    axes[`xaxis${suffix}`] = {
      domain: xDomain,
      anchor: yaxis,
      title: { text: cell.xTitle },
      ...(cell.xTickformat === undefined ? {} : { tickformat: cell.xTickformat }),
    };
    axes[`yaxis${suffix}`] = { domain: yDomain, anchor: xaxis, title: { text: cell.yTitle } };
    annotations.push({
      text: cell.title,
      x: round((xDomain[0] + xDomain[1]) / 2),
      y: yDomain[1],
      xref: "paper",
      yref: "paper",
      xanchor: "center",
      yanchor: "bottom",
      showarrow: false,
      font: { size: 14 },
    });
  });
  return { axes, annotations };
}

/** A fraction as a percentage; `null` and non-finite values become `null` (a gap). Rounded to 12 significant
 * digits so 0.05 prints as 5 rather than 5.000000000000001. */
export function toPercent(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : Number((v * 100).toPrecision(12));
}

function round(v: number): number {
  return Number(v.toFixed(6));
}
