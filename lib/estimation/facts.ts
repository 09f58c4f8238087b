/**
 * Stylized facts as pass/fail targets (data/targets.json; BAM Engine's `targets.yaml` scheme): each fact is a moment
 * (lib/estimation/moments.ts) that must lie in a band; one run passes a fact when its value is inside, a
 * configuration over seeds when at least the fact's required share of seeds (95 %) is inside — one lucky seed does
 * not make a fact, and one unlucky seed of twenty does not break it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { SeedRun } from "../analysis/acrossSeeds.js";
import { UsageError } from "../errors.js";
import { dataPath } from "../paths.js";
import { quantile } from "../stats/quantile.js";
import { checkMomentNames, momentValues, runMomentData } from "./moments.js";

/** One stylized fact: its moment, band, source and the share of seeds that must lie inside. */
export interface Fact {
  fact: string;
  statistic: string;
  band: [number, number];
  source: string;
  required_share: number;
}

/** One row of facts.csv: a fact's band, the value (a run's, or the median over seeds), the seeds inside, pass/fail. */
export interface FactRow {
  fact: string;
  statistic: string;
  low: number;
  high: number;
  /** The run's value; over several seeds, the median of the defined values; null when no seed defines it. */
  value: number | null;
  seeds: number;
  /** Share of seeds whose value is defined and inside the band. */
  share_inside: number;
  pass: boolean;
}

/**
 * The columns of facts.csv, in order (a sweep's rows start with `cell`).
 * @example
 * csvTable(FACT_COLUMNS, rows);
 */
export const FACT_COLUMNS = ["fact", "statistic", "low", "high", "value", "seeds", "share_inside", "pass"] as const;

/**
 * Read and check a targets file (default data/targets.json).
 *
 * @throws UsageError naming the file and field for a bad fact
 * @example
 * readTargets().map((f) => f.fact); // ["phillips_curve_negative", "okun_law_negative", …]
 */
export function readTargets(file = dataPath("targets.json")): Fact[] {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError("--targets", file, `a readable JSON file of facts (${(error as Error).message})`);
  }
  const facts = (value as { facts?: unknown }).facts;
  if (!Array.isArray(facts) || facts.length === 0) throw new UsageError(`facts (in ${path.basename(file)})`, facts, "a non-empty list of facts");
  return facts.map((raw, k) => {
    const f = raw as Partial<Fact>;
    const field = (name: string) => `facts[${k}].${name} (in ${path.basename(file)})`;
    if (typeof f.fact !== "string" || f.fact.length === 0) throw new UsageError(field("fact"), f.fact, "a name");
    const [statistic] = checkMomentNames([f.statistic], field("statistic"));
    const band = f.band;
    if (!Array.isArray(band) || band.length !== 2 || !band.every((v) => typeof v === "number" && Number.isFinite(v)) || !(band[0] <= band[1])) {
      throw new UsageError(field("band"), band, "[low, high] with low ≤ high");
    }
    if (typeof f.source !== "string" || f.source.length === 0) throw new UsageError(field("source"), f.source, "where the fact comes from");
    const share = f.required_share;
    if (typeof share !== "number" || !(share > 0 && share <= 1)) throw new UsageError(field("required_share"), share, "a share in (0, 1]");
    return { fact: f.fact, statistic: statistic, band: [band[0], band[1]], source: f.source, required_share: share };
  });
}

/**
 * Check the facts on the runs of one configuration (one run or several seeds).
 *
 * @param facts the targets ({@link readTargets})
 * @param runs the runs, with monthly rows
 * @param households N of the runs
 * @returns one {@link FactRow} per fact
 * @throws Error if runs is empty or a run has no monthly rows
 * @example
 * checkFacts(readTargets(), await runSeeds({ policy: "cats" }, [1, 2, 3]), 100).filter((r) => !r.pass);
 */
export function checkFacts(facts: readonly Fact[], runs: readonly SeedRun[], households: number): FactRow[] {
  if (runs.length === 0) throw new Error("checkFacts: needs at least one run");
  const names = facts.map((f) => f.statistic);
  const perSeed = runs.map((run) => {
    if (!run.monthly) throw new Error(`checkFacts: seed ${run.seed} has no monthly rows`);
    return momentValues(runMomentData(run.annual, run.monthly, households), names);
  });
  return facts.map((fact, j) => {
    const values = perSeed.map((v) => v[j]);
    const defined = values.filter((v): v is number => v !== null && Number.isFinite(v));
    const inside = defined.filter((v) => v >= fact.band[0] && v <= fact.band[1]).length / runs.length;
    return {
      fact: fact.fact, statistic: fact.statistic, low: fact.band[0], high: fact.band[1],
      value: defined.length === 0 ? null : runs.length === 1 ? defined[0] : quantile(defined, 0.5),
      seeds: runs.length, share_inside: inside, pass: inside >= fact.required_share,
    };
  });
}
