/** Figures (plotly JSON), standalone HTML pages and terminal tables of a run's results. */
export * from "./plotly.js";
export * from "./fit.js";
export { annualIndicatorsFigure, phillipsOkunFigure, fitTraces } from "./figures.js";
export * from "./comparison.js";
export * from "./html.js";
export * from "./table.js";
export type { AnnualSeriesRow } from "./panels.js";
