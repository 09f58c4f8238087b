/**
 * What `--resume` checks before it changes a byte of a run directory: the configuration the run started with
 * (sealed in its checkpoint) against the manifest's, the checkpoint's fields, month and seal, the input files'
 * digests, and every file the checkpoint says was written. Any mismatch is one line naming the file and the
 * field (exit 2); a run that passes continues to the bytes an uninterrupted run writes.
 */
import type { Hash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { sha256Prefix } from "../files.js";
import { DamagedFile, fields, readJsonFile } from "../readBack.js";
import { CHECKPOINT_FILE, checkCheckpoint, checkCheckpointFits, checkSeal, type Checkpoint } from "./checkpoint.js";
import type { RunConfig } from "./config.js";
import { recordingOf } from "./decisionRecording.js";
import { manifestDigests, refuseChangedInputs } from "./inputDigests.js";
import { RUN_FILES, tableFile } from "./runDirectory.js";

/**
 * The configuration keys a resumed run may change (in manifest.json, or `--max-cost` and `--max-fallback-share` on
 * the command line): how the run is carried out, never what it computes, so its outputs stay byte-identical to an
 * uninterrupted run's.
 * Every other key must equal the value the run started with.
 * @example
 * RESUMABLE_KEYS.includes("timeout"); // true: a resumed run may wait longer for its model
 * RESUMABLE_KEYS.includes("months"); // false: refused
 */
export const RESUMABLE_KEYS: readonly string[] = ["maxCost", "maxFallbackShare", "checkpointEvery", "checkpointSeconds", "timeout", "maxAttempts", "giveUpAfter", "concurrency"];

/** A run's checkpoint that passed every check, with the hash of each appended file's checked bytes to go on from. */
export interface VerifiedCheckpoint {
  checkpoint: Checkpoint;
  hashes: Map<string, Hash>;
}

/**
 * Every check of a run directory before `--resume` continues it (see the module comment); null when the run
 * stopped before its first checkpoint (it starts again from month 1, on the inputs its manifest records).
 * @example
 * checkResume("runs/c1", readManifest("runs/c1", "--resume"), config); // throws DamagedFile or UsageError (exit 2) on a mismatch
 */
export function checkResume(dir: string, manifest: Record<string, unknown>, config: RunConfig): VerifiedCheckpoint | null {
  const file = path.join(dir, CHECKPOINT_FILE);
  if (!fs.existsSync(file)) {
    refuseChangedInputs(manifestDigests(manifest), config, "manifest");
    return null;
  }
  const raw = readJsonFile(file);
  const checkpoint = checkCheckpoint(raw, file);
  refuseChangedConfig(checkpoint.config, (manifest.config ?? {}) as Record<string, unknown>, config, path.join(dir, RUN_FILES.manifest));
  checkCheckpointFits(checkpoint, config, file);
  checkSeal(raw as Record<string, unknown>, file);
  refuseChangedInputs(checkpoint.inputs, config, "checkpoint");
  return { checkpoint, hashes: checkRunFiles(dir, checkpoint, config) };
}

/**
 * Refuse a configuration that differs from the one the run started with (`started`, sealed in the checkpoint)
 * in any key but {@link RESUMABLE_KEYS}: names the manifest's field, the value written there and the original.
 * @example
 * refuseChangedConfig({ months: 120 }, { months: 60 }, resolveConfig({ months: 60 }), "runs/c1/manifest.json");
 * // throws: runs/c1/manifest.json: config.months: got 60; allowed: 120 (the value the run started with …)
 */
export function refuseChangedConfig(started: Record<string, unknown>, written: Record<string, unknown>, config: RunConfig, manifestFile: string): void {
  const now = config as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(started), ...Object.keys(now)])) {
    if (RESUMABLE_KEYS.includes(key) || JSON.stringify(started[key]) === JSON.stringify(now[key])) continue;
    const value = Object.hasOwn(written, key) ? written[key] : `(deleted: the default ${JSON.stringify(now[key])})`;
    const was = started[key] === undefined ? "no such option" : JSON.stringify(started[key]);
    throw new DamagedFile(manifestFile, `config.${key}`, value, `${was} (the value the run started with, as ${CHECKPOINT_FILE} records; a resumed run may change only ${RESUMABLE_KEYS.join(", ")})`);
  }
}

/** The run's decision segments (`--format parquet`) as the checkpoint names them. */
const SEGMENT = /^decisions\.part-(\d{4})\.parquet$/;

/**
 * The files the checkpoint records, checked on disk: present, at least as long as recorded (exactly, for a
 * whole file: households, a finished Parquet segment), and the SHA-256 of the recorded bytes equal to the
 * recorded one. The checkpoint must record the run's households file, for CSV its monthly table and
 * decisions (when recorded), and with config `populations` populations.csv. Returns each file's hash of those bytes, for appending to go on from.
 */
function checkRunFiles(dir: string, checkpoint: Checkpoint, config: RunConfig): Map<string, Hash> {
  const at = fields(path.join(dir, CHECKPOINT_FILE));
  const households = tableFile("households", config.format);
  const required = [households];
  if (config.format === "csv") required.push(RUN_FILES.monthly);
  if (config.format === "csv" && recordingOf(config.decisions, config.households) !== "off") required.push(RUN_FILES.decisions);
  if (config.populations !== null) required.push(RUN_FILES.populations);
  for (const name of required) if (!checkpoint.files[name]) at.fail(`files.${name}`, undefined, `the length and SHA-256 of ${name} (the run writes it)`);
  const appended = new Set([...required.slice(1), RUN_FILES.transcripts, RUN_FILES.audit]);
  const segments = Object.keys(checkpoint.files).filter((name) => SEGMENT.test(name)).sort();
  segments.forEach((name, k) => {
    if (config.format !== "parquet" || Number(SEGMENT.exec(name)![1]) !== k + 1) at.fail(`files.${name}`, checkpoint.files[name], "no such segment (a Parquet run's are numbered 1, 2, …)");
  });
  const whole = new Set([households, ...segments]);
  const hashes = new Map<string, Hash>();
  for (const [name, record] of Object.entries(checkpoint.files)) {
    if (!whole.has(name) && !appended.has(name)) at.fail(`files.${name}`, record, `a file this run writes (${[...whole, ...appended].join(", ")})`);
    const file = path.join(dir, name);
    const recorded = `${record.bytes} bytes with SHA-256 ${record.sha256.slice(0, 12)}…, as ${CHECKPOINT_FILE} records`;
    const fail = (found: string, allowed: string): never => {
      throw new DamagedFile(file, "(file)", found, `${allowed} (the run wrote them before its checkpoint; restore the file or start the run again)`);
    };
    const size = fs.existsSync(file) ? fs.statSync(file).size : fail("missing", recorded);
    if (whole.has(name) ? size !== record.bytes : size < record.bytes) fail(`${size} bytes`, whole.has(name) ? recorded : `at least ${recorded}`);
    const hash = sha256Prefix(file, record.bytes);
    const sha256 = hash.copy().digest("hex");
    if (sha256 !== record.sha256) fail(`SHA-256 ${sha256.slice(0, 12)}… of its first ${record.bytes} bytes`, recorded);
    if (appended.has(name)) hashes.set(name, hash);
  }
  return hashes;
}
