import { UsageError } from "../errors.js";
import { runCalibration, type CalibrationProgress } from "../estimation/calibrate.js";
import { readEstimation } from "../estimation/estimationFile.js";
import { runSensitivity } from "../estimation/sensitivity.js";
import { readTargets } from "../estimation/facts.js";
import { factTable, validateDirectory } from "../estimation/validate.js";
import { integer, parseOption, text } from "../run/options.js";
import { parseArgs } from "./args.js";
import { liveLine } from "./progress.js";

const SWITCHES = new Set(["--quiet", "--help"]);

/**
 * The help text of calibrate, sensitivity and validate.
 * @example
 * process.stdout.write(ESTIMATION_USAGE);
 */
export const ESTIMATION_USAGE = `econagent calibrate FILE --out DIR [--jobs N] [--quiet]
econagent sensitivity FILE --out DIR [--jobs N] [--quiet]
econagent validate DIR [--targets FILE]

calibrate searches the parameters of FILE for the values whose simulated moments (averaged over its seeds) come
closest to the targets by the method of simulated moments, then profiles the loss along each parameter; it writes
DIR/calibration.csv (one row per evaluation), DIR/best.json and DIR/figures/. Killed and run again, it continues.
sensitivity runs a Morris or Sobol' design and writes DIR/indices.csv and DIR/figures/indices.html.
validate checks a run or sweep directory against the stylized facts of data/targets.json and writes DIR/facts.csv.
--jobs N: worker processes (default 1: in this process). Bad input exits with code 2 and one line.
See docs/estimation.md for the file formats.
`;

/** The flags of calibrate and sensitivity: FILE, --out, --jobs. */
function estimationArgs(argv: string[], command: string): { file: string; out: string; jobs: number; quiet: boolean } | null {
  const args = parseArgs(argv, SWITCHES, { flags: ["--out", "--jobs"], command });
  if (args.switches.has("--help")) return null;
  if (args.positional.length !== 1) throw new UsageError(command, args.positional.join(" "), `exactly one ${command} file (econagent ${command} --help)`);
  const out = parseOption("--out", { ...text, allowed: `a directory for the ${command} files` }, args.options.get("--out"));
  const jobs = args.options.has("--jobs") ? parseOption("--jobs", integer(1, "a positive integer", 256), args.options.get("--jobs")) : 1;
  return { file: args.positional[0], out, jobs, quiet: args.switches.has("--quiet") };
}

function calibrationLine(p: CalibrationProgress): string {
  const width = 30;
  const filled = Math.round((p.done / p.total) * width);
  const best = p.bestLoss === null ? "–" : p.bestLoss.toPrecision(4);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] evaluations ${p.done}/${p.total}  batch ${p.batch}  best loss ${best}  elapsed ${Math.round(p.elapsedMs / 1000)}s`;
}

/**
 * Run `work` with a live progress line (none when quiet) and Ctrl-C turned into its abort signal, then restore both:
 * calibrate and sensitivity stop between evaluations and continue when run again.
 */
async function withProgress<T>(quiet: boolean, work: (signal: AbortSignal, draw: (text: string, final: boolean) => void) => Promise<T>): Promise<T> {
  const line = quiet ? null : liveLine();
  const stop = new AbortController();
  const interrupt = () => stop.abort();
  process.once("SIGINT", interrupt);
  try {
    return await work(stop.signal, (text, final) => line?.draw(text, final));
  } finally {
    process.off("SIGINT", interrupt);
    line?.end();
  }
}

/**
 * `econagent calibrate FILE --out DIR [--jobs N]`. Returns the exit code (130: stopped by Ctrl-C, continue by rerunning).
 * @example
 * await calibrateCommand(["cal.json", "--out", "out/cal", "--jobs", "2"]); // 0
 */
export async function calibrateCommand(argv: string[]): Promise<number> {
  const parsed = estimationArgs(argv, "calibrate");
  if (parsed === null) return void process.stdout.write(ESTIMATION_USAGE), 0;
  const source = readEstimation(parsed.file, "calibrate");
  const result = await withProgress(parsed.quiet, (signal, draw) =>
    runCalibration(source, { out: parsed.out, jobs: parsed.jobs, signal, onProgress: (p) => draw(calibrationLine(p), p.done === p.total) }),
  );
  if (!result.complete) {
    process.stderr.write(`econagent: calibrate stopped after ${result.evaluated} evaluations; run the same command again to continue\n`);
    return 130;
  }
  if (!parsed.quiet) {
    const { best } = result;
    const values = Object.entries(best.parameters).map(([k, v]) => `${k} = ${v.toPrecision(4)}`).join(", ");
    const flat = best.profiles.filter((p) => !p.identified).map((p) => p.parameter);
    process.stdout.write(
      `best loss ${best.loss?.toPrecision(4) ?? "–"} at ${values} (evaluation ${best.evaluation}, ${best.sampler})` +
        `${flat.length > 0 ? `; flat profile (not identified by these moments): ${flat.join(", ")}` : ""} → ${result.dir}\n`,
    );
  }
  return 0;
}

/**
 * `econagent sensitivity FILE --out DIR [--jobs N]`. Returns the exit code (130: stopped, continue by rerunning).
 * @example
 * await sensitivityCommand(["sobol.json", "--out", "out/sobol"]); // 0
 */
export async function sensitivityCommand(argv: string[]): Promise<number> {
  const parsed = estimationArgs(argv, "sensitivity");
  if (parsed === null) return void process.stdout.write(ESTIMATION_USAGE), 0;
  const source = readEstimation(parsed.file, "sensitivity");
  const result = await withProgress(parsed.quiet, (signal, draw) =>
    runSensitivity(source, {
      out: parsed.out, jobs: parsed.jobs, signal,
      onProgress: (p) => draw(`evaluations ${p.done}/${p.total}  elapsed ${Math.round(p.elapsedMs / 1000)}s`, p.done === p.total),
    }),
  );
  if (!result.complete) {
    process.stderr.write(`econagent: sensitivity stopped after ${result.evaluations} evaluations; run the same command again to continue\n`);
    return 130;
  }
  for (const output of result.undefinedOutputs) process.stderr.write(`econagent: ${output} is undefined at some point of the design (or its runs failed): no indices\n`);
  if (!parsed.quiet) process.stdout.write(`${result.evaluations} evaluations, ${result.rows.length} indices → ${result.dir}\n`);
  return 0;
}

/**
 * `econagent validate DIR [--targets FILE]`: the stylized facts of a run or sweep, to stdout and DIR/facts.csv.
 * @example
 * validateCommand(["data/runs/composite-seed1"]); // 0, prints the table
 */
export function validateCommand(argv: string[]): number {
  const args = parseArgs(argv, SWITCHES, { flags: ["--targets"], command: "validate" });
  if (args.switches.has("--help")) return void process.stdout.write(ESTIMATION_USAGE), 0;
  if (args.positional.length !== 1) throw new UsageError("validate", args.positional.join(" "), "exactly one run or sweep directory");
  const targets = args.options.get("--targets");
  const result = validateDirectory(args.positional[0], targets === undefined ? readTargets() : readTargets(targets));
  if (!args.switches.has("--quiet")) process.stdout.write(`${factTable(result.rows)}\n→ ${result.file}\n`);
  return 0;
}
