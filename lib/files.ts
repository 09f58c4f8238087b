import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * A file-system error's code (ENOENT, EACCES, …), or the error as text when it has none.
 * @example
 * try { fs.readFileSync("missing.txt"); } catch (error) { errorCode(error); } // "ENOENT"
 */
export const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? String(error);

/**
 * Create `dir` if needed and prove a file can be written in it: null when it can, else why not (the error code).
 * @example
 * writableDirectoryProblem("runs/cats"); // null
 * writableDirectoryProblem("README.md/cache"); // "ENOTDIR"
 */
export function writableDirectoryProblem(dir: string): string | null {
  try {
    fs.mkdirSync(dir, { recursive: true });
    // Named by host and pid too: Slurm tasks on several nodes may probe one shared directory at once.
    const probe = path.join(dir, `.write-test-${os.hostname()}-${process.pid}-${randomBytes(4).toString("hex")}`);
    fs.writeFileSync(probe, "");
    fs.rmSync(probe);
    return null;
  } catch (error) {
    return errorCode(error);
  }
}

/** Write a file so that readers see either the old content or the whole new content, never a torn write. */
export function writeFileAtomic(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
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
 * An append-only file written synchronously line batch by line batch: after a crash everything appended so
 * far is on disk. `size` is the byte length written so far (a checkpoint records it).
 */
export class AppendFile {
  private readonly fd: number;
  size: number;

  /** A new file starting with `header`. */
  static create(file: string, header: string): AppendFile {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const f = new AppendFile(file, fs.openSync(file, "w"), 0);
    f.append(header);
    return f;
  }

  /** Continue a file from a checkpoint: anything written after `size` bytes (a month cut short) is dropped. */
  static resume(file: string, size: number): AppendFile {
    const actual = fs.statSync(file).size;
    if (actual < size) throw new Error(`${file} is shorter (${actual} bytes) than its checkpoint says (${size})`);
    fs.truncateSync(file, size);
    return new AppendFile(file, fs.openSync(file, "a"), size);
  }

  private constructor(readonly file: string, fd: number, size: number) {
    this.fd = fd;
    this.size = size;
  }

  /** Append text (UTF-8) at the end of the file. */
  append(text: string): void {
    if (text.length > 0) this.size += fs.writeSync(this.fd, text);
  }
  /** Append bytes at the end of the file. */
  appendBytes(bytes: Uint8Array): void {
    if (bytes.length > 0) this.size += fs.writeSync(this.fd, bytes);
  }
  /** Close the file. */
  close(): void {
    fs.closeSync(this.fd);
  }
}
