import { UsageError } from "../errors.js";
import { CONFIG_KEYS, resolveConfig, type RunConfig } from "../run/config.js";
import { createRng } from "../rng.js";
import { boundedName, slug } from "./dirNames.js";
import type { Experiment, SampleBlock } from "./experimentFile.js";

/** One cell of an experiment: an arm crossed with one grid point (and one sampled point); every seed runs in it. */
export interface Cell {
  /** Unique, file-name-safe id, e.g. `bank_taxYear=2022_wageAdjustment=0.1` (bounded: lib/experiment/dirNames.ts). */
  id: string;
  /** The arm's name, or null when the experiment has no arms. */
  arm: string | null;
  /** The options this cell varies (grid and sample values), in the experiment's order. */
  varied: Record<string, unknown>;
  /** base + arm + varied values: what `econagent run --config` would be given (without the seed). */
  options: Record<string, unknown>;
}

/**
 * Expand an experiment into its cells (arms × grid × sample, in that order of nesting, the last grid key fastest)
 * and validate every cell's options as `econagent run` would, so nothing runs unless every cell can.
 *
 * @throws UsageError naming the cell and the field: an unknown option, a value out of range, a grid or sample key
 *   that `base` or an arm also sets, a seed set anywhere but `seeds`
 * @example
 * expandCells(parseExperiment({ name: "x", arms: [{ name: "a" }, { name: "b", bank: "on" }],
 *   grid: { taxYear: [2019, 2022] }, seeds: [1] })).map((c) => c.id);
 * // => ["a_taxYear=2019", "a_taxYear=2022", "b_taxYear=2019", "b_taxYear=2022"]
 */
export function expandCells(experiment: Experiment): Cell[] {
  const { base, arms, grid, sample } = experiment;
  const gridKeys = Object.keys(grid);
  const sampleKeys = sample ? Object.keys(sample.ranges) : [];
  checkKeys(experiment, gridKeys, sampleKeys);
  const points = gridPoints(grid);
  const draws = sample ? latinHypercube(sample) : [null];
  const armList = arms.length > 0 ? arms : [null];
  const cells: Cell[] = [];
  for (const arm of armList) {
    for (const point of points) {
      draws.forEach((draw, k) => {
        const varied = { ...point, ...(draw ?? {}) };
        const parts = [
          ...(arm ? [arm.name] : []),
          ...gridKeys.map((key) => `${key}=${slug(point[key])}`),
          ...(draw ? [`sample-${String(k + 1).padStart(String(draws.length).length, "0")}`] : []),
        ];
        cells.push({ id: parts.length > 0 ? boundedName(parts.join("_")) : "base", arm: arm?.name ?? null, varied, options: { ...base, ...(arm?.options ?? {}), ...varied } });
      });
    }
  }
  const seen = new Set<string>();
  for (const cell of cells) {
    if (seen.has(cell.id)) throw new UsageError("grid", experiment.grid, `values that give distinct cell names (two cells are named ${cell.id})`);
    seen.add(cell.id);
    cellConfig(cell, experiment.seeds[0]);
  }
  if (experiment.reference !== null && !seen.has(experiment.reference)) {
    throw new UsageError("reference", experiment.reference, `a cell id (${[...seen].slice(0, 6).join(", ")}${seen.size > 6 ? ", …" : ""})`);
  }
  return cells;
}

/** Policies whose runs a sweep records no per-household decisions for unless the experiment asks (see {@link cellConfig}). */
const RULE_POLICIES: ReadonlySet<string> = new Set(["fixed", "len", "cats", "composite"]);

/**
 * The resolved run configuration of a cell and seed — exactly what `econagent run --config` with the cell's options
 * and `--seed` resolves to, so the run directory is byte-identical to that command's. One default differs from
 * `econagent run`'s: a rule-based cell that does not set `decisions` records none (`"off"`), because a sweep's
 * tables are the aggregates and writing 24,000 decision rows cost twice the rest of a 100 × 240 run (V8's number →
 * text; docs/performance.md). LLM and AI-Economist cells keep the automatic recording: there the decisions are
 * what is analysed and cost nothing next to the households' own work.
 *
 * @throws UsageError naming the cell and the field
 * @example
 * cellConfig(cells[0], 1).seed; // 1
 * cellConfig(expandCells(parseExperiment({ name: "x", base: { policy: "cats" }, seeds: [1] }))[0], 1).decisions; // "off"
 */
export function cellConfig(cell: Cell, seed: number | string): RunConfig {
  const source = `cell ${cell.id}`;
  try {
    const config = resolveConfig({ ...cell.options, seed }, {}, source);
    if ("decisions" in cell.options || !RULE_POLICIES.has(config.policy)) return config;
    return resolveConfig({ ...cell.options, decisions: "off", seed }, {}, source);
  } catch (error) {
    if (!(error instanceof UsageError) || error.field.includes(source)) throw error;
    throw new UsageError(`${error.field} (in ${source})`, error.value, error.allowed);
  }
}

function checkKeys(experiment: Experiment, gridKeys: string[], sampleKeys: string[]): void {
  const known = new Set<string>(CONFIG_KEYS);
  const where: [string, string[]][] = [
    ["base", Object.keys(experiment.base)],
    ...experiment.arms.map((arm): [string, string[]] => [`arm ${arm.name}`, Object.keys(arm.options)]),
    ["grid", gridKeys],
    ["sample.ranges", sampleKeys],
  ];
  for (const [place, keys] of where) {
    for (const key of keys) {
      if (key === "seed") throw new UsageError(`seed (in ${place})`, "seed", "seeds set only by the experiment's `seeds` field");
      if (!known.has(key)) throw new UsageError(`${key} (in ${place})`, key, `a known option (${CONFIG_KEYS.join(", ")})`);
    }
  }
  const fixed: [string, string[]][] = [["base", Object.keys(experiment.base)], ...experiment.arms.map((a): [string, string[]] => [`arm ${a.name}`, Object.keys(a.options)])];
  for (const [varying, keys] of [["grid", gridKeys], ["sample.ranges", sampleKeys]] as const) {
    for (const key of keys) {
      for (const [place, set] of fixed) if (set.includes(key)) throw new UsageError(`${varying}.${key}`, key, `an option that ${place} does not also set`);
    }
  }
  for (const key of sampleKeys) if (gridKeys.includes(key)) throw new UsageError(`sample.ranges.${key}`, key, "an option the grid does not also vary");
}

/** Every combination of the grid's values, the last key varying fastest; one empty point for no grid. */
function gridPoints(grid: Record<string, unknown[]>): Record<string, unknown>[] {
  let points: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(grid)) points = points.flatMap((p) => values.map((v) => ({ ...p, [key]: v })));
  return points;
}

/**
 * A seeded Latin hypercube: each option's range is cut into `count` equal strata and every stratum is used by
 * exactly one cell (a random permutation per option, a uniform draw inside the stratum). Ranges with integer
 * ends give integers (the strata then cut max − min + 1 values).
 *
 * @example
 * latinHypercube({ count: 4, seed: 1, ranges: { wageAdjustment: [0, 0.2] } }).map((d) => Math.floor(Number(d.wageAdjustment) / 0.05)).sort();
 * // => [0, 1, 2, 3]
 */
export function latinHypercube(sample: SampleBlock): Record<string, number>[] {
  const rng = createRng(sample.seed);
  const draws: Record<string, number>[] = Array.from({ length: sample.count }, () => ({}));
  for (const [key, [min, max]] of Object.entries(sample.ranges)) {
    const strata = Array.from({ length: sample.count }, (_, k) => k);
    for (let k = strata.length - 1; k > 0; k--) {
      const j = rng.int(k + 1);
      [strata[k], strata[j]] = [strata[j], strata[k]];
    }
    const integral = Number.isInteger(min) && Number.isInteger(max);
    const width = integral ? max - min + 1 : max - min;
    strata.forEach((stratum, k) => {
      const x = min + ((stratum + rng.next()) / sample.count) * width;
      draws[k][key] = integral ? Math.min(max, Math.floor(x)) : x;
    });
  }
  return draws;
}
