import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { UsageError } from "../errors.js";
import { parseJson } from "../readBack.js";
import { seedDirName } from "./dirNames.js";

/** A Latin-hypercube block: `count` cells whose options are drawn from ranges, stratified per option. */
export interface SampleBlock {
  count: number;
  seed: number;
  /** Option → [min, max]; an option whose values must be integers is drawn as an integer. */
  ranges: Record<string, [number, number]>;
}

/** An experiment file (docs/experiments.md): a base configuration, arms × grid (× sample) cells, and seeds. */
export interface Experiment {
  name: string;
  base: Record<string, unknown>;
  arms: { name: string; options: Record<string, unknown> }[];
  grid: Record<string, unknown[]>;
  sample: SampleBlock | null;
  seeds: (number | string)[];
  /** The cell the effects are measured against (its id); null = the first cell. */
  reference: string | null;
}

/** An experiment as read from disk: the parsed value, the file's bytes and their SHA-256 (what a sweep directory remembers). */
export interface ExperimentSource {
  file: string;
  text: string;
  sha256: string;
  experiment: Experiment;
}

const TOP_KEYS = ["name", "base", "arms", "grid", "sample", "seeds", "reference"];
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_SEEDS = 100_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isSeed = (v: unknown): v is number | string => (typeof v === "number" && Number.isSafeInteger(v)) || (typeof v === "string" && v.length > 0 && !/^[+-]?\d/.test(v));

/**
 * Read and check the shape of an experiment file (the options of every cell are checked by {@link "experiment/cells"!expandCells}).
 * Every problem is a {@link UsageError} naming the field.
 *
 * @example
 * const { experiment, sha256 } = readExperiment("experiments/top-tax.json");
 * experiment.seeds; // [1, 2, …, 20]
 */
export function readExperiment(file: string): ExperimentSource {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError("experiment file", file, `a readable JSON file (${(error as NodeJS.ErrnoException).code})`);
  }
  const value = parseJson(text, (field, found, expected) => {
    throw field === "" ? new UsageError("experiment file", file, expected) : new UsageError(field, found, expected);
  });
  return { file, text, sha256: createHash("sha256").update(text).digest("hex"), experiment: parseExperiment(value) };
}

/**
 * Check an experiment's structure and normalise it: arms default to one unnamed arm, seeds `{from, count}` become a list.
 *
 * @example
 * parseExperiment({ name: "x", base: { households: 50 }, seeds: { from: 1, count: 3 } }).seeds; // [1, 2, 3]
 */
export function parseExperiment(value: unknown): Experiment {
  if (!isObject(value)) throw new UsageError("experiment", value, "a JSON object with name, base, arms, grid, sample, seeds");
  for (const key of Object.keys(value)) if (!TOP_KEYS.includes(key)) throw new UsageError(key, value[key], `a known field (${TOP_KEYS.join(", ")})`);
  const name = value.name;
  if (typeof name !== "string" || !NAME.test(name)) throw new UsageError("name", name, "a name of letters, digits, '.', '_' or '-'");
  const base = value.base ?? {};
  if (!isObject(base)) throw new UsageError("base", base, "an object of run options");
  return {
    name,
    base,
    arms: parseArms(value.arms),
    grid: parseGrid(value.grid),
    sample: value.sample === undefined ? null : parseSample(value.sample),
    seeds: parseSeeds(value.seeds),
    reference: value.reference === undefined ? null : parseReference(value.reference),
  };
}

function parseArms(raw: unknown): Experiment["arms"] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length === 0) throw new UsageError("arms", raw, "a non-empty list of {name, …options}");
  const names = new Set<string>();
  return raw.map((arm, k) => {
    if (!isObject(arm)) throw new UsageError(`arms[${k}]`, arm, "an object {name, …options}");
    const { name, ...options } = arm;
    if (typeof name !== "string" || !NAME.test(name)) throw new UsageError(`arms[${k}].name`, name, "a name of letters, digits, '.', '_' or '-'");
    if (names.has(name)) throw new UsageError(`arms[${k}].name`, name, "a name no other arm has");
    names.add(name);
    return { name, options };
  });
}

function parseGrid(raw: unknown): Record<string, unknown[]> {
  if (raw === undefined) return {};
  if (!isObject(raw)) throw new UsageError("grid", raw, "an object mapping options to lists of values");
  for (const [key, values] of Object.entries(raw)) {
    if (!Array.isArray(values) || values.length === 0) throw new UsageError(`grid.${key}`, values, "a non-empty list of values");
    const seen = new Set(values.map((v) => JSON.stringify(v)));
    if (seen.size !== values.length) throw new UsageError(`grid.${key}`, values, "a list without repeated values");
  }
  return raw as Record<string, unknown[]>;
}

function parseSample(raw: unknown): SampleBlock {
  if (!isObject(raw)) throw new UsageError("sample", raw, "an object {count, seed, ranges}");
  for (const key of Object.keys(raw)) if (!["count", "seed", "ranges"].includes(key)) throw new UsageError(`sample.${key}`, raw[key], "count, seed or ranges");
  const { count, seed, ranges } = raw;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > 10_000) throw new UsageError("sample.count", count, "an integer in 1..10000");
  if (typeof seed !== "number" || !Number.isSafeInteger(seed)) throw new UsageError("sample.seed", seed, "an integer");
  if (!isObject(ranges) || Object.keys(ranges).length === 0) throw new UsageError("sample.ranges", ranges, "an object mapping options to [min, max]");
  for (const [key, range] of Object.entries(ranges)) {
    const ok = Array.isArray(range) && range.length === 2 && range.every((v) => typeof v === "number" && Number.isFinite(v)) && range[0] < range[1];
    if (!ok) throw new UsageError(`sample.ranges.${key}`, range, "[min, max] with finite min < max");
  }
  return { count, seed, ranges: ranges as Record<string, [number, number]> };
}

function parseSeeds(raw: unknown): (number | string)[] {
  if (Array.isArray(raw)) {
    if (raw.length === 0) throw new UsageError("seeds", raw, "at least one seed");
    raw.forEach((s, k) => {
      if (!isSeed(s)) throw new UsageError(`seeds[${k}]`, s, "an integer or a non-numeric string");
    });
    if (new Set(raw).size !== raw.length) throw new UsageError("seeds", raw, "a list without repeated seeds");
    const dirs = new Map<string, number | string>();
    for (const seed of raw as (number | string)[]) {
      const other = dirs.get(seedDirName(seed));
      // Two seeds in one run directory would both be counted complete with the same results.
      if (other !== undefined) throw new UsageError("seeds", [other, seed], `seeds with distinct directory names (both would run in ${seedDirName(seed)})`);
      dirs.set(seedDirName(seed), seed);
    }
    return raw as (number | string)[];
  }
  if (isObject(raw)) {
    for (const key of Object.keys(raw)) if (key !== "from" && key !== "count") throw new UsageError(`seeds.${key}`, raw[key], "from or count");
    const { from, count } = raw;
    if (typeof from !== "number" || !Number.isSafeInteger(from)) throw new UsageError("seeds.from", from, "an integer");
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAX_SEEDS) throw new UsageError("seeds.count", count, `an integer in 1..${MAX_SEEDS}`);
    if (!Number.isSafeInteger(from + count - 1)) throw new UsageError("seeds", raw, `seeds that are all safe integers (from + count − 1 ≤ ${Number.MAX_SAFE_INTEGER})`);
    return Array.from({ length: count }, (_, k) => from + k);
  }
  throw new UsageError("seeds", raw, "a list of seeds or {from, count} with count ≥ 1");
}

function parseReference(raw: unknown): string {
  if (typeof raw !== "string" || raw.length === 0) throw new UsageError("reference", raw, "the id of one of the cells");
  return raw;
}
