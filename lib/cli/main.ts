import * as fs from "node:fs";
import { UsageError } from "../errors.js";
import { integer, parseOption, text } from "../run/options.js";
import { CONFIG_KEYS, flagOf, resolveConfig, type RunConfig } from "../run/config.js";
import { automaticPanelNotice } from "../run/decisionRecording.js";
import { loadRun } from "../run/loadRun.js";
import {
  acrossSeedsTable, businessCycleComparisonText, businessCycleFigurePage, runFigurePages, runReportText, writeFigures, type FigurePage,
} from "../report/runReport.js";
import { runSeeds } from "../run/runSeeds.js";
import { BUDGET_EXIT_CODE, BudgetExhausted } from "../run/budget.js";
import { EndpointRejected, TooManyFallbacks } from "../llm/runStops.js";
import { DEFAULT_RATES, estimateRun, formatEstimate, ratesFromRun } from "../run/estimate.js";
import { exportRecording } from "../run/recordingExport.js";
import { resumeExperiment, RunInterrupted, runExperiment, type Progress } from "../run/runExperiment.js";
import { packageVersion } from "../run/version.js";
import { redact } from "../redact.js";
import { CacheDamaged } from "../llm/cache.js";
import { RecordingDamaged } from "../llm/recording.js";
import { ModelFileUnusable } from "../llm/llamaBackend.js";
import { projectRoot } from "../paths.js";
import { parseJson } from "../readBack.js";
import { writableDirectoryProblem } from "../files.js";
import * as path from "node:path";
import { parseArgs } from "./args.js";
import { progressBar } from "./progress.js";
import { collectCommand, sweepCommand } from "./sweep.js";
import { USAGE } from "./usage.js";

const SWITCHES = new Set(["--force", "--quiet", "--help", "--dry-run", "--json"]);

/** Read `--config FILE.json`: a JSON object whose keys are run options. */
function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError("--config", file, `a readable JSON file (${(error as NodeJS.ErrnoException).code})`);
  }
  const value = parseJson(text, (field, found, expected) => {
    throw field === "" ? new UsageError("--config", file, expected) : new UsageError(`${field} (in ${file})`, found, expected);
  });
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UsageError("--config", file, "a JSON object mapping option names to values");
  }
  return value as Record<string, unknown>;
}

/** The run configuration from `--config` and flags (flags override the file); `--out` is required unless `requireOut` is false. */
export function configFromArgs(options: Map<string, string>, requireOut = true): { config: RunConfig; out: string | undefined } {
  const known = new Map(CONFIG_KEYS.map((key) => [flagOf(key), key]));
  const flagValues: Record<string, unknown> = {};
  let out: string | undefined;
  let file: Record<string, unknown> = {};
  let fileName = "config file";
  for (const [flag, value] of options) {
    if (flag === "--out") out = parseOption("--out", { ...text, allowed: "a directory for the run's files" }, value);
    else if (flag === "--config") {
      file = readConfigFile(value);
      fileName = value;
    } else if (known.has(flag)) flagValues[known.get(flag)!] = value;
    else throw new UsageError(flag, value, `a known flag (see econagent run --help)`);
  }
  if (out === undefined && requireOut) throw new UsageError("--out", undefined, "a directory for the run's files");
  return { config: resolveConfig(file, flagValues, fileName), out };
}

/** The valued flags of `run` and `estimate`: every run option, and the command's own. */
const runFlags = (command: string, own: string[]) => ({ flags: [...CONFIG_KEYS.map(flagOf), "--out", "--config", ...own], command });

async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv, SWITCHES, runFlags("run", ["--resume", "--rates-from"]));
  if (args.switches.has("--help")) return void process.stdout.write(USAGE);
  if (args.positional.length > 0) throw new UsageError("run", args.positional[0], "flags only (econagent run --help)");
  if (args.switches.has("--dry-run")) return estimate(argv.filter((a) => a !== "--dry-run"));
  const resume = args.options.get("--resume");
  const maxCost = args.options.get("--max-cost");
  const maxFallbackShare = args.options.get("--max-fallback-share");
  const changeable = new Set(["--resume", "--max-cost", "--max-fallback-share"]);
  if (resume !== undefined && ([...args.options.keys()].some((flag) => !changeable.has(flag)) || args.switches.has("--force"))) {
    throw new UsageError(
      "--resume",
      resume,
      "no other run options but --max-cost and --max-fallback-share (the run continues with its recorded configuration)",
    );
  }
  const bar = args.switches.has("--quiet") ? null : progressBar();
  const stop = new AbortController();
  const interrupt = () => stop.abort();
  process.once("SIGINT", interrupt);
  const common = { onProgress: (p: Progress) => bar?.update(p), signal: stop.signal };
  const started =
    resume !== undefined
      ? resumeExperiment(resume, {
          ...common,
          ...(maxCost === undefined ? {} : { maxCost }),
          ...(maxFallbackShare === undefined ? {} : { maxFallbackShare }),
          onNotice: (line) => process.stderr.write(`econagent: ${line}\n`),
        })
      : (() => {
          const { config, out } = configFromArgs(args.options);
          const notice = automaticPanelNotice(config.decisions, config.households);
          if (notice !== null && !args.switches.has("--quiet")) process.stderr.write(`${notice}\n`);
          return runExperiment(config, { ...common, out: out!, force: args.switches.has("--force") });
        })();
  const { dir, simulation } = await started.finally(() => {
    process.off("SIGINT", interrupt);
    bar?.end();
  });
  if (!args.switches.has("--quiet")) {
    const { n } = simulation.state;
    process.stdout.write(`${simulation.policy.name}: ${n} households × ${simulation.state.month} months → ${dir}\n`);
  }
}

/** `econagent estimate` (and `run --dry-run`): calls, tokens and cost of a run before it spends anything. */
async function estimate(argv: string[]): Promise<void> {
  const args = parseArgs(argv, SWITCHES, runFlags("estimate", ["--rates-from"]));
  if (args.switches.has("--help")) return void process.stdout.write(USAGE);
  if (args.positional.length > 0) throw new UsageError("estimate", args.positional[0], "flags only (econagent run --help)");
  const ratesFrom = args.options.get("--rates-from");
  args.options.delete("--rates-from");
  const { config } = configFromArgs(args.options, false);
  const result = await estimateRun(config, ratesFrom === undefined ? DEFAULT_RATES : ratesFromRun(ratesFrom));
  process.stdout.write(args.switches.has("--json") ? `${JSON.stringify(result, null, 2)}\n` : `${formatEstimate(result)}\n`);
}

/** `econagent recording export DIR FILE [--cache DIR]`: the cache entries a run used, as one checksummed file. */
async function recording(argv: string[]): Promise<void> {
  const args = parseArgs(argv, SWITCHES, { flags: ["--cache"], command: "recording" });
  if (args.switches.has("--help")) return void process.stdout.write(USAGE);
  const [action, dir, file, ...extra] = args.positional;
  if (action !== "export" || dir === undefined || file === undefined || extra.length > 0) {
    throw new UsageError("recording", args.positional.join(" "), "export RUN_DIR FILE [--cache CACHE_DIR]");
  }
  const r = await exportRecording(dir, file, args.options.get("--cache"));
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e5 ? 3 : 1)} MB`;
  process.stdout.write(`recording: ${r.header.entries} entries (${mb(r.cacheBytes)} of cache entries in ${r.cache}) → ${file}, ${mb(r.bytes)}\n`);
}

async function report(argv: string[]): Promise<void> {
  const args = parseArgs(argv, SWITCHES, { flags: ["--figures", "--seeds"], command: "report" });
  if (args.switches.has("--help")) return void process.stdout.write(USAGE);
  if (args.positional.length !== 1) throw new UsageError("report", args.positional.join(" "), "exactly one run directory");
  const seeds = args.options.has("--seeds") ? parseOption("--seeds", integer(2, "an integer from 2 to 1000", 1000), args.options.get("--seeds")) : null;
  const loaded = loadRun(args.positional[0]);
  const config = resolveConfig(loaded.manifest.config as Record<string, unknown>, {}, path.join(loaded.dir, "manifest.json"));
  // Rerunning an LLM run's configuration would make model calls for every seed: across seeds is for the other policies.
  if (seeds !== null && config.policy === "llm") throw new UsageError("--seeds", seeds, "a run whose policy needs no model (this one is llm)");
  const figuresDir = args.options.get("--figures") ?? path.join(projectRoot(), "figures");
  const problem = writableDirectoryProblem(figuresDir);
  if (problem !== null) throw new UsageError("--figures", figuresDir, `a writable directory (${problem})`);
  const pages: FigurePage[] = runFigurePages(loaded, figuresDir);
  let across = "";
  if (seeds !== null) {
    const group = { label: String(config.policy), households: config.households, runs: await runSeeds(config, Array.from({ length: seeds }, (_, k) => k + 1)) };
    pages.push(businessCycleFigurePage([group], figuresDir, loaded.name));
    across = `\n\nAcross seeds 1–${seeds} of this configuration:\n${acrossSeedsTable([group])}\n\n${businessCycleComparisonText([group])}`;
  }
  // Every figure as HTML and, with Chromium, a PNG beside it (drawn in one browser page).
  const { files, skipped } = await writeFigures(pages);
  if (skipped !== null) process.stderr.write(`econagent: PNG export skipped (figures written as HTML only): ${skipped}\n`);
  process.stdout.write(`${runReportText(loaded)}${across}\n\nfigures:\n${files.map((f) => `  ${f}`).join("\n")}\n`);
}

/** The estimation commands, loaded only when one runs (they bring the surrogate model's library). */
const estimationCommands = () => require("./estimation.js") as typeof import("./estimation.js");

/** One line on stderr, API keys redacted (a server's words may repeat them). */
const say = (line: string) => process.stderr.write(redact(line));

/**
 * The `econagent` command. Returns the exit code: 0 ok, 1 a failed run, 2 bad input, 3 stopped by --max-cost, 4 every
 * endpoint refuses the run's requests, 5 a month's fallbacks passed --max-fallback-share, 130 Ctrl-C.
 */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "run") await run(rest);
    else if (command === "sweep") return await sweepCommand(rest);
    else if (command === "collect") return await collectCommand(rest);
    else if (command === "calibrate") return await estimationCommands().calibrateCommand(rest);
    else if (command === "sensitivity") return await estimationCommands().sensitivityCommand(rest);
    else if (command === "validate") return estimationCommands().validateCommand(rest);
    else if (command === "estimate") await estimate(rest);
    else if (command === "recording") await recording(rest);
    else if (command === "report") await report(rest);
    else if (command === "--version") process.stdout.write(`${packageVersion()}\n`);
    else if (command === undefined || command === "--help" || command === "help") process.stdout.write(USAGE);
    else throw new UsageError("command", command, "run, estimate, report, sweep, collect, calibrate, sensitivity, validate, help or --version");
    return 0;
  } catch (error) {
    // A damaged recording or cache entry, or a --model-path that is no model, is a bad input file like any other:
    // its (one-line) message, exit 2.
    if (error instanceof UsageError || error instanceof RecordingDamaged || error instanceof CacheDamaged || error instanceof ModelFileUnusable) {
      say(`econagent: ${error.message}\n`);
      return 2;
    }
    if (error instanceof BudgetExhausted) {
      say(`econagent: ${error.message}; the months so far are kept, the manifest says "budget"; continue with --resume DIR --max-cost HIGHER\n`);
      return BUDGET_EXIT_CODE;
    }
    if (error instanceof RunInterrupted) {
      say(`econagent: ${error.message}; the months so far are kept and the manifest says "interrupted"\n`);
      return 130;
    }
    if (error instanceof EndpointRejected || error instanceof TooManyFallbacks) {
      const status = error instanceof EndpointRejected ? "rejected" : "fallbacks";
      say(`econagent: ${error.message}; the run stops (manifest status "${status}"), its months up to the last checkpoint kept; continue with --resume DIR\n`);
      return error.exitCode;
    }
    say(`econagent: ${command} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
