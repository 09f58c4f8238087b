/**
 * A scenario's effect (scenario − baseline, seed by seed) on unemployment, real GDP growth and real consumption
 * growth, against the US series' deviation from its pre-shock trend: one panel per indicator, in percentage
 * points. Pure builder over `shockResponse` and `preShockDeviation` rows.
 */
import { SHOCK_INDICATORS, type ShockEffect, type ShockIndicator } from "../analysis/shockResponse.js";
import type { YearValue } from "../analysis/preShockDeviation.js";
import { colorAt, REFERENCE_COLOR, toPercent, type Figure } from "./plotly.js";
import { seriesGridFigure, type Series } from "./seriesGrid.js";

const TITLES: Record<ShockIndicator, string> = {
  unemployment_rate: "Unemployment rate (pp)",
  real_gdp_growth: "Real GDP growth (pp)",
  consumption_growth: "Real consumption growth (pp)",
};

/**
 * @param effects `shockResponse` rows
 * @param us per indicator, the US deviation from its pre-shock trend in percentage points (omit where there is no US series)
 * @example
 * shockResponseFigure(shockResponse(baseline, withShock, [2006, 2007, 2008, 2009]),
 *   { unemployment_rate: preShockDeviation(usUnemployment, 2008, 5) }, "The 2008 crisis");
 */
export function shockResponseFigure(effects: readonly ShockEffect[], us: Partial<Record<ShockIndicator, readonly YearValue[]>>, title: string): Figure {
  const panels = SHOCK_INDICATORS.map((indicator) => {
    const rows = effects.filter((e) => e.indicator === indicator);
    const seeds = rows.length ? rows[0].per_seed.length : 0;
    const series: Series[] = [
      ...Array.from({ length: seeds }, (_, k): Series => ({
        label: "model: one seed (scenario − baseline)",
        color: colorAt(5),
        x: rows.map((r) => r.year),
        y: rows.map((r) => toPercent(r.per_seed[k])),
        mode: "markers",
      })),
      { label: "model: mean over seeds", color: colorAt(0), x: rows.map((r) => r.year), y: rows.map((r) => toPercent(r.mean)), mode: "lines" },
    ];
    const real = us[indicator];
    if (real) series.push({ label: "US: deviation from its pre-shock trend", color: REFERENCE_COLOR, x: real.map((p) => p.year), y: real.map((p) => p.value), mode: "lines" });
    return { title: TITLES[indicator], xTitle: "year", yTitle: "pp", series };
  });
  return seriesGridFigure(panels, { title, cols: 3, height: 460 });
}
