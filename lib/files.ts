import { createHash, randomBytes, type Hash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { redact } from "./redact.js";

/**
 * A file-system error's code (ENOENT, EACCES, …), or the error as text when it has none.
 * @example
 * try { fs.readFileSync("missing.txt"); } catch (error) { errorCode(error); } // "ENOENT"
 */
export const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? String(error);

/**
 * Create `dir` and its missing parents one level at a time, without `fs.mkdirSync(dir, { recursive: true })`:
 * Node's recursive mkdir retries forever where mkdir fails with ENOENT under a parent that exists (/proc), so
 * `--out /proc/x` would hang. Walks up to the first existing ancestor (which must be a directory), then creates
 * each level; throws the file-system error of the first level that cannot be made (ENOENT, EACCES, ENOTDIR, …).
 * Returns whether this call made `dir` itself (false when it existed, or another process made it meanwhile).
 * @example
 * makeDirectory("runs/cats/seed-1"); // true: creates runs, runs/cats, runs/cats/seed-1 as needed
 * makeDirectory("/proc/x"); // throws ENOENT at once
 */
export function makeDirectory(dir: string): boolean {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(at);
    } catch (error) {
      if (errorCode(error) !== "ENOENT") throw error;
    }
    if (stat !== undefined) {
      if (!stat.isDirectory()) throw Object.assign(new Error(`${at} is not a directory`), { code: missing.length > 0 ? "ENOTDIR" : "EEXIST" });
      break;
    }
    const parent = path.dirname(at);
    if (parent === at) break; // a root that does not exist (a missing drive): mkdir below says why
    missing.push(at);
    at = parent;
  }
  let made = false;
  for (const level of missing.reverse()) {
    try {
      fs.mkdirSync(level);
      made = true;
    } catch (error) {
      // Made meanwhile by another process (shard tasks start at once): fine if it is a directory.
      if (errorCode(error) !== "EEXIST" || !fs.statSync(level).isDirectory()) throw error;
      made = false;
    }
  }
  return made;
}

/**
 * Create `dir` if needed ({@link makeDirectory}) and prove a file can be written in it: null when it can, else
 * why not (the error code). Every directory a command is told to write to goes through it before anything else.
 * @example
 * writableDirectoryProblem("runs/cats"); // null
 * writableDirectoryProblem("README.md/cache"); // "ENOTDIR"
 * writableDirectoryProblem("/proc/x"); // "ENOENT", at once
 */
export function writableDirectoryProblem(dir: string): string | null {
  try {
    // A directory this call made is on a file system that takes new entries: asking for write permission is
    // enough (creating a probe file costs as much as a small run's output file).
    if (makeDirectory(dir)) {
      fs.accessSync(dir, fs.constants.W_OK);
      return null;
    }
    // Named by host and pid too: Slurm tasks on several nodes may probe one shared directory at once.
    const probe = path.join(dir, `.write-test-${os.hostname()}-${process.pid}-${randomBytes(4).toString("hex")}`);
    fs.writeFileSync(probe, "");
    fs.rmSync(probe);
    return null;
  } catch (error) {
    return errorCode(error);
  }
}

/** Write a file so that readers see either the old content or the whole new content, never a torn write; text with its keys redacted (lib/redact.ts). */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, typeof content === "string" ? redact(content) : content);
  fs.renameSync(tmp, file);
}

/**
 * Delete what interrupted atomic writes left in `dir` (`<file>.<pid>.tmp`, see {@link writeFileAtomic}): a process
 * killed between writing and renaming leaves its temporary file, which a resumed run must not keep.
 * @example
 * removeInterruptedWrites("runs/cats-seed1"); // ["manifest.json.4242.tmp"] after a kill -9 mid-write
 */
export function removeInterruptedWrites(dir: string): string[] {
  const stale = fs.readdirSync(dir).filter((name) => /\.\d+\.tmp$/.test(name));
  for (const name of stale) fs.rmSync(path.join(dir, name), { force: true });
  return stale;
}

/**
 * Write `value` as indented JSON with {@link writeFileAtomic}: readers see the old file or the new one, never half.
 * @example
 * writeJsonAtomic("runs/c1/manifest.json", { status: "running" });
 */
export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, JSON.stringify(value, null, 2) + "\n");
}

/**
 * SHA-256 over a file's first `bytes` bytes (all of it by default), read in blocks so a file of gigabytes never
 * sits in memory; the hash is returned unfinished, so an {@link AppendFile} can go on from it.
 * @example
 * sha256Prefix("runs/c1/monthly.csv", 4096).digest("hex"); // the digest a checkpoint recorded for those bytes
 */
export function sha256Prefix(file: string, bytes?: number): Hash {
  const hash = createHash("sha256");
  const fd = fs.openSync(file, "r");
  try {
    const end = bytes ?? fs.fstatSync(fd).size;
    const block = Buffer.allocUnsafe(Math.min(1 << 22, Math.max(end, 1)));
    for (let at = 0; at < end; ) {
      const read = fs.readSync(fd, block, 0, Math.min(block.length, end - at), at);
      if (read === 0) break;
      hash.update(block.subarray(0, read));
      at += read;
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash;
}

/**
 * An append-only file. Appended bytes are written (synchronously) in batches: when {@link APPEND_BATCH_BYTES} are
 * waiting, when {@link APPEND_BATCH_MS} have passed since the last write, and at every {@link AppendFile.flush}
 * and {@link AppendFile.close} — a run flushes before each checkpoint and before it is marked complete, so after
 * kill -9 everything up to the last checkpoint (what a resume keeps) is on disk, and at most the last second
 * beyond it is missing. One write per month cost a 100 × 240 run 240 system calls, a tenth of its time.
 * `size` is the byte length appended so far and {@link AppendFile.digest} the SHA-256 of those bytes (a
 * checkpoint records both, after a flush, and a resumed run checks the file against them). Text is written with
 * its keys redacted (lib/redact.ts).
 */
export class AppendFile {
  private readonly fd: number;
  size: number;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private writtenAt = Date.now();

  /** A new file starting with `header`. */
  static create(file: string, header: string): AppendFile {
    makeDirectory(path.dirname(file));
    const f = new AppendFile(file, fs.openSync(file, "w"), 0, createHash("sha256"));
    f.append(header);
    return f;
  }

  /**
   * Continue a file from a checkpoint: anything written after `size` bytes (a month cut short) is dropped.
   * `hash` has read those `size` bytes (see {@link sha256Prefix}; the caller compared it with the checkpoint's).
   */
  static resume(file: string, size: number, hash: Hash): AppendFile {
    const actual = fs.statSync(file).size;
    if (actual < size) throw new Error(`${file} is shorter (${actual} bytes) than its checkpoint says (${size})`);
    fs.truncateSync(file, size);
    return new AppendFile(file, fs.openSync(file, "a"), size, hash);
  }

  private constructor(
    readonly file: string,
    fd: number,
    size: number,
    private readonly hash: Hash,
  ) {
    this.fd = fd;
    this.size = size;
  }

  /** Append text (UTF-8) at the end of the file. */
  append(text: string): void {
    if (text.length > 0) this.appendBytes(Buffer.from(redact(text)));
  }
  /** Append bytes at the end of the file. */
  appendBytes(bytes: Uint8Array): void {
    this.hash.update(bytes);
    this.size += bytes.length;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= APPEND_BATCH_BYTES || Date.now() - this.writtenAt >= APPEND_BATCH_MS) this.flush();
  }
  /** Write what is waiting. */
  flush(): void {
    if (this.pendingBytes > 0) {
      const bytes = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
      for (let at = 0; at < bytes.length; ) at += fs.writeSync(this.fd, bytes, at);
    }
    this.pending = [];
    this.pendingBytes = 0;
    this.writtenAt = Date.now();
  }
  /** SHA-256 (hex) of the bytes appended so far. */
  digest(): string {
    return this.hash.copy().digest("hex");
  }
  /** Write what is waiting and close the file (closed even when that write fails). */
  close(): void {
    try {
      this.flush();
    } finally {
      fs.closeSync(this.fd);
    }
  }
}

/** {@link AppendFile} writes when this many bytes are waiting… */
export const APPEND_BATCH_BYTES = 1 << 20;
/** …or when this many milliseconds have passed since its last write. */
export const APPEND_BATCH_MS = 1000;
