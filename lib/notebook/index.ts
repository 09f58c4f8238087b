/**
 * What a notebook needs: a run as DataFrames, figures built from those frames, and showing figures (interactive
 * plotly + PNG, also written to figures/) and tables. A notebook of one's own starts with
 *
 * ```ts
 * import { loadRunFrames, showTable, showFigure, annualFigureOf } from "./lib/notebook/index.js";
 * const run = loadRunFrames("data/runs/composite-seed1");
 * showTable(run.annual);
 * await showFigure(annualFigureOf(run), "my-annual");
 * ```
 */
export {
  loadRunFrames,
  rowsOf,
  frameOf,
  annualRowsOf,
  annualFigureOf,
  phillipsOkunFigureOf,
  type RunFrames,
} from "./frames.js";
export { showFigure, showTable, tableHtml, cellText, figuresDir, PLOTLY_MIME, type TableOptions } from "./show.js";
export { figurePngs, closePngBrowser, type PngRequest } from "../report/png.js";
export { loadSweepFrames, type SweepFrames } from "./sweepFrames.js";
export { executionSeconds } from "./executionSeconds.js";
