/**
 * Figures comparing runs (e.g. the LLM policy against the rule-based baselines): one colour per run, one legend
 * entry per run that toggles all of its traces.
 */
import { formatP, formatR, type CurveFit, type FitStats } from "./fit.js";
import { BOTTOM_LEGEND, annualLayout, fitTraces } from "./figures.js";
import {
  OKUN_AXES,
  PHILLIPS_AXES,
  annualPanels,
  moneySeries,
  percentSeries,
  years,
  type AnnualSeriesRow,
} from "./panels.js";
import { axisRefs, seriesColor, subplotGrid, type Figure, type ScatterTrace } from "./plotly.js";

/** One run's annual rows under a label, for comparison figures. */
export interface AnnualRun {
  label: string;
  annual: readonly AnnualSeriesRow[];
}

/** One run's Phillips and Okun fits under a label, for comparison figures. */
export interface FitRun {
  label: string;
  phillips: CurveFit;
  okun: CurveFit;
}

/**
 * Figure 2 with one line per run in each panel. GDP growth shows real growth solid and nominal growth dashed,
 * both in the run's colour.
 * @example
 * comparisonFigure([{ label: "LLM", annual: a }, { label: "CATS", annual: b }], "Policies compared");
 */
export function comparisonFigure(runs: AnnualRun[], title: string): Figure {
  const { axes, annotations } = subplotGrid(2, 2, annualPanels("GDP growth (%): real solid, nominal dashed"));
  const data = runs.flatMap((run, i): ScatterTrace[] => {
    const color = seriesColor(run.label, i);
    const x = years(run.annual);
    const line = (panel: number, series: string, y: (number | null)[], dash: "solid" | "dash"): ScatterTrace => ({
      type: "scatter",
      mode: "lines",
      name: run.label,
      x,
      y,
      ...axisRefs(panel),
      line: { color, dash },
      hovertemplate: `${run.label}, ${series} %{x}: %{y}<extra></extra>`,
      legendgroup: run.label,
      showlegend: panel === 0,
    });
    return [
      line(0, "price inflation", percentSeries(run.annual, "price_inflation"), "solid"),
      line(1, "unemployment", percentSeries(run.annual, "unemployment_rate"), "solid"),
      line(2, "nominal GDP", moneySeries(run.annual, "nominal_gdp"), "solid"),
      line(3, "real GDP growth", percentSeries(run.annual, "real_gdp_growth"), "solid"),
      line(3, "nominal GDP growth", percentSeries(run.annual, "nominal_gdp_growth"), "dash"),
    ];
  });
  return {
    data,
    layout: annualLayout(title, { axes, annotations }, { height: 760, bottom: 110 }),
  };
}

/** Legend label of a run: its Phillips and Okun r and p in one line. */
export function runFitLabel(label: string, phillips: FitStats, okun: FitStats): string {
  const stats = (fit: FitStats) => `r = ${formatR(fit.r)} (${formatP(fit.p)})`;
  return `${label}: Phillips ${stats(phillips)}, Okun ${stats(okun)}`;
}

/**
 * Phillips-curve and Okun's-law scatters of several runs, each with its OLS line in the run's colour; the legend
 * entry of a run carries both r and p.
 */
export function comparisonPhillipsOkunFigure(runs: FitRun[], title = "Phillips curve and Okun's law"): Figure {
  const { axes, annotations } = subplotGrid(1, 2, [
    { title: "Phillips curve", ...PHILLIPS_AXES },
    { title: "Okun's law", ...OKUN_AXES },
  ]);
  const data = runs.flatMap((run, i) => {
    const color = seriesColor(run.label, i);
    const name = runFitLabel(run.label, run.phillips, run.okun);
    const style = (showlegend: boolean) => ({ name, pointColor: color, lineColor: color, legendgroup: run.label, showlegend });
    return [...fitTraces(run.phillips, 0, style(true)), ...fitTraces(run.okun, 1, style(false))];
  });
  return {
    data,
    layout: {
      title: { text: title },
      width: 1000,
      height: 520 + 22 * runs.length,
      showlegend: true,
      legend: { ...BOTTOM_LEGEND, orientation: "v", y: -0.15 },
      margin: { t: 90, b: 60 + 22 * runs.length, l: 70, r: 30 },
      annotations,
      ...axes,
    },
  };
}
