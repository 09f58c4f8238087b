import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../files.js";
import type { ChatRequest, ChatResponse } from "./types.js";

export const CACHE_MODES = ["record", "replay", "off"] as const;
export type CacheMode = (typeof CACHE_MODES)[number];

/** A cache entry that fails its checksum or does not parse: reported, never used. */
export class CacheDamaged extends Error {
  constructor(readonly file: string, problem: string) {
    super(`cache entry ${file} is damaged (${problem}); delete it to record it again`);
    this.name = "CacheDamaged";
  }
}

/** Replay mode found no recorded answer for a request. */
export class CacheMiss extends Error {
  constructor(readonly key: string, readonly dir: string) {
    super(`replay: no recorded response for request ${key.slice(0, 16)}… in ${dir}; record it first with --cache-mode record`);
    this.name = "CacheMiss";
  }
}

/** Where cache entries live, as the JSON text of each: a directory of files, or a recording (lib/llm/recording.ts). */
export interface EntryStore {
  /** The directory or file, for messages. */
  readonly where: string;
  /** The entry's text, or undefined when there is none. */
  read(key: string): string | undefined;
  write(key: string, text: string): void;
  /** How a damaged entry is named in the error (its file). */
  entryName(key: string): string;
}

/**
 * One JSON file per entry under `dir/ab/abcdef….json`, written atomically, so concurrent writers and killed runs
 * never leave a torn entry.
 */
export class DirectoryStore implements EntryStore {
  /** Subdirectories this store has made: one mkdir per directory instead of one per entry written. */
  private readonly made = new Set<string>();

  constructor(readonly where: string) {}

  entryName(key: string): string {
    return path.join(this.where, key.slice(0, 2), `${key}.json`);
  }

  read(key: string): string | undefined {
    const file = this.entryName(key);
    // Recording, nearly every lookup misses: a stat costs a sixth of a failed open and the exception it throws.
    if (!fs.existsSync(file)) return undefined;
    try {
      return fs.readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
  }

  write(key: string, text: string): void {
    const file = this.entryName(key);
    const dir = path.dirname(file);
    if (!this.made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      this.made.add(dir);
    }
    writeFileAtomic(file, text);
  }
}

/** One cache entry as stored: the answer with the SHA-256 of its JSON. */
export interface Entry {
  key: string;
  model: string;
  response: ChatResponse;
  /** sha256 of JSON.stringify(response): detects truncated or edited entries. */
  checksum: string;
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * The entry in `text`, or what is wrong with it: not JSON, filed under another key than its own, or a response
 * whose SHA-256 is not the recorded checksum (truncated or edited).
 */
export function parseEntry(text: string, key: string): Entry | string {
  let entry: Entry;
  try {
    entry = JSON.parse(text) as Entry;
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  if (entry.key !== key) return "its key does not match its name";
  if (typeof entry.response?.content !== "string" || sha256(JSON.stringify(entry.response)) !== entry.checksum) return "checksum mismatch";
  return entry;
}

/**
 * Content-addressed store of model answers. The key hashes everything that determines an answer — backend kind,
 * model, sampling parameters (temperature, max tokens, schema, seed) and the full message list — so a rerun of a
 * recorded experiment finds every answer (`replay`: zero calls, identical outputs), and any change to a prompt
 * misses. Entries live in a directory (DirectoryStore) or, for replays, a recording file. The API key is never part
 * of a request and so never stored.
 */
export class ResponseCache {
  hits = 0;
  misses = 0;
  readonly store: EntryStore;

  constructor(
    store: string | EntryStore,
    readonly mode: CacheMode,
  ) {
    this.store = typeof store === "string" ? new DirectoryStore(store) : store;
  }

  static key(backend: string, model: string, request: ChatRequest): string {
    const { messages, maxTokens, temperature, schema, seed } = request;
    return sha256(JSON.stringify({ backend, model, temperature, maxTokens, schema: schema ?? null, seed: seed ?? null, messages }));
  }

  /** The recorded answer, or undefined (record mode) — replay mode throws CacheMiss instead. */
  get(key: string): ChatResponse | undefined {
    if (this.mode === "off") return undefined;
    const text = this.store.read(key);
    if (text === undefined) {
      this.misses++;
      if (this.mode === "replay") throw new CacheMiss(key, this.store.where);
      return undefined;
    }
    const entry = parseEntry(text, key);
    if (typeof entry === "string") throw new CacheDamaged(this.store.entryName(key), entry);
    this.hits++;
    return entry.response;
  }

  put(key: string, model: string, response: ChatResponse): void {
    if (this.mode !== "record") return;
    const entry: Entry = { key, model, response, checksum: sha256(JSON.stringify(response)) };
    this.store.write(key, JSON.stringify(entry));
  }
}
