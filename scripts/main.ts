/**
 * The main job (`npm start`): the paper's baselines — LEN, CATS, Composite and the AI-Economist (PPO-trained)
 * households, 100 households × 240 months, seed 1 — and, when a model is configured, the LLM households: written to data/runs/, their figures and
 * the comparison figures to figures/, a comparison table and the stylized-fact table of data/targets.json over seeds.
 * A model is configured by OPENAI_BASE_URL and/or OPENAI_API_KEY (OpenAI-compatible endpoint; ECONAGENT_MODEL
 * names the model) or ECONAGENT_MODEL_PATH (a GGUF file for the embedded backend).
 */
import * as path from "node:path";
import { progressBar } from "../lib/cli/progress.js";
import { resolveConfig, type RunConfig } from "../lib/run/config.js";
import { estimateRun, formatEstimate } from "../lib/run/estimate.js";
import { loadRun } from "../lib/run/loadRun.js";
import { modelFromEnvironment } from "../lib/run/modelEnvironment.js";
import {
  acrossSeedsTable, businessCycleFigurePage, comparisonFigurePages, comparisonTable, relativeSdTable, runFigurePages, writeFigures,
  type FigurePage, type SeedGroup,
} from "../lib/report/runReport.js";
import { runSeeds } from "../lib/run/runSeeds.js";
import { runExperiment } from "../lib/run/runExperiment.js";
import { projectRoot } from "../lib/paths.js";
import { checkFacts, readTargets, type FactRow } from "../lib/estimation/facts.js";
import { factTable } from "../lib/estimation/validate.js";

const BASE = { households: 100, months: 240, seed: 1 };
/**
 * Seeds of the across-seed evidence: 20 for the rule households (≈ 50 ms of CPU per run), 5 for the AI-Economist
 * (≈ 1.7 s per run: a network forward pass per household-month); none for an LLM run (every seed costs calls).
 */
const ACROSS_SEEDS: Record<string, number> = { len: 20, cats: 20, composite: 20, aieco: 5 };

/** The LLM run's options from the environment, or null when no model is configured. */
function llmFromEnvironment(): Partial<RunConfig> | null {
  const { OPENAI_BASE_URL, OPENAI_API_KEY, ECONAGENT_MODEL_PATH } = process.env;
  if (ECONAGENT_MODEL_PATH) return { policy: "llm", backend: "llama", modelPath: ECONAGENT_MODEL_PATH };
  const model = modelFromEnvironment();
  if (OPENAI_BASE_URL || OPENAI_API_KEY) return { policy: "llm", backend: "openai", ...(model ? { model: model } : {}) };
  return null;
}

/** Which household types pass the Phillips-curve fact and which fail it, from the rows (not assumed). */
function phillipsVerdict(facts: readonly (FactRow & { cell: string })[]): string {
  const rows = facts.filter((r) => r.fact === "phillips_curve_negative");
  const list = (pass: boolean) => rows.filter((r) => r.pass === pass).map((r) => `${r.cell} (${Math.round(r.share_inside * r.seeds)}/${r.seeds} seeds negative)`).join(", ") || "none";
  return `Phillips curve (r < 0): passed by ${list(true)}; failed by ${list(false)}.`;
}

async function main(): Promise<void> {
  const root = projectRoot();
  const figures = path.join(root, "figures");
  const llm = llmFromEnvironment();
  const experiments: Partial<RunConfig>[] = [{ policy: "len" }, { policy: "cats" }, { policy: "composite" }, { policy: "aieco" }, ...(llm ? [llm] : [])];
  const runs = [];
  const pages: FigurePage[] = [];
  for (const experiment of experiments) {
    const config = resolveConfig({ ...BASE, ...experiment });
    const out = path.join(root, "data", "runs", `${config.policy}-seed1`);
    process.stdout.write(`${config.policy}: ${config.households} households × ${config.months} months, seed ${config.seed}\n`);
    if (config.policy === "llm") process.stdout.write(`${formatEstimate(await estimateRun(config))}\n`);
    const bar = progressBar();
    await runExperiment(config, { out, force: true, onProgress: (p) => bar.update(p) });
    bar.end();
    const run = loadRun(out);
    pages.push(...runFigurePages(run, figures));
    runs.push(run);
  }
  const groups: SeedGroup[] = [];
  for (const experiment of experiments) {
    const seeds = ACROSS_SEEDS[String(experiment.policy)];
    if (!seeds) continue;
    process.stdout.write(`${experiment.policy}: seeds 1–${seeds} in memory\n`);
    const runsOverSeeds = await runSeeds({ ...BASE, ...experiment }, Array.from({ length: seeds }, (_, k) => k + 1));
    groups.push({ label: String(experiment.policy), households: BASE.households, runs: runsOverSeeds });
  }
  const targets = readTargets();
  const facts = groups.flatMap((g) => checkFacts(targets, g.runs, g.households).map((row) => ({ cell: g.label, ...row })));
  const comparison = [...comparisonFigurePages(runs, figures, "baselines"), businessCycleFigurePage(groups, figures, "baselines")];
  // Every figure as HTML and, with Chromium, its PNG beside it, all drawn in one browser page.
  const { skipped } = await writeFigures([...pages, ...comparison]);
  const written = comparison.map((page) => page.html);
  process.stdout.write(
    [
      "",
      "Across seeds (the primary evidence: each seed is an independent replication of the 20-year economy):",
      acrossSeedsTable(groups),
      "",
      "Seed 1 (the naive p treats the 19 years as independent; HAC p and p_eff allow for their autocorrelation):",
      comparisonTable(runs),
      "",
      "Business cycle (quarterly, HP λ = 1,600), over seeds against the US:",
      relativeSdTable(groups),
      "",
      "Stylized facts (data/targets.json): the median over seeds, the seeds inside the band; a fact passes when ≥ 95 % are:",
      factTable(facts),
      phillipsVerdict(facts),
      "",
      `runs: data/runs/  figures: ${written.map((f) => path.relative(root, f)).join(", ")} (and each run's; ${skipped === null ? "HTML and PNG" : "HTML only"})`,
      ...(skipped === null ? [] : [`PNG export skipped: ${skipped}`]),
      "",
    ].join("\n"),
  );
  if (!llm) {
    process.stdout.write(
      "LLM households: set OPENAI_BASE_URL (and OPENAI_API_KEY, ECONAGENT_MODEL) or ECONAGENT_MODEL_PATH=model.gguf to add them (docs/llm.md).\n",
    );
  }
}

main().catch((error) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
