import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { SimulationSnapshot } from "../economy/simulation.js";
import { sha256Prefix, writeFileAtomic } from "../files.js";
import { fields, type FieldChecks } from "../readBack.js";
import { checkBankSnapshot, checkStateSnapshot, STATE_ARRAYS } from "../economy/stateSnapshot.js";
import { BANK_ARRAYS } from "../economy/bank.js";
import type { RunConfig } from "./config.js";

/** What a checkpoint records of one of the run's files: its length then and the SHA-256 of those bytes. */
export interface FileRecord {
  bytes: number;
  sha256: string;
}

/**
 * The checkpoint layout this version writes and reads (1: before the configuration, inputs, digests and seal).
 * @example
 * JSON.parse(fs.readFileSync("runs/c1/checkpoint.json", "utf8")).format === CHECKPOINT_FORMAT; // true for this version's runs
 */
export const CHECKPOINT_FORMAT = 2;

/**
 * A month-boundary checkpoint: the configuration and input digests the run started with, the simulation, and
 * each output file as it was at that moment (appended files by length and digest of that prefix, households and
 * finished Parquet segments whole). Written with a `sha256` of everything else, its seal.
 */
export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  month: number;
  /** The resolved configuration (as in the manifest) and the SHA-256 of each input file by its config key. */
  config: Record<string, unknown>;
  inputs: Record<string, string>;
  files: Record<string, FileRecord>;
  simulation: SimulationSnapshot;
}

/**
 * The checkpoint's file name in a run directory (removed when the run completes).
 * @example
 * path.join("runs/c1", CHECKPOINT_FILE); // "runs/c1/checkpoint.json"
 */
export const CHECKPOINT_FILE = "checkpoint.json";

/**
 * Seconds between checkpoints when neither `checkpointEvery` nor `checkpointSeconds` is set (docs/running.md).
 * @example
 * checkpointSchedule(resolveConfig({ policy: "len" })); // { seconds: DEFAULT_CHECKPOINT_SECONDS }
 */
export const DEFAULT_CHECKPOINT_SECONDS = 30;

/** When a run saves a checkpoint: every `months` months (0 = never), or once `seconds` have passed since the last. */
export type CheckpointSchedule = { months: number } | { seconds: number };

/**
 * A run's checkpoint schedule: every `checkpointEvery` months when set; else by time — `checkpointSeconds`, by
 * default 30 s, so a run that ends sooner writes none and a long run loses at most that much work — except that
 * LLM households, whose months cost calls, checkpoint at every month boundary by default.
 * @example
 * checkpointSchedule({ checkpointEvery: null, checkpointSeconds: null, policy: "composite" }); // { seconds: 30 }
 * checkpointSchedule({ checkpointEvery: null, checkpointSeconds: null, policy: "llm" }); // { months: 1 }
 * checkpointSchedule({ checkpointEvery: 12, checkpointSeconds: 5, policy: "len" }); // { months: 12 }
 */
export function checkpointSchedule(config: Pick<RunConfig, "checkpointEvery" | "checkpointSeconds" | "policy">): CheckpointSchedule {
  if (config.checkpointEvery !== null) return { months: config.checkpointEvery };
  if (config.checkpointSeconds !== null) return { seconds: config.checkpointSeconds };
  return config.policy === "llm" ? { months: 1 } : { seconds: DEFAULT_CHECKPOINT_SECONDS };
}

/**
 * Whether a checkpoint is due at the boundary after `month`, `elapsedMs` after the last one (or the run's start).
 * @example
 * checkpointDue({ seconds: 30 }, 7, 31_000); // true
 * checkpointDue({ months: 12 }, 7, 31_000); // false
 */
export function checkpointDue(schedule: CheckpointSchedule, month: number, elapsedMs: number): boolean {
  if ("months" in schedule) return schedule.months > 0 && month % schedule.months === 0;
  return elapsedMs >= schedule.seconds * 1000;
}

/**
 * What a checkpoint records of a whole file (households, a finished Parquet segment): its length and digest.
 * @example
 * fileRecord("runs/c1/households.csv"); // { bytes: 5321, sha256: "…" }
 */
export function fileRecord(file: string): FileRecord {
  return { bytes: fs.statSync(file).size, sha256: sha256Prefix(file).digest("hex") };
}

/**
 * The seal of a checkpoint's content: the SHA-256 of its JSON text without the `sha256` field. Reading a file
 * back and writing it again gives the same text (keys keep their order, numbers their shortest form), so the
 * seal of what was read equals the seal written unless a byte of content changed. It detects damage and edits,
 * not someone who recomputes it.
 * @example
 * checkpointSha256({ format: 2, month: 3 }); // "…" (64 hex digits)
 */
export function checkpointSha256(content: Record<string, unknown>): string {
  const { sha256: _seal, ...rest } = content;
  // Hashed as bytes: converting once and hashing the buffer is faster than hashing the string (≈ 86 MB at 1M households).
  return createHash("sha256").update(Buffer.from(JSON.stringify(rest))).digest("hex");
}

/**
 * Save a checkpoint as checkpoint.json in the run directory, sealed (its last field is the SHA-256 of the rest,
 * {@link checkpointSha256}) and atomically (a crash leaves the previous one).
 * @example
 * writeCheckpoint(dir, { format: 2, month: 12, config, inputs: {}, files: { "monthly.csv": { bytes: 4096, sha256 } }, simulation: simulation.snapshot() });
 */
export function writeCheckpoint(dir: string, checkpoint: Checkpoint): void {
  // One serialization, converted to bytes once: the seal is appended to the bytes it was computed from.
  const body = Buffer.from(JSON.stringify(checkpoint));
  const seal = createHash("sha256").update(body).digest("hex");
  writeFileAtomic(path.join(dir, CHECKPOINT_FILE), Buffer.concat([body.subarray(0, body.length - 1), Buffer.from(`,"sha256":"${seal}"}\n`)]));
}

/**
 * Refuse a checkpoint whose seal is not the SHA-256 of its content: it was changed (or damaged) after the run
 * wrote it. `raw` is the file's JSON as read, its fields' types already checked ({@link checkCheckpoint}).
 * @example
 * checkSeal(JSON.parse(fs.readFileSync(file, "utf8")), file); // throws DamagedFile(file, "sha256", …) after an edit
 */
export function checkSeal(raw: Record<string, unknown>, file: string): void {
  const now = checkpointSha256(raw);
  if (now !== raw.sha256) {
    fields(file).fail("sha256", raw.sha256, `the SHA-256 of the rest of the file (${now.slice(0, 12)}…): the checkpoint was changed after the run wrote it`);
  }
}

/**
 * A checkpoint read back, checked field by field before anything restores from it (the policy's own part is
 * checked by the policy).
 * @example
 * checkCheckpoint({ format: 1 }, "run/checkpoint.json"); // throws: run/checkpoint.json: format: got 1; allowed: 2 …
 */
export function checkCheckpoint(raw: unknown, file: string): Checkpoint {
  const at = fields(file);
  const c = at.object(raw, "");
  if (c.format !== CHECKPOINT_FORMAT) at.fail("format", c.format, `${CHECKPOINT_FORMAT} (the checkpoint format this version writes)`);
  at.integer(c.month, "month", 1);
  at.object(c.config, "config");
  at.record(c.inputs, "inputs", (v, f) => sha256Field(at, v, f));
  at.record(c.files, "files", (v, f) => {
    const record = at.object(v, f);
    at.integer(record.bytes, `${f}.bytes`, 0);
    sha256Field(at, record.sha256, `${f}.sha256`);
  });
  const sim = at.object(c.simulation, "simulation");
  const state = at.object(sim.state, "simulation.state");
  for (const key of ["n", "month"]) at.integer(state[key], `simulation.state.${key}`, 0);
  for (const key of ["price", "initialPrice", "rate", "inventory"]) at.number(state[key], `simulation.state.${key}`);
  const arrays = at.object(state.arrays, "simulation.state.arrays");
  for (const key of STATE_ARRAYS) base64(at, arrays[key], `simulation.state.arrays.${key}`);
  at.record(sim.rng, "simulation.rng", (v, f) => at.number(v, f));
  at.array(sim.monthly, "simulation.monthly").forEach((row, k) => at.record(row, `simulation.monthly[${k}]`, (v, f) => at.number(v, f)));
  at.array(sim.annual, "simulation.annual").forEach((row, k) =>
    at.record(row, `simulation.annual[${k}]`, (v, f) => (v === null ? null : at.number(v, f))),
  );
  if (sim.bank !== undefined) {
    const bank = at.object(sim.bank, "simulation.bank");
    const bankArrays = at.object(bank.arrays, "simulation.bank.arrays");
    for (const key of BANK_ARRAYS) base64(at, bankArrays[key], `simulation.bank.arrays.${key}`);
    at.number(bank.reserves, "simulation.bank.reserves");
    at.number(bank.equity, "simulation.bank.equity");
  }
  sha256Field(at, c.sha256, "sha256");
  return c as unknown as Checkpoint;
}

/**
 * Check a checkpoint (its fields' types checked) against the run it is to continue: its month is the
 * simulation's, before the run's last, with one monthly row per month and one annual row per finished year; the
 * state fits the run's households ({@link checkStateSnapshot}); the bank's accounts are there exactly when the
 * run has the bank.
 * @example
 * checkCheckpointFits(checkpoint, { households: 100, months: 240, bank: false }, "run/checkpoint.json");
 */
export function checkCheckpointFits(c: Checkpoint, run: { households: number; months: number; bank: boolean }, file: string): void {
  const at = fields(file);
  const sim = c.simulation;
  if (c.month >= run.months) at.fail("month", c.month, `a month before the run's last (${run.months})`);
  if (sim.state.month !== c.month) at.fail("simulation.state.month", sim.state.month, `${c.month} (the checkpoint's month)`);
  if (sim.monthly.length !== c.month) at.fail("simulation.monthly", `${sim.monthly.length} rows`, `${c.month} rows (one per month done)`);
  const years = Math.floor(c.month / 12);
  if (sim.annual.length !== years) at.fail("simulation.annual", `${sim.annual.length} rows`, `${years} rows (one per year done)`);
  checkStateSnapshot(sim.state, run.households, at, "simulation.state");
  if (run.bank && sim.bank === undefined) at.fail("simulation.bank", undefined, "the bank's accounts (the run has the bank on)");
  if (!run.bank && sim.bank !== undefined) at.fail("simulation.bank", "the bank's accounts", "none (the run has the bank off)");
  if (sim.bank !== undefined) checkBankSnapshot(sim.bank, run.households, at, "simulation.bank");
}

function base64(at: FieldChecks, v: unknown, field: string): void {
  if (typeof v !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) at.fail(field, v, "the bytes of a typed array in base64");
}

function sha256Field(at: FieldChecks, v: unknown, field: string): void {
  if (typeof v !== "string" || !/^[0-9a-f]{64}$/.test(v)) at.fail(field, v, "a SHA-256 (64 hex digits)");
}
