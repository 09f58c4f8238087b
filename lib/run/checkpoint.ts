import * as fs from "node:fs";
import * as path from "node:path";
import type { SimulationSnapshot } from "../economy/simulation.js";
import { writeJsonAtomic } from "../files.js";
import { fields, readJsonFile } from "../readBack.js";
import { STATE_ARRAYS } from "../economy/stateSnapshot.js";
import { BANK_ARRAYS } from "../economy/bank.js";

/** A month-boundary checkpoint: the simulation and how long each appended output file was at that moment. */
export interface Checkpoint {
  format: 1;
  month: number;
  simulation: SimulationSnapshot;
  files: Record<string, number>;
}

/**
 * The checkpoint's file name in a run directory (removed when the run completes).
 * @example
 * path.join("runs/c1", CHECKPOINT_FILE); // "runs/c1/checkpoint.json"
 */
export const CHECKPOINT_FILE = "checkpoint.json";

/**
 * Months between checkpoints: as configured, else every month up to 10,000 households, else yearly.
 * @example
 * checkpointInterval(null, 100); // 1: every month
 * checkpointInterval(null, 1_000_000); // 12: yearly
 * checkpointInterval(0, 100); // 0: never
 */
export function checkpointInterval(every: number | null, households: number): number {
  return every ?? (households <= 10_000 ? 1 : 12);
}

/**
 * Save a checkpoint as checkpoint.json in the run directory, atomically (a crash leaves the previous one).
 * @example
 * writeCheckpoint(dir, { format: 1, month: 12, simulation: simulation.snapshot(), files: { "monthly.csv": 4096 } });
 */
export function writeCheckpoint(dir: string, checkpoint: Checkpoint): void {
  writeJsonAtomic(path.join(dir, CHECKPOINT_FILE), checkpoint);
}

/**
 * The run's last checkpoint, or null when it was stopped before its first one; a damaged one is an error naming the field.
 * @example
 * readCheckpoint("runs/c1")?.month; // the last month saved, or undefined before the first checkpoint
 */
export function readCheckpoint(dir: string): Checkpoint | null {
  const file = path.join(dir, CHECKPOINT_FILE);
  if (!fs.existsSync(file)) return null;
  return checkCheckpoint(readJsonFile(file), file);
}

/**
 * A checkpoint read back, checked field by field before anything restores from it (the policy's own part is
 * checked by the policy).
 * @example
 * checkCheckpoint({ format: 2 }, "run/checkpoint.json"); // throws: run/checkpoint.json: format: got 2; allowed: 1 …
 */
export function checkCheckpoint(raw: unknown, file: string): Checkpoint {
  const at = fields(file);
  const c = at.object(raw, "");
  if (c.format !== 1) at.fail("format", c.format, "1 (the checkpoint format this version writes)");
  at.integer(c.month, "month", 1);
  at.record(c.files, "files", (v, f) => at.integer(v, f, 0));
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
  return c as unknown as Checkpoint;
}

function base64(at: ReturnType<typeof fields>, v: unknown, field: string): void {
  if (typeof v !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) at.fail(field, v, "the bytes of a typed array in base64");
}
