import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { errorCode, makeDirectory } from "../files.js";
import { CacheDamaged, CacheUnwritable, type EntryStore } from "./cache.js";

/** Where one entry's line is: which pack, its bytes, and its line number for messages. */
interface Place {
  pack: number;
  offset: number;
  length: number;
  line: number;
}

/** One append-only file of entries, one JSON line each: how far it is indexed, and its descriptor once read. */
interface Pack {
  file: string;
  fd: number | undefined;
  /** Bytes indexed so far: up to the end of its last complete line. */
  indexed: number;
  /** Complete lines so far. */
  lines: number;
  /** Deleted since it was indexed: its entries are misses now. */
  gone: boolean;
}

/** The file name of a pack: every run that records writes its own, so writers never interleave. */
const PACK_NAME = /^answers-.+\.jsonl$/;
/** The start of an entry's line, where its key is (cache.ts writes `key` first). */
const KEY_PREFIX = /^\{"key":"([0-9a-f]{64})"/;
/** Subdirectories of the one-file-per-entry layout this cache used before (`ab/abcdef….json`). */
const LEGACY_SUBDIRECTORY = /^[0-9a-f]{2}$/;
const NEWLINE = 0x0a;

/** Tuning of a {@link PackStore}, mostly for tests. */
export interface PackStoreOptions {
  /** How much of a pack is read at a time while indexing (a cache may outgrow memory); tests use small ones. */
  chunkBytes?: number;
  /** After a miss, look again for what other runs appended if this long has passed since the last look (100 ms). */
  refreshMs?: number;
  /** The clock, in ms (default `Date.now`). */
  now?: () => number;
}

/**
 * The response cache directory: entries appended as JSON lines to pack files `answers-<time>-<pid>-<random>.jsonl`,
 * one per run that records (a resumed run and each sweep cell start their own), so recording an answer is one
 * `write` to an open file instead of a new file and a rename (0.25 ms of CPU per call, measured in bench:llm's
 * recording row), and a 100 × 240 run leaves one file instead of 31,900. Every pack is indexed (key → line) the
 * first time the cache is used; after a miss, what other runs appended since is indexed too, at most once every
 * `refreshMs`, so runs recording side by side share the answers already recorded. Two runs that ask the same
 * request at the same moment (both in flight, or within `refreshMs`) each keep their own answer; the first line of a
 * key wins (packs in name order at the first look), so a replay serves the first pack's. A killed writer leaves at
 * most a torn last line, which has no newline and is skipped, as are empty lines; a line whose key cannot be read
 * stops the run (CacheDamaged, naming line and file); a line whose answer fails its checksum is reported when it is
 * looked up; a pack deleted meanwhile is a miss. A failed write stops the run (CacheUnwritable) and leaves the pack
 * as it was. Entries of the earlier one-file-per-entry layout in the same directory are still read.
 * @example
 * const store = new PackStore("data/llm-cache");
 * store.write(key, JSON.stringify(entry)); // appended to this run's answers-….jsonl
 * store.read(key); // the same text
 * store.close();
 */
export class PackStore implements EntryStore {
  private index: Map<string, Place> | undefined;
  private readonly packs: Pack[] = [];
  private legacy: LegacyEntries | undefined;
  /** This run's pack, created at its first entry: its place in `packs` and its open descriptor. */
  private own: { pack: number; fd: number } | undefined;
  private lastLook = 0;
  private closed = false;
  private readonly chunkBytes: number;
  private readonly refreshMs: number;
  private readonly now: () => number;

  constructor(
    readonly where: string,
    options: PackStoreOptions = {},
  ) {
    this.chunkBytes = options.chunkBytes ?? 4 << 20;
    this.refreshMs = options.refreshMs ?? 100;
    this.now = options.now ?? Date.now;
  }

  read(key: string): string | undefined {
    if (this.closed) return undefined;
    const index = this.places();
    let place = index.get(key);
    if (place === undefined && this.now() - this.lastLook >= this.refreshMs) {
      this.look(index);
      place = index.get(key);
    }
    if (place === undefined) return this.legacy?.read(key);
    const pack = this.packs[place.pack];
    if (pack.fd === undefined) pack.fd = this.openPack(pack, place.pack, index);
    if (pack.fd === undefined) return this.legacy?.read(key);
    const bytes = Buffer.allocUnsafe(place.length);
    const read = fs.readSync(pack.fd, bytes, 0, place.length, place.offset);
    if (read < place.length) throw new CacheDamaged(this.entryName(key), `cut short to ${read} of ${place.length} bytes since it was indexed`);
    return bytes.toString("utf8");
  }

  /** Append an entry; after {@link close} (answers still in flight when a run ends) one open-append-close each. */
  write(key: string, text: string): void {
    const bytes = Buffer.from(`${text}\n`, "utf8");
    if (this.closed) return this.appendAfterClose(bytes);
    const index = this.places();
    const own = (this.own ??= this.createPack());
    const pack = this.packs[own.pack];
    try {
      for (let done = 0; done < bytes.length; ) done += fs.writeSync(own.fd, bytes, done, bytes.length - done);
    } catch (error) {
      // A part written is cut off again, so the pack's lines stay where the index has them (if even that fails,
      // the part has no newline: a torn line to readers). Answers still in flight go to a new pack.
      this.own = undefined;
      fs.closeSync(own.fd);
      pack.fd = undefined;
      truncateQuietly(pack.file, pack.indexed);
      throw new CacheUnwritable(pack.file, errorCode(error));
    }
    pack.lines++;
    if (!index.has(key)) index.set(key, { pack: own.pack, offset: pack.indexed, length: bytes.length - 1, line: pack.lines });
    pack.indexed += bytes.length;
  }

  entryName(key: string): string {
    const place = this.index?.get(key);
    return place === undefined ? (this.legacy?.entryName(key) ?? this.where) : `line ${place.line} of ${this.packs[place.pack].file}`;
  }

  /** Close the pack files (the run's end). Later lookups miss; later entries are still appended to this run's pack. */
  close(): void {
    for (const pack of this.packs) {
      if (pack.fd !== undefined) fs.closeSync(pack.fd);
      pack.fd = undefined;
    }
    this.closed = true;
  }

  /** The index, built at the first use from every pack in the directory (and the earlier layout's subdirectories). */
  private places(): Map<string, Place> {
    if (this.index) return this.index;
    const index = new Map<string, Place>();
    this.look(index);
    this.index = index;
    return index;
  }

  /** Index packs new to this store (in name order) and what the others' writers appended since the last look. */
  private look(index: Map<string, Place>): void {
    this.lastLook = this.now();
    const names = fs.existsSync(this.where) ? fs.readdirSync(this.where, { withFileTypes: true }) : [];
    if (this.legacy === undefined && names.some((d) => d.isDirectory() && LEGACY_SUBDIRECTORY.test(d.name))) this.legacy = new LegacyEntries(this.where);
    const known = new Set(this.packs.map((p) => p.file));
    const added = names.filter((d) => d.isFile() && PACK_NAME.test(d.name)).map((d) => path.join(this.where, d.name)).filter((f) => !known.has(f)).sort();
    this.packs.push(...added.map((file) => ({ file, fd: undefined, indexed: 0, lines: 0, gone: false })));
    this.packs.forEach((pack, k) => {
      if (k === this.own?.pack || pack.gone) return;
      try {
        indexPack(pack, k, index, this.chunkBytes);
      } catch (error) {
        if (error instanceof CacheDamaged) throw error;
        if (errorCode(error) === "ENOENT") forget(pack, k, index);
        else throw new CacheDamaged(pack.file, `unreadable: ${errorCode(error)}`);
      }
    });
  }

  /** A pack's descriptor for reading, or undefined when it was deleted (its entries then forgotten). */
  private openPack(pack: Pack, k: number, index: Map<string, Place>): number | undefined {
    try {
      return fs.openSync(pack.file, "r");
    } catch (error) {
      if (errorCode(error) !== "ENOENT") throw new CacheDamaged(pack.file, `unreadable: ${errorCode(error)}`);
      forget(pack, k, index);
      return undefined;
    }
  }

  private createPack(): { pack: number; fd: number } {
    const stamp = String(Date.now()).padStart(13, "0");
    const file = path.join(this.where, `answers-${stamp}-${process.pid}-${randomBytes(4).toString("hex")}.jsonl`);
    let fd: number;
    try {
      makeDirectory(this.where);
      fd = fs.openSync(file, "ax+"); // appended to, and read back by this run
    } catch (error) {
      throw new CacheUnwritable(file, errorCode(error));
    }
    this.packs.push({ file, fd, indexed: 0, lines: 0, gone: false });
    return { pack: this.packs.length - 1, fd };
  }

  private appendAfterClose(bytes: Buffer): void {
    const file = this.own === undefined ? undefined : this.packs[this.own.pack].file;
    if (file === undefined) return; // this run recorded nothing while open: no pack to add to
    try {
      fs.appendFileSync(file, bytes);
    } catch (error) {
      throw new CacheUnwritable(file, errorCode(error));
    }
  }
}

/** A deleted pack: its entries leave the index, so their keys are misses (and recorded again). */
function forget(pack: Pack, k: number, index: Map<string, Place>): void {
  pack.gone = true;
  for (const [key, place] of index) if (place.pack === k) index.delete(key);
}

/** Cut a pack back to `size` bytes if it can be; a pack that cannot be is left with a torn tail, which readers skip. */
function truncateQuietly(file: string, size: number): void {
  try {
    fs.truncateSync(file, size);
  } catch {
    return;
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
 * Index a pack's complete lines from where its indexing stopped, reading `chunkBytes` at a time: keys not yet in
 * `index` are added (earlier lines win); empty lines are skipped; a torn last line has no newline and waits.
 */
function indexPack(pack: Pack, k: number, index: Map<string, Place>, chunkBytes: number): void {
  const fd = fs.openSync(pack.file, "r");
  try {
    let chunk = Buffer.allocUnsafe(chunkBytes);
    let start = pack.indexed; // the file offset of chunk[0]
    let filled = 0;
    for (;;) {
      const read = fs.readSync(fd, chunk, filled, chunk.length - filled, start + filled);
      filled += read;
      let offset = 0;
      for (let end = chunk.indexOf(NEWLINE, offset); end >= 0 && end < filled; end = chunk.indexOf(NEWLINE, offset)) {
        pack.lines++;
        if (end > offset) {
          const key = KEY_PREFIX.exec(chunk.toString("latin1", offset, Math.min(end, offset + 80)))?.[1];
          if (key === undefined) throw new CacheDamaged(`line ${pack.lines} of ${pack.file}`, "no entry key at its start");
          if (!index.has(key)) index.set(key, { pack: k, offset: start + offset, length: end - offset, line: pack.lines });
        }
        offset = end + 1;
        pack.indexed = start + offset;
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
