import * as fs from "node:fs";
import { UsageError } from "../errors.js";
import { parseOption, text } from "../run/options.js";
import { CONFIG_KEYS, flagOf, resolveConfig, type RunConfig } from "../run/config.js";
import { automaticPanelNotice } from "../run/decisionRecording.js";
import { loadRun } from "../run/loadRun.js";
import { runReportText, writeRunFigures } from "../run/report.js";
import { resumeExperiment, RunInterrupted, runExperiment, type Progress } from "../run/runExperiment.js";
import { packageVersion } from "../run/version.js";
import { projectRoot } from "../paths.js";
import * as path from "node:path";
import { parseArgs } from "./args.js";
import { progressBar } from "./progress.js";
import { USAGE } from "./usage.js";

const SWITCHES = new Set(["--force", "--quiet", "--help"]);

/** Read `--config FILE.json`: a JSON object whose keys are run options. */
function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError("--config", file, `a readable JSON file (${(error as NodeJS.ErrnoException).code})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError("--config", file, `valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UsageError("--config", file, "a JSON object mapping option names to values");
  }
  return value as Record<string, unknown>;
}

/** The run configuration from `--config` and flags (flags override the file). */
export function configFromArgs(options: Map<string, string>): { config: RunConfig; out: string } {
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
  if (out === undefined) throw new UsageError("--out", undefined, "a directory for the run's files");
  return { config: resolveConfig(file, flagValues, fileName), out };
}

async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv, SWITCHES);
  if (args.switches.has("--help")) return void process.stdout.write(USAGE);
  if (args.positional.length > 0) throw new UsageError("run", args.positional[0], "flags only (econagent run --help)");
  const resume = args.options.get("--resume");
  if (resume !== undefined && (args.options.size > 1 || args.switches.has("--force"))) {
    throw new UsageError("--resume", resume, "no other run options (the run continues with its recorded configuration)");
  }
  const bar = args.switches.has("--quiet") ? null : progressBar();
  const stop = new AbortController();
  const interrupt = () => stop.abort();
  process.once("SIGINT", interrupt);
  const common = { onProgress: (p: Progress) => bar?.update(p), signal: stop.signal };
  const started =
    resume !== undefined
      ? resumeExperiment(resume, common)
      : (() => {
          const { config, out } = configFromArgs(args.options);
          const notice = automaticPanelNotice(config.decisions, config.households);
          if (notice !== null && !args.switches.has("--quiet")) process.stderr.write(`${notice}\n`);
          return runExperiment(config, { ...common, out, force: args.switches.has("--force") });
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

function report(argv: string[]): void {
  const args = parseArgs(argv, SWITCHES);
  if (args.switches.has("--help")) return void process.stdout.write(USAGE);
  if (args.positional.length !== 1) throw new UsageError("report", args.positional.join(" "), "exactly one run directory");
  for (const flag of args.options.keys()) if (flag !== "--figures") throw new UsageError(flag, args.options.get(flag), "--figures DIR");
  const loaded = loadRun(args.positional[0]);
  const figures = writeRunFigures(loaded, args.options.get("--figures") ?? path.join(projectRoot(), "figures"));
  process.stdout.write(`${runReportText(loaded)}\n\nfigures:\n${figures.map((f) => `  ${f}`).join("\n")}\n`);
}

/** The `econagent` command. Returns the exit code: 0 ok, 1 a failed run, 2 bad input. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "run") await run(rest);
    else if (command === "report") report(rest);
    else if (command === "--version") process.stdout.write(`${packageVersion()}\n`);
    else if (command === undefined || command === "--help" || command === "help") process.stdout.write(USAGE);
    else throw new UsageError("command", command, "run, report, help or --version");
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`econagent: ${error.message}\n`);
      return 2;
    }
    if (error instanceof RunInterrupted) {
      process.stderr.write(`econagent: ${error.message}; the months so far are kept and the manifest says "interrupted"\n`);
      return 130;
    }
    process.stderr.write(`econagent: ${command} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
