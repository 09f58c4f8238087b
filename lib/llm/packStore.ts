import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { CacheDamaged, type EntryStore } from "./cache.js";

/** Where one entry's line is: which pack, its bytes, and its line number for messages. */
interface Place {
  pack: number;
  offset: number;
  length: number;
  line: number;
}

/** One append-only file of entries, one JSON line each; its descriptor opened when first read. */
interface Pack {
  file: string;
  fd: number | undefined;
}

/** The file name of a pack: every process that records writes its own, so writers never interleave. */
const PACK_NAME = /^answers-.+\.jsonl$/;
/** The start of an entry's line, where its key is (cache.ts writes `key` first). */
const KEY_PREFIX = /^\{"key":"([0-9a-f]{64})"/;
/** Subdirectories of the one-file-per-entry layout this cache used before (`ab/abcdef….json`). */
const LEGACY_SUBDIRECTORY = /^[0-9a-f]{2}$/;
const NEWLINE = 0x0a;

/**
 * The response cache directory: entries appended as JSON lines to pack files `answers-<time>-<pid>-<random>.jsonl`,
 * one per recording process, so recording an answer is one `write` to an open file instead of a new file and a
 * rename (0.25 ms of CPU per call, measured in bench:llm's recording row), and a 100 × 240 run leaves one file
 * instead of 31,900. Every pack is indexed (key → line) the first time the cache is used; a process sees the entries
 * on disk then and its own. The first line of a key in name order wins, so a directory replays the same way
 * whatever wrote it. A killed writer leaves at most a torn last line, which has no newline and is skipped; a line
 * whose key cannot be read stops the run (CacheDamaged, naming file and line); a line whose answer fails its
 * checksum is reported when it is looked up. Entries of the earlier one-file-per-entry layout in the same directory
 * are still read.
 * @example
 * const store = new PackStore("data/llm-cache");
 * store.write(key, JSON.stringify(entry)); // appended to this process's answers-….jsonl
 * store.read(key); // the same text
 */
export class PackStore implements EntryStore {
  private index: Map<string, Place> | undefined;
  private readonly packs: Pack[] = [];
  private legacy: LegacyEntries | undefined;
  /** This process's pack, created at its first entry: its index in `packs`, its size and lines so far. */
  private own: { pack: number; fd: number; size: number; lines: number } | undefined;

  /** `chunkBytes`: how much of a pack is read at a time while indexing (a cache may outgrow memory); tests use small ones. */
  constructor(
    readonly where: string,
    private readonly chunkBytes = 4 << 20,
  ) {}

  read(key: string): string | undefined {
    const place = this.places().get(key);
    if (place === undefined) return this.legacy?.read(key);
    const pack = this.packs[place.pack];
    pack.fd ??= fs.openSync(pack.file, "r");
    const bytes = Buffer.allocUnsafe(place.length);
    fs.readSync(pack.fd, bytes, 0, place.length, place.offset);
    return bytes.toString("utf8");
  }

  write(key: string, text: string): void {
    const index = this.places();
    const own = (this.own ??= this.createPack());
    const bytes = Buffer.from(`${text}\n`, "utf8");
    for (let done = 0; done < bytes.length; ) done += fs.writeSync(own.fd, bytes, done, bytes.length - done);
    own.lines++;
    if (!index.has(key)) index.set(key, { pack: own.pack, offset: own.size, length: bytes.length - 1, line: own.lines });
    own.size += bytes.length;
  }

  entryName(key: string): string {
    const place = this.places().get(key);
    return place === undefined ? (this.legacy?.entryName(key) ?? this.where) : `${this.packs[place.pack].file} line ${place.line}`;
  }

  /** Close the pack files (the run's end); the store can be used again, reopening them. */
  close(): void {
    for (const pack of this.packs) {
      if (pack.fd !== undefined) fs.closeSync(pack.fd);
      pack.fd = undefined;
    }
    this.packs.length = 0;
    this.index = undefined;
    this.own = undefined;
  }

  /** The index, built at first use from every pack in the directory (and the earlier layout's subdirectories). */
  private places(): Map<string, Place> {
    if (this.index) return this.index;
    const index = new Map<string, Place>();
    const names = fs.existsSync(this.where) ? fs.readdirSync(this.where, { withFileTypes: true }) : [];
    if (names.some((d) => d.isDirectory() && LEGACY_SUBDIRECTORY.test(d.name))) this.legacy = new LegacyEntries(this.where);
    const files = names.filter((d) => d.isFile() && PACK_NAME.test(d.name)).map((d) => path.join(this.where, d.name)).sort();
    files.forEach((file, pack) => indexPack(file, pack, index, this.chunkBytes));
    this.packs.push(...files.map((file) => ({ file, fd: undefined })));
    this.index = index;
    return index;
  }

  private createPack(): { pack: number; fd: number; size: number; lines: number } {
    fs.mkdirSync(this.where, { recursive: true });
    const stamp = String(Date.now()).padStart(13, "0");
    const file = path.join(this.where, `answers-${stamp}-${process.pid}-${randomBytes(4).toString("hex")}.jsonl`);
    const fd = fs.openSync(file, "ax+"); // appended to, and read back by this process
    this.packs.push({ file, fd });
    return { pack: this.packs.length - 1, fd, size: 0, lines: 0 };
  }
}

/** Entries of the one-file-per-entry layout (`dir/ab/abcdef….json`) that caches written before packs hold: read only. */
class LegacyEntries {
  constructor(private readonly where: string) {}

  entryName(key: string): string {
    return path.join(this.where, key.slice(0, 2), `${key}.json`);
  }

  read(key: string): string | undefined {
    const file = this.entryName(key);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  }
}

/**
 * Add a pack's complete lines to `index` (earlier entries of a key win), reading it `chunkBytes` at a time; a torn
 * last line has no newline and is left out.
 */
function indexPack(file: string, pack: number, index: Map<string, Place>, chunkBytes: number): void {
  const fd = fs.openSync(file, "r");
  try {
    let chunk = Buffer.allocUnsafe(chunkBytes);
    let start = 0; // the file offset of chunk[0]
    let filled = 0;
    let line = 1;
    for (;;) {
      const read = fs.readSync(fd, chunk, filled, chunk.length - filled, start + filled);
      filled += read;
      let offset = 0;
      for (let end = chunk.indexOf(NEWLINE, offset); end >= 0 && end < filled; end = chunk.indexOf(NEWLINE, offset)) {
        const key = KEY_PREFIX.exec(chunk.toString("latin1", offset, Math.min(end, offset + 80)))?.[1];
        if (key === undefined) throw new CacheDamaged(`${file} line ${line}`, "no entry key at its start");
        if (!index.has(key)) index.set(key, { pack, offset: start + offset, length: end - offset, line });
        line++;
        offset = end + 1;
      }
      if (read === 0) return;
      if (offset === 0 && filled === chunk.length) {
        // One line longer than the chunk: read on into a larger one.
        const larger = Buffer.allocUnsafe(2 * chunk.length);
        chunk.copy(larger, 0, 0, filled);
        chunk = larger;
      } else {
        chunk.copy(chunk, 0, offset, filled);
        start += offset;
        filled -= offset;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}
