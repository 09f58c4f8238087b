/**
 * The input file of `econagent calibrate` and `econagent sensitivity` (docs/estimation.md): a base run configuration,
 * the parameters with their bounds, the seeds every evaluation runs (common random numbers), and either the target
 * moments and a budget (calibration) or the outputs and a design (sensitivity). Every problem is one
 * {@link UsageError} naming the field, before anything runs.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { UsageError } from "../errors.js";
import { parseExperiment } from "../experiment/experimentFile.js";
import { CONFIG_SPECS, DEFAULT_CONFIG, resolveConfig, type RunConfig } from "../run/config.js";
import type { OptionSpec } from "../run/options.js";
import { checkMomentNames } from "./moments.js";

/**
 * The moments `"moments": "us"` targets: the relative volatilities of the README's business-cycle table, the
 * persistence and cyclicality of unemployment and consumption, the levels of unemployment and inflation.
 * @example
 * US_MOMENTS.length; // 9
 */
export const US_MOMENTS = [
  "real_consumption.relative_sd", "price_level.relative_sd", "mean_wage.relative_sd", "unemployment.relative_sd",
  "unemployment.autocorr_1", "real_consumption.xcorr_p0", "unemployment_rate.mean", "price_inflation.mean", "wage_inflation.mean",
] as const;

/** A parameter searched over: a numeric run option between its bounds; `integer` options take whole values only. */
export interface Parameter {
  name: string;
  low: number;
  high: number;
  integer: boolean;
}

interface Common {
  name: string;
  base: Record<string, unknown>;
  parameters: Parameter[];
  seeds: (number | string)[];
  /** Seed of the design, the search and the bootstraps. */
  seed: number;
}

/** A calibration: target moments (the US data's or numbers given) and a budget of evaluations in batches. */
export interface CalibrationProblem extends Common {
  kind: "calibrate";
  moments: string[];
  /** The targets given as numbers; null for US targets (`"us"` or `{"us": [names]}`: the US data's values, lib/estimation/moments.ts). */
  targets: number[] | null;
  budget: { evaluations: number; batch: number };
}

/** A global sensitivity analysis of named outputs: Morris (r trajectories) or Sobol' (Saltelli's N). */
export interface SensitivityProblem extends Common {
  kind: "sensitivity";
  outputs: string[];
  method: "morris" | "sobol";
  samples: number;
}

/** Either kind of estimation file. */
export type EstimationProblem = CalibrationProblem | SensitivityProblem;

/** A problem as read from disk, with the file's bytes and SHA-256 (what its output directory remembers). */
export interface EstimationSource<P extends EstimationProblem = EstimationProblem> {
  file: string;
  text: string;
  sha256: string;
  problem: P;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown, min: number, max: number): v is number => typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

/**
 * Run options a parameter may be: numeric ones (a number by default), but not the seed.
 * @example
 * NUMERIC_OPTIONS.includes("wageAdjustment"); // true
 */
export const NUMERIC_OPTIONS = (Object.keys(CONFIG_SPECS) as (keyof RunConfig)[]).filter((key) => typeof DEFAULT_CONFIG[key] === "number" && key !== "seed");

function parseParameter(key: string, raw: unknown): Parameter {
  const field = `parameters.${key}`;
  if (!(NUMERIC_OPTIONS as string[]).includes(key)) throw new UsageError(field, key, `a numeric run option (${NUMERIC_OPTIONS.join(", ")})`);
  if (!Array.isArray(raw) || raw.length !== 2 || !raw.every((v) => typeof v === "number" && Number.isFinite(v)) || !(raw[0] < raw[1])) {
    throw new UsageError(field, raw, "bounds [low, high] with finite low < high");
  }
  const [low, high] = raw as [number, number];
  const spec = (CONFIG_SPECS as Record<string, OptionSpec<unknown>>)[key];
  if (spec.parse(low) === undefined || spec.parse(high) === undefined) throw new UsageError(field, raw, `bounds within the option's range (${spec.allowed})`);
  // An option that refuses a value between its bounds but takes the nearest integer is searched over integers.
  const probe = low + 0.37 * (high - low);
  const integer = spec.parse(probe) === undefined;
  if (integer && spec.parse(Math.round(probe)) === undefined) throw new UsageError(field, key, "a numeric option that takes every value or every integer between its bounds");
  return { name: key, low, high, integer };
}

function parseBase(raw: unknown, seeds: unknown, name: unknown): { name: string; base: Record<string, unknown>; seeds: (number | string)[] } {
  // The name, base and seeds have an experiment file's shapes (README "Experiments"), checked by the same code.
  const experiment = parseExperiment({ name, base: raw, seeds });
  if (experiment.base.policy === "llm") throw new UsageError("base.policy", "llm", "a policy that needs no model (every evaluation of every seed would make model calls)");
  if ("seed" in experiment.base) throw new UsageError("base.seed", experiment.base.seed, "no seed in base (the runs take theirs from seeds)");
  return { name: experiment.name, base: experiment.base, seeds: experiment.seeds };
}

/**
 * Check an estimation file's structure and every configuration it implies (the base at each parameter's bounds).
 *
 * @param value the parsed JSON
 * @param kind which command reads it
 * @throws UsageError naming the first bad field
 * @example
 * parseEstimation({ name: "x", base: { households: 20, months: 48 }, parameters: { wageAdjustment: [0.01, 0.2] },
 *   moments: "us", seeds: { from: 1, count: 2 }, budget: { evaluations: 20, batch: 5 }, seed: 1 }, "calibrate").kind; // "calibrate"
 */
export function parseEstimation(value: unknown, kind: EstimationProblem["kind"]): EstimationProblem {
  if (!isObject(value)) throw new UsageError(kind, value, "a JSON object");
  const keys = kind === "calibrate" ? ["name", "base", "parameters", "moments", "seeds", "budget", "seed"] : ["name", "base", "parameters", "outputs", "method", "samples", "seeds", "seed"];
  for (const key of Object.keys(value)) if (!keys.includes(key)) throw new UsageError(key, value[key], `a field of a ${kind} file (${keys.join(", ")})`);
  const { name, base, seeds } = parseBase(value.base ?? {}, value.seeds, value.name);
  if (!isObject(value.parameters) || Object.keys(value.parameters).length === 0) throw new UsageError("parameters", value.parameters, "an object mapping run options to [low, high]");
  const parameters = Object.entries(value.parameters).map(([key, raw]) => parseParameter(key, raw));
  for (const p of parameters) if (p.name in base) throw new UsageError(`base.${p.name}`, base[p.name], `no value for a parameter that is searched (${p.name} is in parameters)`);
  for (const corner of ["low", "high"] as const) {
    resolveConfig({ ...base, ...Object.fromEntries(parameters.map((p) => [p.name, p[corner]])) }, {}, `base with every parameter at its ${corner} bound`);
  }
  if (!isCount(value.seed, -(2 ** 31), 2 ** 31 - 1)) throw new UsageError("seed", value.seed, "an integer (the seed of the design and the search)");
  const common = { name, base, parameters, seeds, seed: value.seed };
  if (kind === "calibrate") {
    if (seeds.length < 2) throw new UsageError("seeds", value.seeds, "at least 2 seeds (the weights need each moment's variance across seeds)");
    const budget = value.budget;
    if (!isObject(budget)) throw new UsageError("budget", budget, "an object {evaluations, batch}");
    for (const key of Object.keys(budget)) if (key !== "evaluations" && key !== "batch") throw new UsageError(`budget.${key}`, budget[key], "evaluations or batch");
    if (!isCount(budget.evaluations, 1, 1_000_000)) throw new UsageError("budget.evaluations", budget.evaluations, "an integer in 1..1000000");
    if (!isCount(budget.batch, 1, budget.evaluations)) throw new UsageError("budget.batch", budget.batch, `an integer from 1 to budget.evaluations (${budget.evaluations})`);
    const moments = value.moments;
    let names: string[];
    let targets: number[] | null = null;
    if (moments === "us") names = [...US_MOMENTS];
    else if (isObject(moments) && Array.isArray(moments.us) && Object.keys(moments).length === 1) names = checkMomentNames(moments.us, "moments.us");
    else if (isObject(moments) && !("us" in moments)) {
      const given = Object.keys(moments);
      names = checkMomentNames(given, "moments");
      targets = given.map((n) => {
        const v = moments[n];
        if (typeof v !== "number" || !Number.isFinite(v)) throw new UsageError(`moments.${n}`, v, "a finite target value");
        return v;
      });
    } else throw new UsageError("moments", moments, '"us", {"us": [moment names]} or an object of moment names to target values');
    return { kind, ...common, moments: names, targets, budget: { evaluations: budget.evaluations, batch: budget.batch } };
  }
  if (!Array.isArray(value.outputs)) throw new UsageError("outputs", value.outputs, "a list of moment names");
  const outputs = checkMomentNames(value.outputs, "outputs");
  if (value.method !== "morris" && value.method !== "sobol") throw new UsageError("method", value.method, "morris or sobol");
  if (!isCount(value.samples, 2, 100_000)) throw new UsageError("samples", value.samples, "an integer in 2..100000 (Morris: trajectories r; Sobol': base sample N)");
  return { kind, ...common, outputs, method: value.method, samples: value.samples };
}

/**
 * Read and check an estimation file.
 * @throws UsageError for an unreadable file, invalid JSON or a bad field
 * @example
 * readEstimation("data/experiments/calibrate-composite.json", "calibrate").problem.parameters.length;
 */
export function readEstimation<K extends EstimationProblem["kind"]>(file: string, kind: K): EstimationSource<Extract<EstimationProblem, { kind: K }>> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`${kind} file`, file, `a readable JSON file (${(error as NodeJS.ErrnoException).code})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${kind} file`, file, `valid JSON (${(error as Error).message})`);
  }
  const problem = parseEstimation(value, kind) as Extract<EstimationProblem, { kind: K }>;
  return { file, text, sha256: createHash("sha256").update(text).digest("hex"), problem };
}

/**
 * The run options of one evaluation: the base with each parameter's value (integers rounded).
 * @example
 * evaluationOptions(problem, [0.05, 0.1]); // { ...problem.base, wageAdjustment: 0.05, priceAdjustment: 0.1 }
 */
export function evaluationOptions(problem: EstimationProblem, values: readonly number[]): Record<string, unknown> {
  return { ...problem.base, ...Object.fromEntries(problem.parameters.map((p, k) => [p.name, p.integer ? Math.round(values[k]) : values[k]])) };
}
