/**
 * Figures of an indicator across seeds: per year the median as a line and a quantile band as a shaded area
 * (from {@link annualBand}), in a grid of subplots — e.g. one column per household policy. Pure builders.
 */
import { annualBand, type AnnualBand, type SeedRun } from "../analysis/acrossSeeds.js";
import type { AnnualRow } from "../economy/rows.js";
import { legendGridFigure } from "./legendGrid.js";
import { axisRefs, colorAt, seriesColor, toPercent, type Figure, type ScatterTrace } from "./plotly.js";

/** A scatter trace that may fill the area down to the previous trace (the band's lower edge). */
export interface BandTrace extends ScatterTrace {
  fill?: "tonexty";
  fillcolor?: string;
  hoverinfo?: "skip";
}

/** One banded series: its legend label, colour and line style, and whether its values are fractions to show in %. */
export interface BandSeries {
  label: string;
  band: AnnualBand;
  color: string;
  dash?: "solid" | "dash" | "dot";
  percent: boolean;
}

/** One subplot: its title, y-axis title and the series drawn in it. */
export interface BandPanel {
  title: string;
  yTitle: string;
  series: BandSeries[];
}

/** A band figure's title, grid and size. */
export interface BandFigureOptions {
  title: string;
  /** Grid shape; default one row with a column per panel. */
  rows?: number;
  cols?: number;
  /** Give every subplot the same y range (compare panels by eye); default true. */
  matchY?: boolean;
  width?: number;
  height?: number;
}

/**
 * "10–90% of 10 seeds", "min–max of 5 seeds": what a band covers, for legends.
 * @example coverageLabel({ coverage: [0.1, 0.9], seeds: 10 }) // "10–90% of 10 seeds"
 */
export function coverageLabel(band: Pick<AnnualBand, "coverage" | "seeds">): string {
  const [lo, hi] = band.coverage;
  const range = lo === 0 && hi === 1 ? "min–max" : `${Math.round(lo * 100)}–${Math.round(hi * 100)}%`;
  return `${range} of ${band.seeds} seed${band.seeds === 1 ? "" : "s"}`;
}

/** "#1f77b4" → "rgba(31,119,180,alpha)". */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (m === null) throw new Error(`withAlpha: expected a colour like #1f77b4, got ${hex}`);
  return `rgba(${parseInt(m[1], 16)},${parseInt(m[2], 16)},${parseInt(m[3], 16)},${alpha})`;
}

/**
 * The three traces of a banded series on subplot `panel`: the band's lower edge (invisible), its upper edge
 * filled down to the lower one, and the median line. Years where the band is undefined are left out (not gaps),
 * so the shaded area stays closed.
 */
export function bandTraces(series: BandSeries, panel: number, showlegend: boolean): BandTrace[] {
  const { band, color, label } = series;
  const scale = (v: number | null) => (series.percent ? toPercent(v) : v);
  const kept = band.years.map((_, k) => k).filter((k) => band.median[k] !== null && band.lower[k] !== null && band.upper[k] !== null);
  const x = kept.map((k) => band.years[k]);
  const pick = (values: (number | null)[]) => kept.map((k) => scale(values[k]));
  const refs = axisRefs(panel);
  const unit = series.percent ? "%" : "";
  const edge = { type: "scatter" as const, mode: "lines" as const, x, ...refs, legendgroup: label };
  return [
    { ...edge, name: `${label} lower`, y: pick(band.lower), line: { color, width: 0 }, hoverinfo: "skip", showlegend: false },
    {
      ...edge,
      name: `${label}: ${coverageLabel(band)}`,
      y: pick(band.upper),
      line: { color, width: 0 },
      fill: "tonexty",
      fillcolor: withAlpha(color, 0.2),
      hoverinfo: "skip",
      showlegend,
    },
    {
      ...edge,
      name: `${label}: median`,
      y: pick(band.median),
      line: { color, dash: series.dash ?? "solid", width: 2 },
      hovertemplate: `${label} %{x}: median %{y:.2f}${unit}<extra></extra>`,
      showlegend,
    },
  ];
}

/**
 * A grid of banded subplots (row by row from the top left), one legend entry pair (median, band) per distinct
 * series label, shown at its first appearance.
 * @example
 * bandGridFigure(
 *   policies.map((p, i) => ({ title: p, yTitle: "Unemployment rate (%)",
 *     series: [{ label: p, band: annualBand(runs[p], "unemployment_rate"), color: colorAt(i), percent: true }] })),
 *   { title: "Unemployment rate across seeds" },
 * );
 */
export function bandGridFigure(panels: BandPanel[], options: BandFigureOptions): Figure {
  const matchY = options.matchY ?? true;
  return legendGridFigure(panels, options, { rowHeight: 300, extraHeight: 120, bottom: 80, perEntry: 20, legendY: -0.18 }, {
    cell: (p) => ({ title: p.title, xTitle: "Year", yTitle: p.yTitle, xTickformat: "d" }),
    axes: (axes, _, i) => {
      if (matchY && i > 0) {
        const key = `yaxis${axisRefs(i).yaxis.slice(1)}`;
        axes[key] = { ...axes[key], matches: "y" };
      }
    },
    traces: (panel, i, firstTime) => panel.series.flatMap((series) => bandTraces(series, i, firstTime(series.label))),
  });
}

/** An indicator drawn by {@link indicatorBandsFigure}. */
export interface BandIndicator {
  column: keyof AnnualRow;
  label: string;
  /** Values are fractions shown in percent. */
  percent: boolean;
  dash?: "solid" | "dash" | "dot";
}

/**
 * One column per group (e.g. household policy), each showing the median and band of the indicators across the
 * group's seeds, all columns on the same y range unless `matchY` is false — for groups of very different levels,
 * where a shared range would squeeze all but one. With one indicator each group has its colour; with several
 * (e.g. nominal and real GDP growth) each indicator has its colour in every column.
 * @example
 * indicatorBandsFigure(
 *   [{ label: "len", runs: lenRuns }, { label: "cats", runs: catsRuns }],
 *   [{ column: "unemployment_rate", label: "Unemployment rate", percent: true }],
 *   { title: "Unemployment rate across seeds", yTitle: "Unemployment rate (%)" },
 * );
 */
export function indicatorBandsFigure(
  groups: { label: string; runs: readonly SeedRun[] }[],
  indicators: BandIndicator[],
  options: { title: string; yTitle: string; coverage?: [number, number]; height?: number; matchY?: boolean },
): Figure {
  const several = indicators.length > 1;
  const panels: BandPanel[] = groups.map((group, g) => ({
    title: group.label,
    yTitle: g === 0 ? options.yTitle : "",
    series: indicators.map((indicator, k) => ({
      label: several ? indicator.label : group.label,
      band: annualBand(group.runs, indicator.column, options.coverage),
      color: several ? colorAt(k) : seriesColor(group.label, g),
      dash: indicator.dash,
      percent: indicator.percent,
    })),
  }));
  return bandGridFigure(panels, { title: options.title, height: options.height, matchY: options.matchY });
}
