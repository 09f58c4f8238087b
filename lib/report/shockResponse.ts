/**
 * A scenario's shock against the baseline and the real US series: unemployment, real GDP growth and real
 * consumption growth by year (medians across seeds). Pure builder over `shockResponse` rows.
 */
import type { ShockYear } from "../analysis/shockResponse.js";
import type { MacroYear } from "../calibration/macro.js";
import { colorAt, toPercent, type Figure } from "./plotly.js";
import { seriesGridFigure, type Series } from "./seriesGrid.js";

const pct = (values: (number | null)[]) => values.map(toPercent);

export function shockResponseFigure(response: readonly ShockYear[], us: readonly MacroYear[], title: string): Figure {
  const years = response.map((r) => r.year);
  const usYears = us.filter((u) => years.includes(u.year));
  const lines = (baseline: (number | null)[], scenario: (number | null)[], real: number[] | null): Series[] => [
    { label: "without the scenario", color: colorAt(0), x: years, y: pct(baseline), mode: "lines" },
    { label: "with the scenario", color: colorAt(3), x: years, y: pct(scenario), mode: "lines" },
    ...(real ? [{ label: "US data", color: "#000000", x: usYears.map((u) => u.year), y: real, mode: "lines" as const }] : []),
  ];
  return seriesGridFigure(
    [
      {
        title: "Unemployment rate (%)",
        xTitle: "year",
        yTitle: "%",
        series: lines(response.map((r) => r.unemployment_baseline), response.map((r) => r.unemployment_scenario), usYears.map((u) => u.unemployment_pct)),
      },
      {
        title: "Real GDP growth (%)",
        xTitle: "year",
        yTitle: "%",
        series: lines(response.map((r) => r.real_gdp_growth_baseline), response.map((r) => r.real_gdp_growth_scenario), usYears.map((u) => u.real_gdp_growth_pct)),
      },
      {
        title: "Real consumption growth (%)",
        xTitle: "year",
        yTitle: "%",
        series: lines(response.map((r) => r.consumption_growth_baseline), response.map((r) => r.consumption_growth_scenario), null),
      },
    ],
    { title, cols: 3, height: 460 },
  );
}
