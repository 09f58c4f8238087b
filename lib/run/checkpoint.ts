import * as fs from "node:fs";
import * as path from "node:path";
import type { SimulationSnapshot } from "../economy/simulation.js";
import { writeJsonAtomic } from "../files.js";

/** A month-boundary checkpoint: the simulation and how long each appended output file was at that moment. */
export interface Checkpoint {
  format: 1;
  month: number;
  simulation: SimulationSnapshot;
  files: Record<string, number>;
}

export const CHECKPOINT_FILE = "checkpoint.json";

/** Months between checkpoints: as configured, else every month up to 10,000 households, else yearly. */
export function checkpointInterval(every: number | null, households: number): number {
  return every ?? (households <= 10_000 ? 1 : 12);
}

export function writeCheckpoint(dir: string, checkpoint: Checkpoint): void {
  writeJsonAtomic(path.join(dir, CHECKPOINT_FILE), checkpoint);
}

/** The run's last checkpoint, or null when it was stopped before its first one. */
export function readCheckpoint(dir: string): Checkpoint | null {
  const file = path.join(dir, CHECKPOINT_FILE);
  if (!fs.existsSync(file)) return null;
  const checkpoint = JSON.parse(fs.readFileSync(file, "utf8")) as Checkpoint;
  if (checkpoint.format !== 1) throw new Error(`${file}: unknown checkpoint format ${String(checkpoint.format)}`);
  return checkpoint;
}
