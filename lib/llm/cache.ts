import { createHash } from "node:crypto";
import { redact } from "../redact.js";
import type { ChatRequest, ChatResponse } from "./types.js";

/**
 * What a run does with the response cache: `record` (reuse and add), `replay` (reuse only; a miss is an error) or `off`.
 * @example
 * CACHE_MODES[0]; // "record", the default
 */
export const CACHE_MODES = ["record", "replay", "off"] as const;
/** One of {@link CACHE_MODES}. */
export type CacheMode = (typeof CACHE_MODES)[number];

/** What stops a run from the response cache (the others a failed call turns into a household's fallback). */
export class CacheError extends Error {}

/** A cache entry that fails its checksum or does not parse: reported, never used. */
export class CacheDamaged extends CacheError {
  constructor(readonly file: string, problem: string) {
    super(`cache entry ${file} is damaged (${problem}); delete it to record it again`);
    this.name = "CacheDamaged";
  }
}

/** Replay mode found no recorded answer for a request. */
export class CacheMiss extends CacheError {
  constructor(readonly key: string, readonly dir: string) {
    super(`replay: no recorded response for request ${key.slice(0, 16)}… in ${dir}; record it first with --cache-mode record`);
    this.name = "CacheMiss";
  }
}

/**
 * An answer could not be recorded (a full disk, lost permissions): the run stops, resumable, rather than carry on
 * without recording (`--resume` asks that call again).
 */
export class CacheUnwritable extends CacheError {
  constructor(readonly file: string, code: string) {
    super(`cannot record an answer in ${file} (${code}); free space or fix the permissions, then --resume`);
    this.name = "CacheUnwritable";
  }
}

/** Where cache entries live, as the JSON text of each: a cache directory (lib/llm/packStore.ts), or a recording (lib/llm/recording.ts). */
export interface EntryStore {
  /** The directory or file, for messages. */
  readonly where: string;
  /** The entry's text, or undefined when there is none. */
  read(key: string): string | undefined;
  /** Store an entry's text under its key. */
  write(key: string, text: string): void;
  /** How a damaged entry is named in the error (its file, and line). */
  entryName(key: string): string;
  /** Release open files at the run's end. */
  close?(): void;
}

/** One cache entry as stored: the answer with the SHA-256 of its JSON. */
export interface Entry {
  key: string;
  model: string;
  response: ChatResponse;
  /** sha256 of JSON.stringify(response): detects truncated or edited entries. */
  checksum: string;
}

/**
 * The SHA-256 of a text, as 64 hex digits: cache keys and entry checksums.
 * @example
 * sha256("").slice(0, 8); // "e3b0c442"
 */
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
 * misses. Entries live in a cache directory (PackStore) or, for replays, a recording file. The API key is never
 * part of a request, and is redacted from answers, so never stored.
 */
export class ResponseCache {
  hits = 0;
  misses = 0;

  constructor(
    readonly store: EntryStore,
    readonly mode: CacheMode,
  ) {}

  /** The cache key of a request: the SHA-256 of (backend kind, model, temperature, max tokens, schema, seed, messages). */
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

  /** Record an answer (record mode), its text redacted (lib/redact.ts) before its checksum is taken. */
  put(key: string, model: string, answer: ChatResponse): void {
    if (this.mode !== "record") return;
    const response = { ...answer, content: redact(answer.content) };
    const entry: Entry = { key, model, response, checksum: sha256(JSON.stringify(response)) };
    this.store.write(key, JSON.stringify(entry));
  }

  /** The run's end: the store closes its files (lookups miss from then on). */
  close(): void {
    this.store.close?.();
  }
}
