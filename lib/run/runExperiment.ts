import * as fs from "node:fs";
import * as path from "node:path";
import { BUSINESS_CYCLE_COLUMNS, businessCycleTable } from "../analysis/businessCycle.js";
import { quarterlySeries } from "../analysis/quarterlySeries.js";
import { summarizeRun } from "../analysis/summarizeRun.js";
import { jobTitle } from "../calibration/jobs.js";
import { UsageError } from "../errors.js";
import type { Identities } from "../economy/initialize.js";
import { ANNUAL_COLUMNS, BANK_ANNUAL_COLUMNS, BANK_MONTHLY_COLUMNS, MONTHLY_COLUMNS, type MonthlyRow } from "../economy/rows.js";
import type { Simulation } from "../economy/simulation.js";
import type { HouseholdPolicy } from "../economy/policy.js";
import { Budget, BudgetExhausted, checkBudgetOptions } from "./budget.js";
import { checkpointInterval, CHECKPOINT_FILE, readCheckpoint, writeCheckpoint, type Checkpoint } from "./checkpoint.js";
import { resolveConfig, type RunConfig } from "./config.js";
import { buildSimulation } from "./createSimulation.js";
import { refuseChangedInputs } from "./inputDigests.js";
import { estimateRun } from "./estimate.js";
import { csvLine, csvTable } from "./csv.js";
import { AppendFile, writeFileAtomic, writeJsonAtomic } from "../files.js";
import { Manifest, readManifest } from "./manifest.js";
import { prepareRunDirectory, RUN_FILES } from "./runDirectory.js";

export interface Progress {
  month: number;
  months: number;
  elapsedMs: number;
  /** The policy's live status (LLM calls, tokens, cost), if it has one. */
  status?: string;
}

export interface RunOptions {
  out: string;
  /** Overwrite an earlier run in `out`. */
  force?: boolean;
  onProgress?: (progress: Progress) => void;
  /** Use this policy instead of the configured one (notebooks, custom experiments). */
  policy?: HouseholdPolicy;
  /** Stop cleanly at the next month boundary (Ctrl-C): the manifest says "interrupted". */
  signal?: AbortSignal;
}

/** Thrown when a run stops because its signal was aborted. */
export class RunInterrupted extends Error {
  constructor(readonly month: number) {
    super(`interrupted after month ${month}`);
    this.name = "RunInterrupted";
  }
}

export const DECISION_COLUMNS = [
  "month", "household", "work_propensity", "consumption_propensity", "worked", "job", "income", "tax", "transfer",
  "consumption", "savings", "rationed",
] as const;

/** With `--bank on`, after the decision columns above: the bank decisions and the household's account. */
export const BANK_DECISION_COLUMNS = [
  "saving_propensity", "borrow_propensity", "deposit", "debt", "drawn", "instalment", "missed_payments",
] as const;

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
  const dir = prepareRunDirectory(options.out, options.force ?? false);
  return execute(dir, config, options, null, null);
}

/**
 * Continue a run that did not complete (killed, failed, interrupted) from its last checkpoint. Its outputs
 * end up byte-identical to an uninterrupted run's; timings and call accounting stay in the manifest.
 * @example
 * await resumeExperiment("runs/cats"); // continues from checkpoint.json, refusing changed inputs
 */
export async function resumeExperiment(out: string, options: Omit<RunOptions, "out" | "force"> & { maxCost?: string } = {}) {
  const dir = path.resolve(out);
  const previous = readManifest(dir, "--resume");
  if (previous.status === "complete") throw new UsageError("--resume", out, "a run that did not complete (this one is complete)");
  // The one setting a resumed run may change: a new budget (a run stopped by --max-cost continues with a higher one).
  const flags = options.maxCost === undefined ? {} : { maxCost: options.maxCost };
  const config = resolveConfig(previous.config, flags, path.join(out, RUN_FILES.manifest));
  checkBudgetOptions(config);
  refuseChangedInputs(previous, config);
  return execute(dir, config, { ...options, out }, readCheckpoint(dir), previous);
}

async function execute(
  dir: string,
  config: RunConfig,
  options: RunOptions,
  checkpoint: Checkpoint | null,
  previous: Record<string, unknown> | null,
): Promise<{ dir: string; simulation: Simulation }> {
  // A replay spends nothing, so only a run that may call the model is budgeted.
  const budget =
    config.maxCost !== null && config.cacheMode !== "replay" ? new Budget(config.maxCost, (await estimateRun(config)).monthlyCostUsd) : null;
  const file = (name: string) => path.join(dir, name);
  const open = (name: string, header: string) =>
    checkpoint && checkpoint.files[name] !== undefined ? AppendFile.resume(file(name), checkpoint.files[name]) : AppendFile.create(file(name), header);
  let transcripts: AppendFile | null = checkpoint && checkpoint.files[RUN_FILES.transcripts] !== undefined ? open(RUN_FILES.transcripts, "") : null;
  const transcript = (record: Record<string, unknown>) => {
    transcripts ??= AppendFile.create(file(RUN_FILES.transcripts), "");
    transcripts.append(JSON.stringify(record) + "\n");
  };
  const { simulation, identities } = await buildSimulation(config, options.policy, transcript);
  const manifest = new Manifest(file(RUN_FILES.manifest), config, simulation, previous);
  if (checkpoint) simulation.restore(checkpoint.simulation);
  else writeFileAtomic(file(RUN_FILES.households), householdsTable(simulation, identities));
  // The bank's columns only with the bank on, so the paper's economy writes exactly the paper's tables.
  const monthlyColumns = config.bank ? [...MONTHLY_COLUMNS, ...BANK_MONTHLY_COLUMNS] : MONTHLY_COLUMNS;
  const annualColumns = config.bank ? [...ANNUAL_COLUMNS, ...BANK_ANNUAL_COLUMNS] : ANNUAL_COLUMNS;
  const decisionColumns = config.bank ? [...DECISION_COLUMNS, ...BANK_DECISION_COLUMNS] : DECISION_COLUMNS;
  const monthly = open(RUN_FILES.monthly, csvLine(monthlyColumns));
  const decisions = config.decisions ? open(RUN_FILES.decisions, csvLine(decisionColumns)) : null;
  const interval = checkpointInterval(config.checkpointEvery, config.households);
  const saveCheckpoint = (month: number) => {
    const files: Record<string, number> = { [RUN_FILES.monthly]: monthly.size };
    if (decisions) files[RUN_FILES.decisions] = decisions.size;
    if (transcripts) files[RUN_FILES.transcripts] = transcripts.size;
    writeCheckpoint(dir, { format: 1, month, simulation: simulation.snapshot(), files });
    manifest.write("running");
  };
  const spent = () => simulation.policy.spentUsd?.() ?? 0;
  const started = Date.now();
  try {
    budget?.check(simulation.state.month, spent());
    await simulation.run(async (row) => {
      monthly.append(csvLine(monthlyColumns.map((c) => row[c])));
      decisions?.append(decisionRecords(simulation, row));
      if (interval > 0 && row.month % interval === 0 && !simulation.done) saveCheckpoint(row.month);
      if (budget && !simulation.done) {
        try {
          budget.check(row.month, spent());
        } catch (error) {
          // Stopped at this boundary: the checkpoint must be here, whatever the checkpoint interval.
          if (interval === 0 || row.month % interval !== 0) saveCheckpoint(row.month);
          throw error;
        }
      }
      const status = simulation.policy.status?.();
      options.onProgress?.({ month: row.month, months: config.months, elapsedMs: Date.now() - started, ...(status ? { status } : {}) });
      // A month of rule-based households never leaves the microtask queue; yield so signals (Ctrl-C) get through.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (options.signal?.aborted && !simulation.done) throw new RunInterrupted(row.month);
    });
    writeFileAtomic(file(RUN_FILES.annual), csvTable(annualColumns, simulation.annual));
    writeJsonAtomic(file(RUN_FILES.summary), summarizeRun(simulation.annual, config.seed));
    writeFileAtomic(file(RUN_FILES.businessCycle), csvTable(BUSINESS_CYCLE_COLUMNS, businessCycleTable(quarterlySeries(simulation.monthly, config.households))));
    fs.rmSync(file(CHECKPOINT_FILE), { force: true }); // complete: nothing left to resume
    manifest.write("complete");
  } catch (error) {
    const status = error instanceof RunInterrupted ? "interrupted" : error instanceof BudgetExhausted ? "budget" : "failed";
    manifest.write(status, error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    monthly.close();
    decisions?.close();
    transcripts?.close();
    await simulation.policy.close?.();
  }
  return { dir, simulation };
}

function householdsTable(simulation: Simulation, identities: Identities): string {
  const { state, policy } = simulation;
  const rows: string[] = [csvLine(["household", "name", "age", "initial_wage", "type"])];
  for (let i = 0; i < state.n; i++) {
    rows.push(csvLine([i, identities.nameOf(i), state.age[i], state.wage[i], policy.householdType?.(i) ?? policy.name]));
  }
  return rows.join("");
}

function decisionRecords(simulation: Simulation, row: MonthlyRow): string {
  const { state: s, decisions, bank } = simulation;
  let text = "";
  for (let i = 0; i < s.n; i++) {
    const record: (number | string)[] = [
      row.month, i, decisions.work[i], decisions.consumption[i], s.worked[i], s.worked[i] ? jobTitle(s.job[i]) : "",
      s.income[i], s.tax[i], s.transfer[i], s.spend[i], s.savings[i], s.rationed[i],
    ];
    if (bank && decisions.saving && decisions.borrow) {
      const b = bank.state;
      record.push(decisions.saving[i], decisions.borrow[i], b.deposit[i], b.debt[i], b.drawn[i], b.instalment[i], b.missed[i]);
    }
    text += csvLine(record);
  }
  return text;
}
