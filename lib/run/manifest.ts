import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError } from "../errors.js";
import type { Simulation } from "../economy/simulation.js";
import type { RunConfig } from "./config.js";
import { writeJsonAtomic } from "../files.js";
import { fields, readJsonFile } from "../readBack.js";
import { recordingOf } from "./decisionRecording.js";
import { RUN_FILES, runFilesIn } from "./runDirectory.js";
import { packageVersion } from "./version.js";

/** What a manifest's status may say. */
export const RUN_STATUSES = ["running", "complete", "failed", "interrupted", "budget", "rejected", "fallbacks"] as const;
/** One of {@link RUN_STATUSES}. */
export type RunStatus = (typeof RUN_STATUSES)[number];

/** The fields of a manifest its readers rely on (the rest as written). */
export interface ManifestData extends Record<string, unknown> {
  status: RunStatus;
  policy: string;
  seed: number | string;
  config: Record<string, unknown>;
}

/**
 * A run directory's manifest, checked at the boundary (lib/readBack.ts); `field` names the option that pointed there.
 * @example
 * readManifest("runs/c1", "--resume").status; // "complete", "interrupted", …
 */
export function readManifest(dir: string, field: string): ManifestData {
  const file = path.join(dir, RUN_FILES.manifest);
  if (!fs.existsSync(file)) throw new UsageError(field, dir, "a directory written by `econagent run` (no manifest.json found)");
  const at = fields(file);
  const m = at.object(readJsonFile(file), "");
  at.oneOf(m.status, "status", RUN_STATUSES);
  at.string(m.policy, "policy");
  if (typeof m.seed !== "number" && typeof m.seed !== "string") at.fail("seed", m.seed, "a number or a string");
  at.object(m.config, "config");
  if (m.scenario !== undefined) at.string(at.object(m.scenario, "scenario").sha256, "scenario.sha256");
  // Carried into the resumed run's manifest.
  if (m.started_at !== undefined) at.string(m.started_at, "started_at");
  if (m.resumed_at !== undefined) at.array(m.resumed_at, "resumed_at").forEach((t, k) => at.string(t, `resumed_at[${k}]`));
  return m as ManifestData;
}

/**
 * The run's manifest: resolved configuration, seed, versions, policy facts (model, call accounting), timings and
 * status; rewritten atomically at start, at checkpoints and at the end. Run-specific data (times, latencies) live
 * here, never in the outputs that must be identical across reruns.
 * @example
 * const manifest = new Manifest(path.join(dir, "manifest.json"), config, simulation, null, config.households); // writes status "running"
 * manifest.write("complete");
 */
export class Manifest {
  private readonly startedAt: string;
  private readonly resumedAt: string[];

  constructor(
    private readonly file: string,
    private readonly config: RunConfig,
    private readonly simulation: Simulation,
    previous: Record<string, unknown> | null,
    /** How many households' decisions are recorded each month. */
    private readonly recordedHouseholds: number,
  ) {
    const now = new Date().toISOString();
    this.startedAt = (previous?.started_at as string | undefined) ?? now;
    this.resumedAt = previous ? [...((previous.resumed_at as string[] | undefined) ?? []), now] : [];
    this.write("running");
  }

  /** Write the manifest with this status (and the error of a failed run), atomically. */
  write(status: RunStatus, error?: string): void {
    const { simulation: sim, config } = this;
    const finished = status === "running" ? null : new Date();
    const months = sim.state.month;
    writeJsonAtomic(this.file, {
      name: "econagent-ts",
      version: packageVersion(),
      status,
      ...(error ? { error } : {}),
      seed: config.seed,
      policy: sim.policy.name,
      ...(sim.policy.describe ? { households_model: sim.policy.describe() } : {}),
      config,
      // The scenario file in force, with its digest, so a run records exactly which events it saw.
      ...(sim.schedule.source ? { scenario: sim.schedule.source } : {}),
      started_at: this.startedAt,
      ...(this.resumedAt.length ? { resumed_at: this.resumedAt } : {}),
      finished_at: finished?.toISOString() ?? null,
      duration_s: finished ? (finished.getTime() - Date.parse(this.startedAt)) / 1000 : null,
      counts: {
        households: config.households,
        months_planned: config.months,
        months_completed: months,
        years_completed: sim.annual.length,
        decision_records: months * this.recordedHouseholds,
      },
      // What was recorded: the configured or automatic choice (config.decisions null = automatic).
      outputs: { format: config.format, decisions: recordingOf(config.decisions, config.households), decision_households: this.recordedHouseholds },
      runtime: { node: process.version, platform: `${process.platform}-${process.arch}` },
      files: runFilesIn(path.dirname(this.file)),
    });
  }
}
