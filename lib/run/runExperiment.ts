import * as fs from "node:fs";
import * as path from "node:path";
import type * as Arrow from "apache-arrow";
import { BUSINESS_CYCLE_COLUMNS, businessCycleTable } from "../analysis/businessCycle.js";
import { quarterlySeries } from "../analysis/quarterlySeries.js";
import { summarizeRun } from "../analysis/summarizeRun.js";
import { UsageError } from "../errors.js";
import type { Identities } from "../economy/initialize.js";
import { ANNUAL_COLUMNS, BANK_ANNUAL_COLUMNS, BANK_MONTHLY_COLUMNS, MONTHLY_COLUMNS } from "../economy/rows.js";
import type { Simulation } from "../economy/simulation.js";
import type { HouseholdPolicy } from "../economy/policy.js";
import { Budget, BudgetExhausted, checkBudgetOptions } from "./budget.js";
import { EndpointRejected, TooManyFallbacks } from "../llm/runStops.js";
import { fields } from "../readBack.js";
import { CHECKPOINT_FILE, CHECKPOINT_FORMAT, checkpointDue, checkpointSchedule, fileRecord, writeCheckpoint, type FileRecord } from "./checkpoint.js";
import { resolveConfig, type RunConfig } from "./config.js";
import { buildSimulation } from "./createSimulation.js";
import { checkLlmInputs } from "./createLlmPolicy.js";
import { inputDigests } from "./inputDigests.js";
import { checkResume, type VerifiedCheckpoint } from "./resumeChecks.js";
import { estimateRun } from "./estimate.js";
import { csvLine, csvTable } from "./csv.js";
import { recordedHouseholds, recordingOf } from "./decisionRecording.js";
import { BANK_DECISION_COLUMNS, CHUNK_ROWS, DECISION_COLUMNS, POPULATION_DECISION_COLUMN } from "./decisionRows.js";
import { POPULATION_COLUMNS, populationIndex, populationMonthRows, type PopulationIndex } from "./populationRows.js";
import { CsvDecisionWriter, ParquetDecisionWriter, segmentFile, type DecisionWriter } from "./decisionWriter.js";
import { AUDIT_COLUMNS } from "../households/llm/archetypePolicy.js";
import { AppendFile, removeInterruptedWrites, writeFileAtomic, writeJsonAtomic } from "../files.js";
import { Manifest, readManifest } from "./manifest.js";
import { arrow, arrowTable, textVector, writeParquetFile } from "./parquet.js";
import { PARQUET_FILES, prepareRunDirectory, RUN_FILES, tableFile } from "./runDirectory.js";

/** How far a run has come, for its progress bar. */
export interface Progress {
  month: number;
  months: number;
  elapsedMs: number;
  /** The policy's live status (LLM calls, tokens, cost), if it has one. */
  status?: string;
}

/** Where and how {@link runExperiment} runs: the output directory, overwriting, progress, a policy of your own, cancellation. */
export interface RunOptions {
  out: string;
  /** Overwrite an earlier run in `out`. */
  force?: boolean;
  /** Called after every month. */
  onProgress?: (progress: Progress) => void;
  /** Use this policy instead of the configured one (notebooks, custom experiments). */
  policy?: HouseholdPolicy;
  /** Stop cleanly at the next month boundary (Ctrl-C): the manifest says "interrupted". */
  signal?: AbortSignal;
  /**
   * A budget set by the caller instead of `config.maxCost` (which still applies when lower) and not recorded in the
   * configuration: a sweep's share of its whole-sweep `--max-cost`, with the run's estimated monthly costs.
   */
  budget?: { maxCostUsd: number; monthlyCostUsd: readonly number[] };
}

/**
 * Thrown when a run stops because its signal was aborted.
 * @example
 * new RunInterrupted(7).message; // "interrupted after month 7"
 */
export class RunInterrupted extends Error {
  constructor(readonly month: number) {
    super(`interrupted after month ${month}`);
    this.name = "RunInterrupted";
  }
}

/**
 * Run one experiment into a directory: `manifest.json` (status "running" until the end), `households.csv`,
 * then month by month `monthly.csv`, `decisions.csv` and (LLM households) `transcripts.jsonl` appended and a
 * checkpoint saved, and at the end `annual.csv`, `summary.json` and `business_cycle.csv` with the manifest marked
 * "complete".
 * A failed or interrupted run keeps every finished month and can be continued with {@link resumeExperiment}.
 * @example
 * await runExperiment(resolveConfig({ policy: "cats", households: 100, months: 24 }), { out: "runs/cats" });
 */
export async function runExperiment(config: RunConfig, options: RunOptions): Promise<{ dir: string; simulation: Simulation }> {
  checkBudgetOptions(config);
  checkLlmInputs(config);
  const dir = prepareRunDirectory(options.out, options.force ?? false);
  return execute(dir, config, options, null, null);
}

/** Options of {@link resumeExperiment}: a run's options, a new budget, and where a notice for the user goes. */
export interface ResumeOptions extends Omit<RunOptions, "out" | "force"> {
  maxCost?: string;
  /** A new `--max-fallback-share` (a run stopped by too many fallbacks may accept more). */
  maxFallbackShare?: string;
  /** Told (one line) when there is no checkpoint and the run starts again from month 1. */
  onNotice?: (message: string) => void;
}

/**
 * Continue a run that did not complete (killed, failed, interrupted) from its last checkpoint. Its outputs
 * end up byte-identical to an uninterrupted run's; timings and call accounting stay in the manifest. Before
 * anything is written, the run directory is checked (lib/run/resumeChecks.ts): a changed configuration or
 * input, a damaged checkpoint or output file is refused naming the file and the field.
 * @example
 * await resumeExperiment("runs/cats"); // continues from checkpoint.json, refusing changed inputs
 */
export async function resumeExperiment(out: string, options: ResumeOptions = {}) {
  const dir = path.resolve(out);
  const previous = readManifest(dir, "--resume");
  if (previous.status === "complete") throw new UsageError("--resume", out, "a run that did not complete (this one is complete)");
  // The settings a resumed run may change: a new budget (a run stopped by --max-cost continues with a higher one) and
  // the fallback threshold (one stopped by too many unreadable answers may accept more).
  const flags = {
    ...(options.maxCost === undefined ? {} : { maxCost: options.maxCost }),
    ...(options.maxFallbackShare === undefined ? {} : { maxFallbackShare: options.maxFallbackShare }),
  };
  const config = resolveConfig(previous.config, flags, path.join(out, RUN_FILES.manifest));
  checkBudgetOptions(config);
  const resumed = checkResume(dir, previous, config);
  if (resumed === null) options.onNotice?.(`--resume ${out}: no ${CHECKPOINT_FILE} (the run stopped before its first checkpoint); starting again from month 1`);
  removeInterruptedWrites(dir);
  return execute(dir, config, { ...options, out }, resumed, previous);
}

async function execute(
  dir: string,
  config: RunConfig,
  options: RunOptions,
  resumed: VerifiedCheckpoint | null,
  previous: Record<string, unknown> | null,
): Promise<{ dir: string; simulation: Simulation }> {
  // A replay spends nothing, so only a run that may call the model is budgeted.
  const cap = Math.min(config.maxCost ?? Infinity, options.budget?.maxCostUsd ?? Infinity);
  const budget =
    cap !== Infinity && config.cacheMode !== "replay"
      ? new Budget(cap, options.budget?.monthlyCostUsd ?? (await estimateRun(config)).monthlyCostUsd)
      : null;
  const file = (name: string) => path.join(dir, name);
  const checkpoint = resumed?.checkpoint ?? null;
  // A resumed file continues from the bytes checked against the checkpoint, its digest from their hash.
  const open = (name: string, header: string) => {
    const hash = resumed?.hashes.get(name);
    return checkpoint && hash ? AppendFile.resume(file(name), checkpoint.files[name].bytes, hash) : AppendFile.create(file(name), header);
  };
  let transcripts: AppendFile | null = null;
  const transcript = (record: Record<string, unknown>) => {
    transcripts ??= AppendFile.create(file(RUN_FILES.transcripts), "");
    transcripts.append(JSON.stringify(record) + "\n");
  };
  let audit: AppendFile | null = null;
  const auditRow = (row: number[]) => {
    audit ??= AppendFile.create(file(RUN_FILES.audit), csvLine(AUDIT_COLUMNS));
    audit.append(csvLine(row));
  };
  const { simulation, identities } = await buildSimulation(config, options.policy, transcript, auditRow);
  // Restored before the manifest is rewritten: a checkpoint whose policy part is refused leaves the run as it was.
  if (checkpoint) simulation.restore(checkpoint.simulation, fields(file(CHECKPOINT_FILE)));
  if (checkpoint?.files[RUN_FILES.transcripts]) transcripts = open(RUN_FILES.transcripts, "");
  if (checkpoint?.files[RUN_FILES.audit]) audit = open(RUN_FILES.audit, "");
  const recording = recordingOf(config.decisions, config.households);
  // Drawn from its own stream of the run's seed: the simulation's draws are the same with or without a panel.
  const recorded = recordedHouseholds(recording, config.households, config.seed);
  const manifest = new Manifest(file(RUN_FILES.manifest), config, simulation, previous, recorded === null ? config.households : recorded.length);
  const parquet = config.format === "parquet";
  // Several models in one economy: each household's population, fixed at the policy's init.
  const populations = populationIndex(simulation.policy, config.households);
  const householdsFile = tableFile("households", config.format);
  // Files written whole that every checkpoint records: the households, and each finished Parquet segment.
  const written: Record<string, FileRecord> = checkpoint
    ? Object.fromEntries(Object.entries(checkpoint.files).filter(([name]) => name === householdsFile || /^decisions\.part-/.test(name)))
    : { [householdsFile]: writeHouseholds(file(householdsFile), simulation, identities, recording === "off" || recording === "all" ? null : recorded, populations) };
  const inputs = inputDigests(config);
  // The bank's columns only with the bank on, so the paper's economy writes exactly the paper's tables.
  const monthlyColumns = config.bank ? [...MONTHLY_COLUMNS, ...BANK_MONTHLY_COLUMNS] : MONTHLY_COLUMNS;
  const annualColumns = config.bank ? [...ANNUAL_COLUMNS, ...BANK_ANNUAL_COLUMNS] : ANNUAL_COLUMNS;
  const decisionColumns = [...DECISION_COLUMNS, ...(config.bank ? BANK_DECISION_COLUMNS : []), ...(populations ? [POPULATION_DECISION_COLUMN] : [])];
  const byPopulation = populations ? open(RUN_FILES.populations, csvLine(POPULATION_COLUMNS)) : null;
  const monthly = parquet ? null : open(RUN_FILES.monthly, csvLine(monthlyColumns));
  const writeMonthlyParquet = () => writeParquetFile(file(PARQUET_FILES.monthly), arrowTable(simulation.monthly, monthlyColumns, { month: "int", year: "int" }));
  const decisionsFile = tableFile("decisions", config.format);
  const decisionsCsv = recording === "off" || parquet ? null : open(decisionsFile, csvLine(decisionColumns));
  const decisions: DecisionWriter | null =
    recording === "off"
      ? null
      : decisionsCsv
        ? new CsvDecisionWriter(decisionsCsv, decisionColumns, recorded, config.households)
        : new ParquetDecisionWriter(dir, file(decisionsFile), decisionColumns, recorded, Object.keys(written).filter((f) => f !== householdsFile).length);
  const schedule = checkpointSchedule(config);
  let savedAt = Date.now();
  let savedMonth = checkpoint?.month ?? null;
  // A checkpoint records what is on disk: each appended file is written out first.
  const appended = (f: AppendFile): FileRecord => {
    f.flush();
    return { bytes: f.size, sha256: f.digest() };
  };
  const saveCheckpoint = async (month: number) => {
    const files: Record<string, FileRecord> = {};
    if (monthly) files[RUN_FILES.monthly] = appended(monthly);
    else writeMonthlyParquet();
    if (byPopulation) files[RUN_FILES.populations] = appended(byPopulation);
    const finished = (await decisions?.checkpoint()) ?? 0;
    if (decisionsCsv) files[decisionsFile] = appended(decisionsCsv);
    else {
      for (let k = 1; k <= finished; k++) written[path.basename(segmentFile(dir, k))] ??= fileRecord(segmentFile(dir, k));
    }
    if (transcripts) files[RUN_FILES.transcripts] = appended(transcripts);
    if (audit) files[RUN_FILES.audit] = appended(audit);
    Object.assign(files, written);
    writeCheckpoint(dir, { format: CHECKPOINT_FORMAT, month, config: { ...config }, inputs, files, simulation: simulation.snapshot() });
    manifest.write("running");
    savedAt = Date.now();
    savedMonth = month;
  };
  const spent = () => simulation.policy.spentUsd?.() ?? 0;
  const started = Date.now();
  try {
    budget?.check(simulation.state.month, spent());
    await simulation.run(async (row) => {
      monthly?.append(csvLine(monthlyColumns.map((c) => row[c])));
      if (byPopulation && populations) byPopulation.append(populationMonthRows(simulation, populations).map((r) => csvLine(POPULATION_COLUMNS.map((c) => r[c]))).join(""));
      await decisions?.writeMonth(simulation);
      if (!simulation.done && checkpointDue(schedule, row.month, Date.now() - savedAt)) await saveCheckpoint(row.month);
      if (budget && !simulation.done) {
        try {
          budget.check(row.month, spent());
        } catch (error) {
          // Stopped at this boundary: the checkpoint must be here, whatever the checkpoint schedule.
          if (savedMonth !== row.month) await saveCheckpoint(row.month);
          throw error;
        }
      }
      const status = simulation.policy.status?.();
      options.onProgress?.({ month: row.month, months: config.months, elapsedMs: Date.now() - started, ...(status ? { status } : {}) });
      // A month of rule-based households never leaves the microtask queue; yield so signals (Ctrl-C) get through.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (options.signal?.aborted && !simulation.done) {
        // Interrupted (Ctrl-C) at this boundary: checkpoint here, so the months since the last one are kept.
        if (savedMonth !== row.month) await saveCheckpoint(row.month);
        throw new RunInterrupted(row.month);
      }
    });
    await decisions?.finish();
    // Everything appended is on disk before the run can be marked complete.
    for (const f of [monthly, byPopulation, decisionsCsv, transcripts, audit]) f?.flush();
    if (parquet) {
      writeMonthlyParquet();
      writeParquetFile(file(PARQUET_FILES.annual), arrowTable(simulation.annual, annualColumns, { year: "int" }));
    } else writeFileAtomic(file(RUN_FILES.annual), csvTable(annualColumns, simulation.annual));
    writeJsonAtomic(file(RUN_FILES.summary), { ...summarizeRun(simulation.annual, config.seed), ...simulation.policy.summary?.() });
    writeFileAtomic(file(RUN_FILES.businessCycle), csvTable(BUSINESS_CYCLE_COLUMNS, businessCycleTable(quarterlySeries(simulation.monthly, config.households))));
    fs.rmSync(file(CHECKPOINT_FILE), { force: true }); // complete: nothing left to resume
    manifest.write("complete");
  } catch (error) {
    const status =
      error instanceof RunInterrupted
        ? "interrupted"
        : error instanceof BudgetExhausted
          ? "budget"
          : error instanceof EndpointRejected
            ? "rejected"
            : error instanceof TooManyFallbacks
              ? "fallbacks"
              : "failed";
    manifest.write(status, error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    monthly?.close();
    byPopulation?.close();
    await decisions?.close();
    transcripts?.close();
    audit?.close();
    await simulation.policy.close?.();
  }
  return { dir, simulation };
}

const HOUSEHOLD_COLUMNS = ["household", "name", "age", "initial_wage", "type"];

/**
 * households.csv (or .parquet): id, name, age, initial wage and type, plus `panel` (1 for a member of the
 * decision panel, else 0) only when a panel is recorded and `population` (its name) only with populations, so
 * runs without them keep their bytes. Written to a temporary file renamed into place; the CSV block by block, so
 * a million households never make one string. Returns its length and digest, which every checkpoint records.
 */
function writeHouseholds(target: string, simulation: Simulation, identities: Identities, panel: Int32Array | null, populations: PopulationIndex | null): FileRecord {
  const { state, policy } = simulation;
  const member = new Uint8Array(state.n);
  if (panel !== null) for (const i of panel) member[i] = 1;
  const columns = [...HOUSEHOLD_COLUMNS, ...(panel === null ? [] : ["panel"]), ...(populations === null ? [] : ["population"])];
  const typeOf = (i: number) => policy.householdType?.(i) ?? policy.name;
  if (target.endsWith(".parquet")) {
    const n = state.n;
    const vectors: Record<string, Arrow.Vector> = {
      household: arrow.makeVector(Int32Array.from({ length: n }, (_, i) => i)),
      name: textVector(n, (i) => identities.nameOf(i)),
      age: arrow.makeVector(Int32Array.from(state.age)),
      initial_wage: arrow.makeVector(Float64Array.from(state.wage)),
      type: textVector(n, typeOf),
      ...(panel === null ? {} : { panel: arrow.makeVector(Int32Array.from(member)) }),
      ...(populations === null ? {} : { population: textVector(n, (i) => populations.names[populations.of[i]]) }),
    };
    // SNAPPY, and no dictionary for the unique names: ZSTD took 1.3 s of a million-household run's start, this 0.5 s.
    writeParquetFile(target, new arrow.Table(vectors), "SNAPPY", ["type"]);
    return fileRecord(target);
  }
  const tmp = `${target}.${process.pid}.tmp`;
  const out = AppendFile.create(tmp, csvLine(columns));
  for (let from = 0; from < state.n; from += CHUNK_ROWS) {
    let text = "";
    for (let i = from; i < Math.min(state.n, from + CHUNK_ROWS); i++) {
      const row: (string | number)[] = [i, identities.nameOf(i), state.age[i], state.wage[i], typeOf(i)];
      if (panel !== null) row.push(member[i]);
      if (populations !== null) row.push(populations.names[populations.of[i]]);
      text += csvLine(row);
    }
    out.append(text);
  }
  out.close();
  fs.renameSync(tmp, target);
  return { bytes: out.size, sha256: out.digest() };
}
