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

interface Entry {
  key: string;
  model: string;
  response: ChatResponse;
  /** sha256 of JSON.stringify(response): detects truncated or edited entries. */
  checksum: string;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Content-addressed store of model answers. The key hashes everything that determines an answer — backend kind,
 * model, sampling parameters (temperature, max tokens, schema, seed) and the full message list — so a rerun of a
 * recorded experiment finds every answer (`replay`: zero calls, identical outputs), and any change to a prompt
 * misses. One JSON file per entry under `dir/ab/abcdef….json`, written atomically, so concurrent writers and
 * killed runs never leave a torn entry. The API key is never part of a request and so never stored.
 */
export class ResponseCache {
  hits = 0;
  misses = 0;

  constructor(
    readonly dir: string,
    readonly mode: CacheMode,
  ) {}

  static key(backend: string, model: string, request: ChatRequest): string {
    const { messages, maxTokens, temperature, schema, seed } = request;
    return sha256(JSON.stringify({ backend, model, temperature, maxTokens, schema: schema ?? null, seed: seed ?? null, messages }));
  }

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The recorded answer, or undefined (record mode) — replay mode throws CacheMiss instead. */
  get(key: string): ChatResponse | undefined {
    if (this.mode === "off") return undefined;
    const file = this.file(key);
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      this.misses++;
      if (this.mode === "replay") throw new CacheMiss(key, this.dir);
      return undefined;
    }
    let entry: Entry;
    try {
      entry = JSON.parse(text) as Entry;
    } catch (error) {
      throw new CacheDamaged(file, `not JSON: ${(error as Error).message}`);
    }
    if (entry.key !== key) throw new CacheDamaged(file, "its key does not match its name");
    if (typeof entry.response?.content !== "string" || sha256(JSON.stringify(entry.response)) !== entry.checksum) {
      throw new CacheDamaged(file, "checksum mismatch");
    }
    this.hits++;
    return entry.response;
  }

  put(key: string, model: string, response: ChatResponse): void {
    if (this.mode !== "record") return;
    const file = this.file(key);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const entry: Entry = { key, model, response, checksum: sha256(JSON.stringify(response)) };
    writeFileAtomic(file, JSON.stringify(entry));
  }
}
