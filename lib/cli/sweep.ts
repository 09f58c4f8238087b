import * as os from "node:os";
import * as path from "node:path";
import { UsageError } from "../errors.js";
import { expandCells } from "../experiment/cells.js";
import { collectSweep, SweepIncomplete, type TableFormat } from "../experiment/collect.js";
import { kubernetesJob, slurmScript, writeEmitted } from "../experiment/emit.js";
import { readExperiment } from "../experiment/experimentFile.js";
import { parseShard, sweepRuns } from "../experiment/runs.js";
import { runSweep } from "../experiment/sweep.js";
import { claimSweepDirectory } from "../experiment/sweepDirectory.js";
import { integer, oneOf, parseOption, real, text } from "../run/options.js";
import { BUDGET_EXIT_CODE } from "../run/budget.js";
import { DEFAULT_RATES, ratesFromRun } from "../run/estimate.js";
import { estimateSweep, formatSweepEstimate, sweepEstimateJson } from "../experiment/sweepEstimate.js";
import { packageVersion } from "../run/version.js";
import { parseArgs } from "./args.js";
import { liveLine, sweepProgressLine } from "./progress.js";

const SWITCHES = new Set(["--quiet", "--help", "--dry-run", "--json"]);
const SWEEP_FLAGS = ["--out", "--jobs", "--shard", "--format", "--emit", "--shards", "--max-parallel", "--image", "--claim", "--max-cost", "--rates-from"];
const dollars = real(1e-9, 1e12, "a positive amount of US dollars");
const positive = integer(1, "a positive integer", 100_000);
const formatSpec = oneOf(["csv", "parquet"] as const);

/**
 * The help text of `econagent sweep` and `econagent collect`.
 * @example
 * process.stdout.write(SWEEP_USAGE); // what `econagent sweep --help` prints
 */
export const SWEEP_USAGE = `econagent sweep FILE --out DIR [--jobs N] [--shard I/N] [--format csv|parquet] [--max-cost USD] [--quiet]
econagent sweep FILE --dry-run [--json] [--rates-from RUN_DIR]
econagent sweep FILE --out DIR --emit slurm [--shards N] [--jobs J] [--max-parallel K]
econagent sweep FILE --out DIR --emit k8s [--shards N] [--jobs J] [--max-parallel K] [--image IMG] [--claim PVC]
econagent collect DIR [--format csv|parquet]

sweep runs every (cell, seed) of an experiment file into DIR/runs/<cell>/seed-<s> (each an ordinary run
directory) on N long-lived worker processes (default: the cores), skips complete runs and resumes interrupted
ones when run again, and writes DIR/runs.csv, annual.csv and monthly.csv at the end. --shard I/N runs task I
(0-based) of N only. --emit writes DIR/sweep.sbatch (a Slurm job array) or DIR/sweep.k8s.yaml (a Kubernetes
Indexed Job) of --shards tasks with --jobs workers each, instead of running. collect merges a sharded sweep
and names the runs that are missing. --dry-run prints, before anything is spent, the runs, the decision,
reflection and re-ask calls, tokens and cost of the whole sweep (the sum of each run's econagent estimate; --json
for {runs, calls: {decision, reflection, reask}, tokens: {input, output}, cost_usd}). --max-cost USD is one
budget for the whole sweep, earlier invocations included: runs start only while their next month fits, each stops
at a month boundary before its share would be passed; run it again with a higher --max-cost to continue (the
finished sweep is the same as an uninterrupted one). Exit codes: 0 all runs complete, 1 a run failed or is
missing, 2 bad input, 3 stopped by --max-cost.
`;

/** `econagent sweep`: run, shard or emit an experiment. Returns the exit code. */
export async function sweepCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, SWITCHES, { flags: SWEEP_FLAGS, command: "sweep" });
  if (args.switches.has("--help")) return void process.stdout.write(SWEEP_USAGE), 0;
  if (args.positional.length !== 1) throw new UsageError("sweep", args.positional.join(" "), "exactly one experiment file (econagent sweep --help)");
  const get = <T>(flag: string, spec: { allowed: string; parse(raw: unknown): T | undefined }): T | undefined =>
    args.options.has(flag) ? parseOption(flag, spec, args.options.get(flag)) : undefined;
  if (args.switches.has("--dry-run")) return dryRun(args);
  for (const flag of ["--json", "--rates-from"]) {
    if (args.switches.has(flag) || args.options.has(flag)) throw new UsageError(flag, args.options.get(flag) ?? true, "only with --dry-run");
  }
  const out = get("--out", { ...text, allowed: "a directory for the sweep" });
  if (out === undefined) throw new UsageError("--out", undefined, "a directory for the sweep");
  const emit = get("--emit", oneOf(["slurm", "k8s"] as const));
  const shard = args.options.has("--shard") ? parseShard(args.options.get("--shard")!) : null;
  const format: TableFormat = get("--format", formatSpec) ?? "csv";
  for (const flag of ["--shards", "--max-parallel", "--image", "--claim"]) {
    if (args.options.has(flag) && emit === undefined) throw new UsageError(flag, args.options.get(flag), "only with --emit slurm or --emit k8s");
  }
  if (emit !== undefined && shard) throw new UsageError("--shard", args.options.get("--shard"), "no --shard with --emit (each task gets its own)");
  const maxCostUsd = get("--max-cost", dollars) ?? null;
  if (maxCostUsd !== null && (emit !== undefined || shard)) {
    throw new UsageError("--max-cost", maxCostUsd, "a local, unsharded sweep (a budget needs one process that sees every run's spending)");
  }
  const source = readExperiment(args.positional[0]);
  if (emit !== undefined) {
    const cells = expandCells(source.experiment);
    const runs = sweepRuns(cells, source.experiment.seeds).length;
    const shards = Math.min(get("--shards", positive) ?? Math.min(runs, 100), runs);
    const jobs = get("--jobs", positive) ?? 1;
    const maxParallel = get("--max-parallel", positive) ?? null;
    const dir = claimSweepDirectory(out, source, cells.length, runs);
    const name = source.experiment.name;
    const file =
      emit === "slurm"
        ? writeEmitted(dir, "sweep.sbatch", slurmScript({ dir, name, shards, jobs, maxParallel, format }))
        : writeEmitted(dir, "sweep.k8s.yaml", kubernetesJob({
            name, experiment: source.text, shards, jobs, parallelism: maxParallel ?? shards, format,
            image: get("--image", text) ?? `econagent-ts:${packageVersion()}`, claim: get("--claim", text) ?? "econagent-sweeps",
          }));
    const submit = emit === "slurm" ? `sbatch ${file}` : `kubectl apply -f ${file}`;
    process.stdout.write(`${runs} runs in ${shards} tasks → ${file}\nsubmit: ${submit}\nthen:   econagent collect ${emit === "slurm" ? dir : `/sweeps/${name}`}\n`);
    return 0;
  }
  const quiet = args.switches.has("--quiet");
  const line = quiet ? null : liveLine();
  const stop = new AbortController();
  const interrupt = () => stop.abort();
  process.once("SIGINT", interrupt);
  const result = await runSweep(source, {
    out,
    jobs: get("--jobs", positive) ?? os.availableParallelism(),
    shard,
    format,
    maxCostUsd,
    signal: stop.signal,
    onProgress: (p) => line?.draw(sweepProgressLine(p), p.skipped + p.done + p.failed === p.total),
  }).finally(() => {
    process.off("SIGINT", interrupt);
    line?.end();
  });
  for (const f of result.failed) process.stderr.write(`econagent: ${f.run.dir} ${f.status}: ${f.error}\n`);
  const missing = result.total - result.skipped - result.completed - result.failed.length;
  if (!quiet) {
    const where = shard ? ` (shard ${shard.index}/${shard.count}; collect with: econagent collect ${result.dir})` : "";
    process.stdout.write(`${result.completed} runs done, ${result.skipped} already complete, ${result.failed.length} failed${missing > 0 ? `, ${missing} not started` : ""} → ${result.dir}${where}\n`);
  }
  if (stop.signal.aborted) return 130;
  if (result.failed.length > 0) return 1;
  const budget = result.budget;
  if (budget?.stopped) {
    process.stderr.write(
      `econagent: --max-cost: the sweep stopped at $${budget.spentUsd.toFixed(4)} of $${budget.maxCostUsd} spent: ` +
        `runs: ${budget.stoppedRuns} stopped at a month boundary, ${budget.notStarted} not started; ` +
        `continue with econagent sweep ${args.positional[0]} --out ${out} --max-cost HIGHER\n`,
    );
    return BUDGET_EXIT_CODE;
  }
  return 0;
}

/** `econagent sweep FILE --dry-run`: every run's estimate and their sum, before anything is spent. */
async function dryRun(args: ReturnType<typeof parseArgs>): Promise<number> {
  for (const [flag, value] of args.options) {
    if (flag !== "--rates-from" && flag !== "--out") throw new UsageError(flag, value, "with --dry-run only --json and --rates-from RUN_DIR");
  }
  const source = readExperiment(args.positional[0]);
  const ratesFrom = args.options.get("--rates-from");
  const line = args.switches.has("--quiet") || args.switches.has("--json") ? null : liveLine();
  const estimate = await estimateSweep(source, ratesFrom === undefined ? DEFAULT_RATES : ratesFromRun(ratesFrom), (done, total) =>
    line?.draw(`estimating run ${done} of ${total}`, done === total),
  ).finally(() => line?.end());
  process.stdout.write(args.switches.has("--json") ? `${JSON.stringify(sweepEstimateJson(estimate), null, 2)}\n` : `${formatSweepEstimate(estimate)}\n`);
  return 0;
}

/** `econagent collect DIR`: merge a sweep whose runs are all complete; names the missing ones otherwise. */
export async function collectCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, SWITCHES, { flags: ["--format"], command: "collect" });
  if (args.switches.has("--help")) return void process.stdout.write(SWEEP_USAGE), 0;
  if (args.positional.length !== 1) throw new UsageError("collect", args.positional.join(" "), "exactly one sweep directory");
  const format = args.options.has("--format") ? parseOption("--format", formatSpec, args.options.get("--format")) : "csv";
  try {
    const result = await collectSweep(args.positional[0], { format, requireComplete: true });
    if (!args.switches.has("--quiet")) {
      process.stdout.write(`${result.complete} runs collected:\n${result.files.map((f) => `  ${path.relative(process.cwd(), f) || f}`).join("\n")}\n`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof SweepIncomplete)) throw error;
    process.stderr.write(`econagent: collect: ${error.message}\n`);
    return 1;
  }
}
