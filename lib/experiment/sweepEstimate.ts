import type { RunConfig } from "../run/config.js";
import { DEFAULT_RATES, estimateRun, type CallEstimate, type EstimateRates, type RunEstimate } from "../run/estimate.js";
import { cellConfig, expandCells } from "./cells.js";
import type { ExperimentSource } from "./experimentFile.js";
import { sweepRuns, type SweepRun } from "./runs.js";
import { thousands } from "../thousands.js";

/** What one run of a sweep would spend: null for a run that makes no model call (rule-based households, a replay). */
export interface SweepRunEstimate {
  run: SweepRun;
  estimate: RunEstimate | null;
}

/** The whole sweep's calls, tokens and cost before anything is spent: the sum of its runs' estimates. */
export interface SweepEstimate {
  name: string;
  runs: number;
  /** Runs that would call a model (LLM households, not replayed). */
  callingRuns: number;
  decision: CallEstimate;
  reflection: CallEstimate;
  reask: CallEstimate;
  total: CallEstimate;
  /** Per cell: its runs and what they cost together. */
  cells: { id: string; runs: number; models: string[]; total: CallEstimate }[];
  rates: EstimateRates;
  perRun: SweepRunEstimate[];
}

const zero = (): CallEstimate => ({ calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 });
const addTo = (into: CallEstimate, e: CallEstimate) => {
  into.calls += e.calls;
  into.inputTokens += e.inputTokens;
  into.outputTokens += e.outputTokens;
  into.costUsd += e.costUsd;
};

/**
 * Whether a run calls a model at all: LLM households not replaying a cache or recording (a replay spends nothing).
 * @example
 * callsModel(resolveConfig({ policy: "llm" })); // true
 * callsModel(resolveConfig({ policy: "llm", cacheMode: "replay" })); // false
 */
export function callsModel(config: RunConfig): boolean {
  return config.policy === "llm" && config.cacheMode !== "replay";
}

/**
 * Estimate every run of an experiment with {@link estimateRun} (its own prompts rendered on a stand-in economy of
 * its own configuration and seed, exact call counts, the model's prices) and add them up. A warm response cache
 * would make some calls free: the estimate is what the sweep costs when every call is paid.
 * @example
 * const e = await estimateSweep(readExperiment("data/experiments/paper-llm.json"));
 * e.total.costUsd; // the whole sweep in US dollars at the models' list prices
 */
export async function estimateSweep(
  source: ExperimentSource,
  rates: EstimateRates = DEFAULT_RATES,
  onRun?: (done: number, total: number) => void,
): Promise<SweepEstimate> {
  const cells = expandCells(source.experiment);
  const runs = sweepRuns(cells, source.experiment.seeds);
  const sums = { decision: zero(), reflection: zero(), reask: zero(), total: zero() };
  const byCell = new Map(cells.map((c) => [c.id, { id: c.id, runs: 0, models: new Set<string>(), total: zero() }]));
  const perRun: SweepRunEstimate[] = [];
  for (const run of runs) {
    const config = cellConfig(run.cell, run.seed);
    const estimate = callsModel(config) ? await estimateRun(config, rates) : null;
    const cell = byCell.get(run.cell.id)!;
    cell.runs++;
    if (estimate) {
      for (const type of ["decision", "reflection", "reask", "total"] as const) addTo(sums[type], estimate[type]);
      addTo(cell.total, estimate.total);
      cell.models.add(estimate.model);
    }
    perRun.push({ run, estimate });
    onRun?.(perRun.length, runs.length);
  }
  return {
    name: source.experiment.name,
    runs: runs.length,
    callingRuns: perRun.filter((r) => r.estimate !== null).length,
    ...sums,
    cells: [...byCell.values()].map((c) => ({ ...c, models: [...c.models] })),
    rates,
    perRun,
  };
}

/**
 * The `--dry-run --json` object: `{runs, calls: {decision, reflection, reask}, tokens: {input, output}, cost_usd}`,
 * plus the runs that call a model and each cell's cost.
 * @example
 * sweepEstimateJson(await estimateSweep(source)).cost_usd; // e.g. 120.5
 */
export function sweepEstimateJson(e: SweepEstimate) {
  return {
    name: e.name,
    runs: e.runs,
    calling_runs: e.callingRuns,
    calls: { decision: e.decision.calls, reflection: e.reflection.calls, reask: e.reask.calls, total: e.total.calls },
    tokens: { input: e.total.inputTokens, output: e.total.outputTokens },
    cost_usd: e.total.costUsd,
    cells: e.cells.map((c) => ({ cell: c.id, runs: c.runs, models: c.models, calls: c.total.calls, cost_usd: c.total.costUsd })),
    reask_rate: e.rates.reaskRate,
    rates_source: e.rates.source,
  };
}

/**
 * The dry run for the terminal: a line per cell, then calls, tokens and cost per call type for the whole sweep.
 * @example
 * console.log(formatSweepEstimate(await estimateSweep(source)));
 * // sweep paper-llm: 20 runs, 20 call a model — then one line per cell and the totals
 */
export function formatSweepEstimate(e: SweepEstimate): string {
  const int = (x: number) => thousands(Math.round(x));
  const usd = (x: number) => `$${x < 10 ? x.toFixed(4) : x.toFixed(2)}`;
  const width = Math.max(12, ...e.cells.map((c) => c.id.length + 2));
  const row = (label: string, c: CallEstimate) =>
    `${label.padEnd(width)}${int(c.calls).padStart(14)}${int(c.inputTokens).padStart(18)}${int(c.outputTokens).padStart(16)}${usd(c.costUsd).padStart(12)}`;
  const header = (first: string) => `${first.padEnd(width)}${"calls".padStart(14)}${"input tokens".padStart(18)}${"output tokens".padStart(16)}${"cost".padStart(12)}`;
  const prices = new Map<string, string>();
  for (const { estimate } of e.perRun) {
    if (estimate) prices.set(estimate.model, `${estimate.model}: input ${estimate.prices.input}, output ${estimate.prices.output} — ${estimate.pricesSource}`);
  }
  return [
    `sweep ${e.name}: ${e.runs} runs, ${e.callingRuns} call a model`,
    header("cell"),
    ...e.cells.map((c) => `${row(c.id, c.total)}   ${c.runs} runs${c.models.length ? `, ${c.models.join(", ")}` : ", no model calls"}`),
    "",
    header("whole sweep"),
    row("decision", e.decision),
    row("reflection", e.reflection),
    row("re-ask", e.reask),
    row("total", e.total),
    `re-asks: ${e.rates.source}`,
    ...[...prices.values()].map((p) => `prices (USD per 1M tokens) ${p}; no prefix-cache discount assumed`),
    "each run's tokens from its own prompts (econagent estimate); a warm response cache makes its calls free",
  ].join("\n");
}
