import * as path from "node:path";
import { summarizeRun } from "../analysis/summarizeRun.js";
import { jobTitles } from "../calibration/jobs.js";
import type { Identities } from "../economy/initialize.js";
import { ANNUAL_COLUMNS, MONTHLY_COLUMNS, type MonthlyRow } from "../economy/rows.js";
import type { Simulation } from "../economy/simulation.js";
import type { HouseholdPolicy } from "../households/policy.js";
import type { RunConfig } from "./config.js";
import { createSimulation } from "./createSimulation.js";
import { csvLine, csvTable } from "./csv.js";
import { AppendFile, writeFileAtomic, writeJsonAtomic } from "./files.js";
import { prepareRunDirectory, RUN_FILES } from "./runDirectory.js";
import { packageVersion } from "./version.js";

export interface Progress {
  month: number;
  months: number;
  elapsedMs: number;
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

export type RunStatus = "running" | "complete" | "failed" | "interrupted";

export const DECISION_COLUMNS = [
  "month", "household", "work_propensity", "consumption_propensity", "worked", "job", "income", "tax", "transfer",
  "consumption", "savings", "rationed",
] as const;

/**
 * Run one experiment into a directory: `manifest.json` (status "running" until the end), `households.csv`,
 * `monthly.csv` and `decisions.csv` appended month by month (a crash keeps every finished month), then
 * `annual.csv` and `summary.json`, and the manifest marked "complete". A failed run is marked "failed".
 */
export async function runExperiment(config: RunConfig, options: RunOptions): Promise<{ dir: string; simulation: Simulation }> {
  const dir = prepareRunDirectory(options.out, options.force ?? false);
  const file = (name: string) => path.join(dir, name);
  const { simulation, identities } = await createSimulation(config, options.policy);
  const manifest = new Manifest(file(RUN_FILES.manifest), config, simulation.policy.name);
  writeFileAtomic(file(RUN_FILES.households), householdsTable(simulation, identities));
  const monthly = new AppendFile(file(RUN_FILES.monthly), csvLine(MONTHLY_COLUMNS));
  const decisions = config.decisions ? new AppendFile(file(RUN_FILES.decisions), csvLine(DECISION_COLUMNS)) : null;
  const started = Date.now();
  try {
    await simulation.run(async (row) => {
      monthly.append(csvLine(MONTHLY_COLUMNS.map((c) => row[c])));
      decisions?.append(decisionRecords(simulation, row));
      options.onProgress?.({ month: row.month, months: config.months, elapsedMs: Date.now() - started });
      // A month of rule-based households never leaves the microtask queue; yield so signals (Ctrl-C) get through.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (options.signal?.aborted && !simulation.done) throw new RunInterrupted(row.month);
    });
    writeFileAtomic(file(RUN_FILES.annual), csvTable(ANNUAL_COLUMNS, simulation.annual));
    writeJsonAtomic(file(RUN_FILES.summary), summarizeRun(simulation.annual));
    manifest.finish("complete", simulation);
  } catch (error) {
    const status = error instanceof RunInterrupted ? "interrupted" : "failed";
    manifest.finish(status, simulation, error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    monthly.close();
    decisions?.close();
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
  const { state: s, decisions } = simulation;
  const titles = jobTitles().flat();
  let text = "";
  for (let i = 0; i < s.n; i++) {
    text += csvLine([
      row.month, i, decisions.work[i], decisions.consumption[i], s.worked[i], s.worked[i] ? titles[s.job[i]] : "",
      s.income[i], s.tax[i], s.transfer[i], s.spend[i], s.savings[i], s.rationed[i],
    ]);
  }
  return text;
}

/** The run's manifest, rewritten atomically whenever its status changes. */
class Manifest {
  private readonly startedAt = new Date();
  constructor(
    private readonly file: string,
    private readonly config: RunConfig,
    private readonly policy: string,
  ) {
    this.write("running", null);
  }

  finish(status: RunStatus, simulation: Simulation, error?: string): void {
    this.write(status, simulation, error);
  }

  private write(status: RunStatus, simulation: Simulation | null, error?: string): void {
    const finishedAt = status === "running" ? null : new Date();
    const months = simulation?.state.month ?? 0;
    writeJsonAtomic(this.file, {
      name: "econagent-ts",
      version: packageVersion(),
      status,
      ...(error ? { error } : {}),
      seed: this.config.seed,
      policy: this.policy,
      config: this.config,
      started_at: this.startedAt.toISOString(),
      finished_at: finishedAt?.toISOString() ?? null,
      duration_s: finishedAt ? (finishedAt.getTime() - this.startedAt.getTime()) / 1000 : null,
      counts: {
        households: this.config.households,
        months_planned: this.config.months,
        months_completed: months,
        years_completed: simulation?.annual.length ?? 0,
        decision_records: this.config.decisions ? months * this.config.households : 0,
      },
      runtime: { node: process.version, platform: `${process.platform}-${process.arch}` },
      files: Object.values(RUN_FILES).filter((f) => this.config.decisions || f !== RUN_FILES.decisions),
    });
  }
}
