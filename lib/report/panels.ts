/**
 * What each panel of the report figures shows: the paper's Figure 2 indicators (2×2) and the Phillips/Okun
 * scatter pair (1×2), shared by the single-run and the comparison figures.
 */
import type { AnnualRow } from "../economy/rows.js";
import type { CurveFit } from "./fit.js";
import { toPercent, type SubplotSpec } from "./plotly.js";

/** Columns of `annual.csv` the indicator figures read; a row needs only these. */
export type AnnualSeriesRow = Pick<
  AnnualRow,
  "year" | "price_inflation" | "unemployment_rate" | "nominal_gdp" | "nominal_gdp_growth" | "real_gdp_growth"
>;

const YEAR_AXIS = { xTitle: "Year", xTickformat: "d" } as const;

/** Figure 2 panels, row by row: price inflation, unemployment, nominal GDP, nominal & real GDP growth. */
export function annualPanels(growthTitle: string): SubplotSpec[] {
  return [
    { title: "Annual price inflation (%)", yTitle: "Price inflation (%)", ...YEAR_AXIS },
    { title: "Unemployment rate (%)", yTitle: "Unemployment rate (%)", ...YEAR_AXIS },
    { title: "Nominal GDP", yTitle: "Nominal GDP ($)", ...YEAR_AXIS },
    { title: growthTitle, yTitle: "GDP growth (%)", ...YEAR_AXIS },
  ];
}

/**
 * Axis titles of a Phillips-curve panel.
 * @example
 * PHILLIPS_AXES.yTitle; // "Wage inflation (%)"
 */
export const PHILLIPS_AXES = { xTitle: "Unemployment rate (%)", yTitle: "Wage inflation (%)" } as const;
/**
 * Axis titles of an Okun's-law panel.
 * @example
 * OKUN_AXES.xTitle; // "Unemployment growth (%)"
 */
export const OKUN_AXES = { xTitle: "Unemployment growth (%)", yTitle: "Real GDP growth (%)" } as const;

/** Annual columns that are fractions, drawn in percent. */
export type PercentColumn = "price_inflation" | "unemployment_rate" | "nominal_gdp_growth" | "real_gdp_growth";

/** Calendar years of the rows (the x of every indicator panel). */
export function years(annual: readonly AnnualSeriesRow[]): (number | null)[] {
  return annual.map((row) => row.year);
}

/** A fraction column as percentages, null (undefined in that year) kept as a gap. */
export function percentSeries(annual: readonly AnnualSeriesRow[], column: PercentColumn): (number | null)[] {
  return annual.map((row) => toPercent(row[column]));
}

/** A money column as is, non-finite values as gaps. */
export function moneySeries(annual: readonly AnnualSeriesRow[], column: "nominal_gdp"): (number | null)[] {
  return annual.map((row) => {
    const v = row[column];
    return v === null || !Number.isFinite(v) ? null : v;
  });
}

/** Scatter points of a fit in percent, labelled by year for the hover text. */
export function fitPoints(fit: CurveFit): { x: (number | null)[]; y: (number | null)[]; text: string[] } {
  return { x: fit.x.map(toPercent), y: fit.y.map(toPercent), text: fit.years.map(String) };
}

/**
 * The hover text of a fit's points: the year and both values in percent.
 * @example
 * scatter.hovertemplate = POINT_HOVER; // "2005: (3.10%, 2.45%)"
 */
export const POINT_HOVER = "%{text}: (%{x:.2f}%, %{y:.2f}%)<extra></extra>";
