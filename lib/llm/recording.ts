import * as fs from "node:fs";
import * as zlib from "node:zlib";
import { UsageError } from "../errors.js";
import { parseEntry, sha256, type EntryStore } from "./cache.js";

/** First line of a recording: what it is, how many entries follow and the SHA-256 of all of them. */
export interface RecordingHeader {
  format: "econagent-recording";
  version: 1;
  entries: number;
  /** SHA-256 of the entry lines joined by "\n" (after the header): catches a dropped or reordered entry. */
  sha256: string;
  /** What made it (the run's policy, model, size and seed), for people reading the file. */
  run: Record<string, unknown>;
}

/** A recording whose bytes, header or an entry fail their checks: named with the file and the entry. */
export class RecordingDamaged extends Error {
  constructor(readonly file: string, problem: string) {
    super(`recording ${file} is damaged: ${problem}; export it again from the run and its cache`);
    this.name = "RecordingDamaged";
  }
}

/**
 * Write a recording: gzip of JSON lines, a header then one cache entry per line exactly as the response cache
 * stores it (key = SHA-256 of the request, response, SHA-256 of the response), sorted by key so the same entries
 * always give the same bytes.
 * @example writeRecording("paper.recording.jsonl.gz", entries, { policy: "llm", model: "gpt-4o-mini" });
 */
export function writeRecording(file: string, entries: ReadonlyMap<string, string>, run: Record<string, unknown>): RecordingHeader {
  const lines = [...entries.keys()].sort().map((key) => entries.get(key)!);
  const body = lines.join("\n");
  const header: RecordingHeader = { format: "econagent-recording", version: 1, entries: lines.length, sha256: sha256(body), run };
  const content = zlib.gzipSync(`${JSON.stringify(header)}\n${body}\n`, { level: 9 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
  return header;
}

/**
 * A recording loaded for `--cache-mode replay --recording FILE`: every entry checked up front (gzip integrity,
 * header, each entry's key and response checksum, the header's digest), so a damaged file stops the run before
 * its first month, naming the entry. Read-only.
 */
export class RecordingStore implements EntryStore {
  readonly header: RecordingHeader;
  private readonly entries = new Map<string, string>();

  constructor(readonly where: string) {
    if (!fs.existsSync(where)) throw new UsageError("--recording", where, "an existing recording file (made by econagent recording export)");
    let text: string;
    try {
      text = zlib.gunzipSync(fs.readFileSync(where)).toString("utf8");
    } catch (error) {
      throw new RecordingDamaged(where, `not a readable gzip file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const lines = text.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    let header: RecordingHeader;
    try {
      header = JSON.parse(lines[0]) as RecordingHeader;
    } catch {
      throw new RecordingDamaged(where, "its header is not JSON");
    }
    if (header.format !== "econagent-recording" || header.version !== 1) throw new RecordingDamaged(where, "not an econagent recording (version 1)");
    const body = lines.slice(1);
    body.forEach((line, k) => {
      const key = (/^\{"key":"([0-9a-f]{64})"/.exec(line) ?? [])[1] ?? "";
      const entry = parseEntry(line, key);
      if (typeof entry === "string") throw new RecordingDamaged(where, `entry ${k + 1} of ${header.entries}${key ? ` (key ${key.slice(0, 16)}…)` : ""}: ${entry}`);
      this.entries.set(key, line);
    });
    if (body.length !== header.entries) throw new RecordingDamaged(where, `its header lists ${header.entries} entries, the file holds ${body.length}`);
    if (sha256(body.join("\n")) !== header.sha256) throw new RecordingDamaged(where, "its entries do not match the header's SHA-256");
    this.header = header;
  }

  read(key: string): string | undefined {
    return this.entries.get(key);
  }

  /** Refuses: a recording is read-only. */
  write(): void {
    throw new Error(`recording ${this.where} is read-only (replay mode)`);
  }

  entryName(key: string): string {
    return `${this.where} (key ${key.slice(0, 16)}…)`;
  }
}

/** Keeps every entry a replay reads from `store`: what a recording of the run must hold. */
export class CollectingStore implements EntryStore {
  readonly used = new Map<string, string>();

  constructor(private readonly store: EntryStore) {}

  get where(): string {
    return this.store.where;
  }

  read(key: string): string | undefined {
    const text = this.store.read(key);
    if (text !== undefined) this.used.set(key, text);
    return text;
  }

  /** Passes the entry on to the store it wraps. */
  write(key: string, text: string): void {
    this.store.write(key, text);
  }

  entryName(key: string): string {
    return this.store.entryName(key);
  }

  close(): void {
    this.store.close?.();
  }
}
