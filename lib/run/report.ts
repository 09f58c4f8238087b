import * as path from "node:path";
import { okunsLaw } from "../analysis/okunsLaw.js";
import { phillipsCurve } from "../analysis/phillipsCurve.js";
import { comparisonFigure, comparisonPhillipsOkunFigure } from "../report/comparison.js";
import { fitSummary } from "../report/fit.js";
import { annualIndicatorsFigure, phillipsOkunFigure } from "../report/figures.js";
import { writeFigureHtml } from "../report/html.js";
import type { Figure } from "../report/plotly.js";
import { writeFigurePngs } from "../report/png.js";
import { formatAnnualTable, formatFitLine, formatTable } from "../report/table.js";
import type { LoadedRun } from "./loadRun.js";

/** The annual table and the Phillips/Okun statistics of one run, as printed by `econagent report`. */
export function runReportText(run: LoadedRun): string {
  const header = `${run.name}: policy ${run.manifest.policy}, seed ${run.manifest.seed}, ${run.annual.length} years`;
  return [
    header,
    "",
    formatAnnualTable(run.annual),
    "",
    formatFitLine("Phillips curve (unemployment vs wage inflation)", run.summary.phillips),
    formatFitLine("Okun's law (unemployment growth vs real GDP growth)", run.summary.okun),
  ].join("\n");
}

/** A figure and the standalone HTML page it goes to; its PNG goes beside it (same name, `.png`). */
export interface FigurePage {
  figure: Figure;
  html: string;
}

/**
 * Write each figure as a standalone HTML page and, when Chromium is installed, as a PNG beside it — all PNGs drawn
 * in one batch on one browser page. Without Chromium only the HTML is written and `skipped` says why and how to
 * get the PNGs.
 * @returns every file written (each page's HTML, then its PNG) and the reason PNGs were skipped, or null
 * @example
 * const { files } = await writeFigures(runFigurePages(loadRun("runs/c1"), "figures"));
 */
export async function writeFigures(pages: FigurePage[]): Promise<{ files: string[]; skipped: string | null }> {
  for (const page of pages) writeFigureHtml(page.figure, page.html);
  const png = (page: FigurePage) => page.html.replace(/\.html$/, "") + ".png";
  const { skipped } = await writeFigurePngs(pages.map((page) => ({ figure: page.figure, file: png(page) })));
  return { files: pages.flatMap((page) => (skipped === null ? [page.html, png(page)] : [page.html])), skipped };
}

/** The paper's two figures for one run, as pages in `figuresDir`: `<run>-annual` and `<run>-phillips-okun`. */
export function runFigurePages(run: LoadedRun, figuresDir: string): FigurePage[] {
  const title = `${run.manifest.policy} (seed ${run.manifest.seed})`;
  return [
    { figure: annualIndicatorsFigure(run.annual, `Annual indicators: ${title}`), html: path.join(figuresDir, `${run.name}-annual.html`) },
    {
      figure: phillipsOkunFigure(phillipsCurve(run.annual), okunsLaw(run.annual), `Phillips curve and Okun's law: ${title}`),
      html: path.join(figuresDir, `${run.name}-phillips-okun.html`),
    },
  ];
}

/** Figures comparing several runs (e.g. the baselines), as pages `<prefix>-annual` and `<prefix>-phillips-okun`. */
export function comparisonFigurePages(runs: LoadedRun[], figuresDir: string, prefix: string): FigurePage[] {
  const labelled = runs.map((run) => ({ label: String(run.manifest.policy), annual: run.annual }));
  return [
    { figure: comparisonFigure(labelled, "Annual indicators by household type"), html: path.join(figuresDir, `${prefix}-annual.html`) },
    {
      figure: comparisonPhillipsOkunFigure(
        runs.map((run) => ({ label: String(run.manifest.policy), phillips: phillipsCurve(run.annual), okun: okunsLaw(run.annual) })),
      ),
      html: path.join(figuresDir, `${prefix}-phillips-okun.html`),
    },
  ];
}

/** One line per run: the headline statistics side by side. */
export function comparisonTable(runs: LoadedRun[]): string {
  const pctRange = (r: { min: number | null; max: number | null }) =>
    r.min === null || r.max === null ? "–" : `${(100 * r.min).toFixed(1)} … ${(100 * r.max).toFixed(1)}`;
  return formatTable(
    runs.map((run) => ({
      policy: String(run.manifest.policy),
      phillips: fitSummary(run.summary.phillips),
      okun: fitSummary(run.summary.okun),
      inflation: pctRange(run.summary.price_inflation),
      unemployment: pctRange(run.summary.unemployment_rate),
    })),
    [
      { key: "policy", header: "policy", format: "str" },
      { key: "phillips", header: "Phillips curve", format: "str" },
      { key: "okun", header: "Okun's law", format: "str" },
      { key: "inflation", header: "inflation % (min … max)", format: "str" },
      { key: "unemployment", header: "unemployment % (min … max)", format: "str" },
    ],
  );
}
