/**
 * Figures of one run: the paper's Figure 2 (annual indicators) and the Phillips-curve / Okun's-law scatters.
 * Pure builders: plotly figure JSON in, nothing drawn or written.
 */
import { fitSummary, fittedLine, type CurveFit } from "./fit.js";
import {
  OKUN_AXES,
  PHILLIPS_AXES,
  POINT_HOVER,
  annualPanels,
  fitPoints,
  moneySeries,
  percentSeries,
  years,
  type AnnualSeriesRow,
} from "./panels.js";
import { axisRefs, colorAt, subplotGrid, toPercent, type Figure, type FigureLayout, type ScatterTrace } from "./plotly.js";

/** Where the legend goes when it explains lines rather than naming runs: centred under the plots. */
export const BOTTOM_LEGEND = { orientation: "h", x: 0.5, xanchor: "center", y: -0.12, yanchor: "top" } as const;

/**
 * The paper's Figure 2 for one run: 2×2 panels of annual price inflation (%), unemployment rate (%), nominal
 * GDP, and nominal & real GDP growth (%), against the calendar year. Undefined values (year-1 inflation and
 * growth) are gaps.
 * @example
 * const fig = annualIndicatorsFigure(readAnnual("runs/gpt/annual.csv"), "EconAgent (GPT-3.5), 20 years");
 */
export function annualIndicatorsFigure(annual: readonly AnnualSeriesRow[], title: string): Figure {
  const { axes, annotations } = subplotGrid(2, 2, annualPanels("Nominal & real GDP growth (%)"));
  const x = years(annual);
  const line = (panel: number, name: string, y: (number | null)[], color: string, showlegend: boolean): ScatterTrace => ({
    type: "scatter",
    mode: "lines+markers",
    name,
    x,
    y,
    ...axisRefs(panel),
    line: { color },
    marker: { color, size: 5 },
    showlegend,
  });
  return {
    data: [
      line(0, "Price inflation", percentSeries(annual, "price_inflation"), colorAt(0), false),
      line(1, "Unemployment rate", percentSeries(annual, "unemployment_rate"), colorAt(0), false),
      line(2, "Nominal GDP", moneySeries(annual, "nominal_gdp"), colorAt(0), false),
      line(3, "Nominal GDP growth", percentSeries(annual, "nominal_gdp_growth"), colorAt(0), true),
      line(3, "Real GDP growth", percentSeries(annual, "real_gdp_growth"), colorAt(1), true),
    ],
    layout: annualLayout(title, { axes, annotations }, { height: 720, bottom: 90 }),
  };
}

/**
 * Layout of a Figure 2 grid (single-run or comparison): 1000 px wide, legend centred under the plots; the
 * figures differ only in `height` and the bottom margin `bottom` that leaves room for their legends.
 */
export function annualLayout(
  title: string,
  grid: ReturnType<typeof subplotGrid>,
  size: { height: number; bottom: number },
): FigureLayout {
  return {
    title: { text: title },
    width: 1000,
    height: size.height,
    showlegend: true,
    legend: BOTTOM_LEGEND,
    margin: { t: 90, b: size.bottom, l: 70, r: 30 },
    annotations: grid.annotations,
    ...grid.axes,
  };
}

/** Scatter of a fit's points and its OLS line (when defined), in percent, on subplot `panel`. */
export function fitTraces(
  fit: CurveFit,
  panel: number,
  style: { name: string; pointColor: string; lineColor: string; legendgroup?: string; showlegend: boolean },
): ScatterTrace[] {
  const refs = axisRefs(panel);
  const group = style.legendgroup === undefined ? {} : { legendgroup: style.legendgroup };
  const traces: ScatterTrace[] = [
    {
      type: "scatter",
      mode: "markers",
      name: style.name,
      ...fitPoints(fit),
      ...refs,
      marker: { color: style.pointColor, size: 8 },
      hovertemplate: POINT_HOVER,
      ...group,
      showlegend: style.showlegend,
    },
  ];
  const fitted = fittedLine(fit);
  if (fitted !== null) {
    traces.push({
      type: "scatter",
      mode: "lines",
      name: `${style.name} (OLS fit)`,
      x: fitted.x.map(toPercent),
      y: fitted.y.map(toPercent),
      ...refs,
      line: { color: style.lineColor, width: 2 },
      ...group,
      showlegend: false,
    });
  }
  return traces;
}

/**
 * Phillips curve (unemployment rate vs wage inflation) and Okun's law (unemployment growth vs real GDP growth)
 * side by side: each a scatter of the annual points with its OLS line, r, p and n in the subplot title.
 * @example
 * const fig = phillipsOkunFigure(phillipsCurve(annual), okunsLaw(annual), "EconAgent (GPT-3.5)");
 * fig.layout.annotations[0].text // "Phillips curve: r = -0.62, p = 0.004, n = 19"
 */
export function phillipsOkunFigure(phillips: CurveFit, okun: CurveFit, title: string): Figure {
  const { axes, annotations } = subplotGrid(1, 2, [
    { title: `Phillips curve: ${fitSummary(phillips)}`, ...PHILLIPS_AXES },
    { title: `Okun's law: ${fitSummary(okun)}`, ...OKUN_AXES },
  ]);
  const style = (name: string) => ({ name, pointColor: colorAt(0), lineColor: colorAt(3), showlegend: false });
  return {
    data: [...fitTraces(phillips, 0, style("Phillips curve")), ...fitTraces(okun, 1, style("Okun's law"))],
    layout: {
      title: { text: title },
      width: 1000,
      height: 460,
      showlegend: false,
      margin: { t: 90, b: 60, l: 70, r: 30 },
      annotations,
      ...axes,
    },
  };
}
