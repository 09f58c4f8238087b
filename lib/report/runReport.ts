import * as path from "node:path";
import { okunsLaw } from "../analysis/okunsLaw.js";
import { phillipsCurve } from "../analysis/phillipsCurve.js";
import { comparisonFigure, comparisonPhillipsOkunFigure } from "./comparison.js";
import { fitSummary } from "./fit.js";
import { annualIndicatorsFigure, phillipsOkunFigure } from "./figures.js";
import { writeFigureHtml } from "./html.js";
import { formatAnnualTable, formatFitLine, formatTable } from "./table.js";
import type { LoadedRun } from "../run/loadRun.js";

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

/** The paper's two figures for one run, as standalone HTML files in `figuresDir`. Returns the paths. */
export function writeRunFigures(run: LoadedRun, figuresDir: string): string[] {
  const title = `${run.manifest.policy} (seed ${run.manifest.seed})`;
  return [
    writeFigureHtml(annualIndicatorsFigure(run.annual, `Annual indicators: ${title}`), path.join(figuresDir, `${run.name}-annual.html`)),
    writeFigureHtml(
      phillipsOkunFigure(phillipsCurve(run.annual), okunsLaw(run.annual), `Phillips curve and Okun's law: ${title}`),
      path.join(figuresDir, `${run.name}-phillips-okun.html`),
    ),
  ];
}

/** Figures comparing several runs (e.g. the baselines), named `<prefix>-annual.html` and `<prefix>-phillips-okun.html`. */
export function writeComparisonFigures(runs: LoadedRun[], figuresDir: string, prefix: string): string[] {
  const labelled = runs.map((run) => ({ label: String(run.manifest.policy), annual: run.annual }));
  return [
    writeFigureHtml(comparisonFigure(labelled, "Annual indicators by household type"), path.join(figuresDir, `${prefix}-annual.html`)),
    writeFigureHtml(
      comparisonPhillipsOkunFigure(
        runs.map((run) => ({ label: String(run.manifest.policy), phillips: phillipsCurve(run.annual), okun: okunsLaw(run.annual) })),
      ),
      path.join(figuresDir, `${prefix}-phillips-okun.html`),
    ),
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
