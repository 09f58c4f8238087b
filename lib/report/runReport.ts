import * as path from "node:path";
import type { SeedRun } from "../analysis/acrossSeeds.js";
import { seedStatistics } from "../analysis/acrossSeeds.js";
import { businessCycleTable } from "../analysis/businessCycle.js";
import { compareBusinessCycles, seedBusinessCycles } from "../analysis/businessCycleAcrossSeeds.js";
import { describeSample } from "../stats/describeSample.js";
import { okunsLaw } from "../analysis/okunsLaw.js";
import { phillipsCurve } from "../analysis/phillipsCurve.js";
import { usQuarterlySeries } from "../analysis/quarterlySeries.js";
import { businessCycleFigure, formatBusinessCycleTable, formatCycleComparison } from "./businessCycle.js";
import { comparisonFigure, comparisonPhillipsOkunFigure } from "./comparison.js";
import { fitSummary, formatP, formatR, robustSummary, type RobustStats } from "./fit.js";
import { seriesColor, type Figure, type Trace } from "./plotly.js";
import { writeFigurePngs } from "./png.js";
import { annualIndicatorsFigure, phillipsOkunFigure } from "./figures.js";
import { writeFigureHtml } from "./html.js";
import { formatAnnualTable, formatFitLine, formatTable, medianRange } from "./table.js";
import { formatPopulations } from "./populations.js";
import type { LoadedRun } from "../run/loadRun.js";

/** The line of robust inference under a fit line, if the summary has it. */
const robustLine = (fit: RobustStats) => {
  const text = robustSummary(fit);
  return text === null ? [] : [`  robust to autocorrelated years: ${text}`];
};

/**
 * The annual table, the Phillips/Okun statistics (naive, then robust to autocorrelated years) and the business-cycle
 * table beside the US one, as printed by `econagent report`.
 */
export function runReportText(run: LoadedRun): string {
  const header = `${run.name}: policy ${run.manifest.policy}, seed ${run.manifest.seed}, ${run.annual.length} years`;
  const cycle = run.businessCycle
    ? ["", "Business cycle (quarterly, HP λ = 1,600; run / US 2001–2020):", formatBusinessCycleTable(run.businessCycle, businessCycleTable(usQuarterlySeries()))]
    : [];
  return [
    header,
    "",
    formatAnnualTable(run.annual),
    "",
    formatFitLine("Phillips curve (unemployment vs wage inflation)", run.summary.phillips),
    ...robustLine(run.summary.phillips),
    formatFitLine("Okun's law (unemployment growth vs real GDP growth)", run.summary.okun),
    ...robustLine(run.summary.okun),
    ...cycle,
    ...(run.populations ? ["", formatPopulations(run.populations, run.manifest)] : []),
  ].join("\n");
}

/** A figure and the standalone HTML page it goes to; its PNG goes beside it (same name, `.png`). */
export interface FigurePage {
  figure: Figure<Trace>;
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

/** The paper's two figures for one run, as standalone HTML files in `figuresDir`. Returns the paths. */
export function writeRunFigures(run: LoadedRun, figuresDir: string): string[] {
  return runFigurePages(run, figuresDir).map((page) => writeFigureHtml(page.figure, page.html));
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

/** Figures comparing several runs (e.g. the baselines), named `<prefix>-annual.html` and `<prefix>-phillips-okun.html`. */
export function writeComparisonFigures(runs: LoadedRun[], figuresDir: string, prefix: string): string[] {
  return comparisonFigurePages(runs, figuresDir, prefix).map((page) => writeFigureHtml(page.figure, page.html));
}

/** The robust p-values of a fit as "HAC p / p_eff", or "–" for a summary without them. */
const bareP = (p: number | null) => formatP(p).replace(/^p = /, "").replace(/^p /, "");
const robustPs = (fit: RobustStats) => (fit.hac ? `${bareP(fit.hac.p)} / ${bareP(fit.p_eff ?? null)}` : "–");

/** One line per run: the headline statistics side by side, the robust p-values beside the naive ones. */
export function comparisonTable(runs: LoadedRun[]): string {
  const pctRange = (r: { min: number | null; max: number | null }) =>
    r.min === null || r.max === null ? "–" : `${(100 * r.min).toFixed(1)} … ${(100 * r.max).toFixed(1)}`;
  return formatTable(
    runs.map((run) => ({
      policy: String(run.manifest.policy),
      phillips: fitSummary(run.summary.phillips),
      phillips_robust: robustPs(run.summary.phillips),
      okun: fitSummary(run.summary.okun),
      okun_robust: robustPs(run.summary.okun),
      inflation: pctRange(run.summary.price_inflation),
      unemployment: pctRange(run.summary.unemployment_rate),
    })),
    [
      { key: "policy", header: "policy", format: "str" },
      { key: "phillips", header: "Phillips curve", format: "str" },
      { key: "phillips_robust", header: "HAC p / p_eff", format: "str" },
      { key: "okun", header: "Okun's law", format: "str" },
      { key: "okun_robust", header: "HAC p / p_eff", format: "str" },
      { key: "inflation", header: "inflation % (min … max)", format: "str" },
      { key: "unemployment", header: "unemployment % (min … max)", format: "str" },
    ],
  );
}

/** One configuration's in-memory runs over seeds (e.g. from runSeeds), labelled for tables and figures. */
export interface SeedGroup {
  label: string;
  households: number;
  runs: SeedRun[];
}

/** Median and 10–90 % range of a sample of r, with the count of negative values. */
function rAcrossSeeds(values: (number | null)[]): string {
  const d = describeSample(values);
  if (d.median === null) return "–";
  const negative = values.filter((v) => v !== null && v < 0).length;
  return `${medianRange(d, formatR)}, r < 0 in ${negative}/${values.length}`;
}

/**
 * The across-seed evidence, one line per policy: the Phillips and Okun r over seeds (median, 10–90 % range, how
 * many seeds give the textbook negative sign) — each seed is an independent replication, unlike the 19 years of one.
 * @example
 * acrossSeedsTable([{ label: "cats", households: 100, runs: await runSeeds({ policy: "cats" }, seeds) }]);
 */
export function acrossSeedsTable(groups: readonly SeedGroup[]): string {
  return formatTable(
    groups.map((g) => {
      const stats = seedStatistics(g.runs);
      return {
        policy: g.label,
        seeds: g.runs.length,
        phillips: rAcrossSeeds(stats.map((s) => s.phillips_r)),
        okun: rAcrossSeeds(stats.map((s) => s.okun_r)),
      };
    }),
    [
      { key: "policy", header: "policy", format: "str" },
      { key: "seeds", header: "seeds", format: "int" },
      { key: "phillips", header: "Phillips r: median [10–90 %]", format: "str" },
      { key: "okun", header: "Okun r: median [10–90 %]", format: "str" },
    ],
  );
}

/**
 * Each policy's business-cycle statistics over its seeds against the US 2001–2020 (relative SDs, autocorrelations,
 * correlations with output, AR(1) coefficients), as text blocks, one per policy.
 */
export function businessCycleComparisonText(groups: readonly SeedGroup[]): string {
  const us = businessCycleTable(usQuarterlySeries());
  return groups
    .map((g) => `${g.label} (${g.runs.length} seeds):\n${formatCycleComparison(compareBusinessCycles(seedBusinessCycles(g.runs, g.households), us, ["relative_sd", "autocorr_1", "xcorr_p0", "ar1_phi"]))}`)
    .join("\n\n");
}

/**
 * One line per policy (and one for the US 2001–2020): each series' cycle SD relative to output's, as the median and
 * 10–90 % range over seeds — how volatile consumption, prices, wages and unemployment are against the data.
 */
export function relativeSdTable(groups: readonly SeedGroup[]): string {
  const us = businessCycleTable(usQuarterlySeries());
  const series = ["real_consumption", "price_level", "mean_wage", "unemployment"] as const;
  const num = (v: number | null) => (v === null ? "–" : v.toFixed(2));
  const rows = [
    { policy: "US 2001–2020", ...Object.fromEntries(series.map((name) => [name, num(us.find((r) => r.series === name)!.relative_sd)])) },
    ...groups.map((g) => {
      const comparison = compareBusinessCycles(seedBusinessCycles(g.runs, g.households), us, ["relative_sd"]);
      const cell = (name: string) => {
        const m = comparison.find((c) => c.series === name)!.model;
        return m.median === null ? "–" : medianRange(m, num);
      };
      return { policy: `${g.label} (${g.runs.length} seeds)`, ...Object.fromEntries(series.map((name) => [name, cell(name)])) };
    }),
  ];
  return formatTable(rows, [
    { key: "policy", header: "SD / SD(real GDP)", format: "str" },
    { key: "real_consumption", header: "real consumption", format: "str" },
    { key: "price_level", header: "price level", format: "str" },
    { key: "mean_wage", header: "mean wage", format: "str" },
    { key: "unemployment", header: "unemployment (pp)", format: "str" },
  ]);
}

/** The business-cycle figure of several policies over seeds, as the page `<prefix>-business-cycle` in `figuresDir`. */
export function businessCycleFigurePage(groups: readonly SeedGroup[], figuresDir: string, prefix: string): FigurePage {
  const figure = businessCycleFigure(
    groups.map((g, i) => ({ label: g.label, color: seriesColor(g.label, i), seeds: g.runs.map((r) => r.seed), tables: seedBusinessCycles(g.runs, g.households) })),
    businessCycleTable(usQuarterlySeries()),
  );
  return { figure: figure, html: path.join(figuresDir, `${prefix}-business-cycle.html`) };
}

/** The business-cycle figure of several policies over seeds, `<prefix>-business-cycle.html` in `figuresDir`. Returns its path. */
export function writeBusinessCycleFigure(groups: readonly SeedGroup[], figuresDir: string, prefix: string): string {
  const page = businessCycleFigurePage(groups, figuresDir, prefix);
  return writeFigureHtml(page.figure, page.html);
}
