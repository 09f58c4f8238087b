/**
 * How a statistic (e.g. the Phillips-curve r) is distributed over seeds, per group (household policy): a strip of
 * every seed's value, the median as a bar and the 10–90% range as a whisker, with horizontal reference values
 * (published or real-world) across each subplot. Scatter traces only, so it is an ordinary {@link Figure}. Pure builder.
 */
import { describeSample } from "../stats/describeSample.js";
import { legendGridFigure } from "./legendGrid.js";
import { axisRefs, type Figure, type ScatterTrace } from "./plotly.js";

/** One group's sample (e.g. one policy's r over seeds); null values (undefined statistics) are left out. */
export interface DistributionGroup {
  label: string;
  color: string;
  values: (number | null)[];
  /** The seed of each value, shown on hover. */
  seeds: (number | string)[];
}

/** A value drawn as a horizontal line across a subplot, e.g. the paper's r or the US data's r. */
export interface ReferenceValue {
  /** Legend label; references with the same label share a legend entry and style across subplots. */
  label: string;
  value: number;
  color: string;
  dash: "solid" | "dash" | "dot";
}

/** One subplot of a distribution figure: groups of values (e.g. one per policy) and reference values (e.g. the US). */
export interface DistributionPanel {
  title: string;
  yTitle: string;
  groups: DistributionGroup[];
  references: ReferenceValue[];
}

/** A distribution figure's title, y range, columns and width. */
export interface DistributionFigureOptions {
  title: string;
  /** Fixed y range of every subplot, e.g. [-1, 1] for correlations. */
  yRange?: [number, number];
  cols?: number;
  width?: number;
  height?: number;
}

/** Horizontal offsets of `count` points spread evenly across `width` around their group's position. */
function spread(count: number, width: number): number[] {
  return Array.from({ length: count }, (_, m) => (count === 1 ? 0 : ((m + 0.5) / count - 0.5) * width));
}

/**
 * Strip subplots, one per panel: the groups side by side at x = 0, 1, … labelled by their names, each value a
 * point (spread sideways in seed order so none hides another), the median a horizontal bar and the 10–90% range
 * a vertical whisker; reference values are dashed lines spanning the subplot. Groups and references each get
 * one legend entry.
 * @example
 * distributionFigure([{ title: "Phillips r", yTitle: "r", groups: [{ label: "cats", color: colorAt(1),
 *   values: stats.map((s) => s.phillips_r), seeds: stats.map((s) => s.seed) }],
 *   references: [{ label: "EconAgent GPT-3.5 (paper)", value: -0.619, color: "#000000", dash: "dash" }] }],
 *   { title: "Phillips r over seeds", yRange: [-1, 1] });
 */
export function distributionFigure(panels: DistributionPanel[], options: DistributionFigureOptions): Figure {
  return legendGridFigure(panels, options, { rowHeight: 380, extraHeight: 120, bottom: 70, perEntry: 12, legendY: -0.1 }, {
    cell: (p) => ({ title: p.title, xTitle: "", yTitle: p.yTitle }),
    axes: (axes, panel, i) => {
      const suffix = axisRefs(i).xaxis.slice(1);
      axes[`xaxis${suffix}`] = {
        ...axes[`xaxis${suffix}`],
        tickvals: panel.groups.map((_, j) => j),
        ticktext: panel.groups.map((g) => g.label),
        range: [-0.6, panel.groups.length - 0.4],
        zeroline: false,
      };
      if (options.yRange) axes[`yaxis${suffix}`] = { ...axes[`yaxis${suffix}`], range: options.yRange };
    },
    traces: (panel, i, firstTime) => {
      const refs = axisRefs(i);
      const k = panel.groups.length;
      const data: ScatterTrace[] = [];
      panel.groups.forEach((group, j) => {
        const kept = group.values.map((_, m) => m).filter((m) => group.values[m] !== null && Number.isFinite(group.values[m]));
        const offsets = spread(kept.length, 0.5);
        const summary = describeSample(group.values);
        const common = { type: "scatter" as const, ...refs, legendgroup: group.label };
        data.push({
          ...common,
          mode: "markers",
          name: group.label,
          x: offsets.map((dx) => j + dx),
          y: kept.map((m) => group.values[m] as number),
          marker: { color: group.color, size: 7 },
          text: kept.map((m) => String(group.seeds[m])),
          hovertemplate: `${group.label}, seed %{text}: %{y:.3f}<extra></extra>`,
          showlegend: firstTime(group.label),
        });
        if (summary.median !== null) {
          data.push(
            {
              ...common,
              mode: "lines",
              name: `${group.label}: 10–90%`,
              x: [j, j],
              y: [summary.q10, summary.q90],
              line: { color: group.color, width: 2 },
              hovertemplate: `${group.label}: 10–90% %{y:.3f}<extra></extra>`,
              showlegend: false,
            },
            {
              ...common,
              mode: "lines",
              name: `${group.label}: median`,
              x: [j - 0.3, j + 0.3],
              y: [summary.median, summary.median],
              line: { color: group.color, width: 4 },
              hovertemplate: `${group.label}: median %{y:.3f}<extra></extra>`,
              showlegend: false,
            },
          );
        }
      });
      for (const ref of panel.references) {
        data.push({
          type: "scatter",
          mode: "lines",
          name: ref.label,
          x: [-0.6, k - 0.4],
          y: [ref.value, ref.value],
          ...refs,
          line: { color: ref.color, dash: ref.dash, width: 2 },
          hovertemplate: `${ref.label}: ${ref.value.toFixed(3)}<extra></extra>`,
          legendgroup: ref.label,
          showlegend: firstTime(ref.label),
        });
      }
      return data;
    },
  });
}
