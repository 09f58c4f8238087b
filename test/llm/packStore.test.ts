import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { CacheDamaged, CacheUnwritable, ResponseCache, sha256, type Entry } from "../../lib/llm/cache.js";
import { PackStore } from "../../lib/llm/packStore.js";
import type { ChatRequest } from "../../lib/llm/types.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-pack-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const request = (k: number): ChatRequest => ({ messages: [{ role: "user", content: `month ${k}: how much do you work?` }], temperature: 0, maxTokens: 50 });
const keyOf = (k: number) => ResponseCache.key("openai", "m", request(k));
const answer = (k: number, text = `{"work": 0.${k}}`) => ({ content: text, usage: { inputTokens: 10 + k, outputTokens: 5, cachedTokens: 0 } });
const packsIn = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort();
/** The entry's text as the cache writes it: key first, the answer's SHA-256 last. */
const entryText = (k: number, text?: string) => {
  const response = answer(k, text);
  const entry: Entry = { key: keyOf(k), model: "m", response, checksum: sha256(JSON.stringify(response)) };
  return JSON.stringify(entry);
};

test("entries are appended to one pack per writer, one line each, and read back by a later process's index", () => {
  const dir = path.join(tmp, "roundtrip");
  const writer = new ResponseCache(new PackStore(dir), "record");
  for (let k = 0; k < 3; k++) {
    assert.equal(writer.get(keyOf(k)), undefined);
    writer.put(keyOf(k), "m", answer(k));
  }
  assert.deepEqual(writer.get(keyOf(1)), answer(1), "the writer reads its own entries");
  writer.close();
  const [pack] = packsIn(dir);
  assert.match(pack, /^answers-\d{13}-\d+-[0-9a-f]{8}\.jsonl$/);
  assert.equal(fs.readFileSync(path.join(dir, pack), "utf8"), [0, 1, 2].map((k) => `${entryText(k)}\n`).join(""));

  const reader = new ResponseCache(new PackStore(dir), "replay");
  assert.deepEqual([0, 1, 2].map((k) => reader.get(keyOf(k))), [0, 1, 2].map((k) => answer(k)));
  assert.equal(reader.hits, 3);
  const again = new PackStore(dir);
  again.read(keyOf(2));
  assert.equal(again.entryName(keyOf(2)), `line 3 of ${path.join(dir, pack)}`);
});

test("two writers never share a file; a key both recorded replays the first pack's answer", () => {
  const dir = path.join(tmp, "two-writers");
  const a = new PackStore(dir);
  const b = new PackStore(dir);
  a.write(keyOf(0), entryText(0, "from a"));
  b.write(keyOf(0), entryText(0, "from b"));
  b.write(keyOf(1), entryText(1));
  a.close();
  b.close();
  const packs = packsIn(dir);
  assert.equal(packs.length, 2);
  const first = fs.readFileSync(path.join(dir, packs[0]), "utf8").includes("from a") ? "from a" : "from b";
  const cache = new ResponseCache(new PackStore(dir), "replay");
  assert.equal(cache.get(keyOf(0))!.content, first);
  assert.deepEqual(cache.get(keyOf(1)), answer(1));
});

test("a torn last line (a killed writer) is skipped; the entries before it are read", () => {
  const dir = path.join(tmp, "torn");
  const store = new PackStore(dir);
  store.write(keyOf(0), entryText(0));
  store.close();
  const file = path.join(dir, packsIn(dir)[0]);
  fs.appendFileSync(file, entryText(1).slice(0, 120)); // the whole key, and no newline
  const cache = new ResponseCache(new PackStore(dir), "record");
  assert.deepEqual(cache.get(keyOf(0)), answer(0));
  assert.equal(cache.get(keyOf(1)), undefined);
  assert.throws(() => new ResponseCache(new PackStore(dir), "replay").get(keyOf(1)), /replay: no recorded response/);
});

test("a line without an entry key stops the cache at first use, naming file and line; a bad answer when looked up", () => {
  const dir = path.join(tmp, "damaged");
  const store = new PackStore(dir);
  store.write(keyOf(0), entryText(0));
  store.write(keyOf(1), entryText(1));
  store.close();
  const file = path.join(dir, packsIn(dir)[0]);
  const [first, second] = fs.readFileSync(file, "utf8").split("\n");
  fs.writeFileSync(file, `${first}\n${second.replace('"content":"', '"content":"X')}\n`);
  const edited = new ResponseCache(new PackStore(dir), "replay");
  assert.deepEqual(edited.get(keyOf(0)), answer(0));
  assert.throws(() => edited.get(keyOf(1)), (e: unknown) => e instanceof CacheDamaged && e.message === `cache entry line 2 of ${file} is damaged (checksum mismatch); delete it to record it again`);
  fs.writeFileSync(file, `${first}\nnot an entry\n`);
  assert.throws(() => new PackStore(dir).read(keyOf(0)), (e: unknown) => e instanceof CacheDamaged && e.message.startsWith(`cache entry line 2 of ${file} is damaged (no entry key at its start)`));
});

test("entries of the earlier one-file-per-entry layout are still read; new entries go to a pack beside them", () => {
  const dir = path.join(tmp, "legacy");
  fs.mkdirSync(path.join(dir, keyOf(0).slice(0, 2)), { recursive: true });
  fs.writeFileSync(path.join(dir, keyOf(0).slice(0, 2), `${keyOf(0)}.json`), entryText(0));
  const cache = new ResponseCache(new PackStore(dir), "record");
  assert.deepEqual(cache.get(keyOf(0)), answer(0));
  assert.equal(cache.get(keyOf(1)), undefined);
  cache.put(keyOf(1), "m", answer(1));
  cache.close();
  assert.equal(packsIn(dir).length, 1);
  const replay = new ResponseCache(new PackStore(dir), "replay");
  assert.deepEqual([replay.get(keyOf(0)), replay.get(keyOf(1))], [answer(0), answer(1)]);
});

test("a cache directory that does not exist yet is empty, and is made at the first entry", () => {
  const dir = path.join(tmp, "new", "cache");
  const cache = new ResponseCache(new PackStore(dir), "record");
  assert.equal(cache.get(keyOf(0)), undefined);
  assert.equal(fs.existsSync(dir), false, "looking up makes nothing");
  cache.put(keyOf(0), "m", answer(0));
  assert.equal(packsIn(dir).length, 1);
});

test("indexing reads a pack in chunks: lines across chunk boundaries and lines longer than a chunk index the same", () => {
  const dir = path.join(tmp, "chunks");
  const writer = new PackStore(dir);
  const text = (k: number) => entryText(k, "é€𝄞".repeat(k)); // 2-, 3- and 4-byte UTF-8: offsets are bytes
  for (let k = 0; k < 50; k++) writer.write(keyOf(k), text(k));
  writer.close();
  const whole = new PackStore(dir);
  for (const chunkBytes of [64, 333, 700, 4096]) {
    const store = new PackStore(dir, { chunkBytes });
    for (let k = 0; k < 50; k++) {
      assert.equal(store.read(keyOf(k)), text(k), `entry ${k}, chunks of ${chunkBytes} bytes`);
      whole.read(keyOf(k));
      assert.equal(store.entryName(keyOf(k)), whole.entryName(keyOf(k)));
    }
    store.close();
  }
});

/** Descriptors this process has open (Linux). */
const openFiles = () => fs.readdirSync("/proc/self/fd").length;

test("a key written twice in one pack replays its first line; empty lines are skipped", () => {
  const dir = path.join(tmp, "twice");
  const store = new PackStore(dir);
  store.write(keyOf(0), entryText(0, "first"));
  store.write(keyOf(0), entryText(0, "second"));
  assert.equal(store.read(keyOf(0)), entryText(0, "first"));
  store.close();
  fs.appendFileSync(path.join(dir, packsIn(dir)[0]), `\n\n${entryText(1)}\n`);
  const reader = new PackStore(dir);
  assert.equal(reader.read(keyOf(0)), entryText(0, "first"));
  assert.equal(reader.read(keyOf(1)), entryText(1));
  assert.equal(reader.entryName(keyOf(1)), `line 5 of ${path.join(dir, packsIn(dir)[0])}`);
});

test("close() closes every pack; an answer arriving after it is still appended, lookups then miss", () => {
  const dir = path.join(tmp, "close");
  const before = openFiles();
  const store = new PackStore(dir);
  store.write(keyOf(0), entryText(0));
  assert.equal(store.read(keyOf(0)), entryText(0));
  assert.equal(openFiles(), before + 1, "one descriptor: the run's own pack, written and read back");
  store.close();
  assert.equal(openFiles(), before);
  store.write(keyOf(1), entryText(1));
  assert.equal(openFiles(), before, "no descriptor left open by a late answer");
  assert.equal(store.read(keyOf(0)), undefined);
  assert.deepEqual(packsIn(dir).length, 1);
  const reader = new PackStore(dir);
  assert.deepEqual([reader.read(keyOf(0)), reader.read(keyOf(1))], [entryText(0), entryText(1)]);
});

test("runs recording side by side share answers: after a miss, what the others appended is indexed (at most once per refreshMs)", () => {
  const dir = path.join(tmp, "side-by-side");
  let clock = 0;
  const a = new PackStore(dir, { refreshMs: 1000, now: () => clock });
  const b = new PackStore(dir, { refreshMs: 1000, now: () => clock });
  a.write(keyOf(0), entryText(0, "from a")); // a's pack exists before b first looks
  assert.equal(b.read(keyOf(9)), undefined, "b indexes the directory at its first lookup");
  a.write(keyOf(1), entryText(1, "from a"));
  clock = 500;
  assert.equal(b.read(keyOf(1)), undefined, "within refreshMs of the last look: not looked for");
  clock = 1000;
  assert.equal(b.read(keyOf(1)), entryText(1, "from a"), "a's answer, appended since, is found");
  const c = new PackStore(dir, { refreshMs: 1000, now: () => clock });
  c.write(keyOf(2), entryText(2, "from c")); // a pack new since b's last look
  clock = 2000;
  assert.equal(b.read(keyOf(2)), entryText(2, "from c"));
  for (const s of [a, b, c]) s.close();
});

test("a directory that cannot hold a pack, or a write that fails, stops the run with CacheUnwritable naming the file", () => {
  const notADirectory = path.join(tmp, "a-file");
  fs.writeFileSync(notADirectory, "");
  const store = new PackStore(path.join(notADirectory, "cache"));
  assert.equal(store.read(keyOf(0)), undefined);
  assert.throws(() => store.write(keyOf(0), entryText(0)), (e: unknown) => e instanceof CacheUnwritable && /^cannot record an answer in .*a-file\/cache\/answers-.*\.jsonl \(ENOTDIR\); free space or fix the permissions, then --resume$/.test(e.message));
  // A full disk midway through a line: the part written is cut off again, and the next answer starts a new pack.
  const dir = path.join(tmp, "full");
  const full = new PackStore(dir);
  full.write(keyOf(0), entryText(0));
  const pack = path.join(dir, packsIn(dir)[0]);
  const writeSync = fs.writeSync;
  // The module object itself (the namespace import's properties are read-only views of it).
  const mutableFs = require("node:fs") as { writeSync: (fd: number, b: Buffer, off: number, len: number) => number };
  mutableFs.writeSync = (fd, bytes, offset, length) => {
    writeSync(fd, bytes, offset, Math.floor(length / 2));
    throw Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
  };
  try {
    assert.throws(() => full.write(keyOf(1), entryText(1)), (e: unknown) => e instanceof CacheUnwritable && e.message.includes(`${pack} (ENOSPC)`));
  } finally {
    mutableFs.writeSync = writeSync as unknown as typeof mutableFs.writeSync;
  }
  assert.equal(fs.readFileSync(pack, "utf8"), `${entryText(0)}\n`, "the pack holds what was recorded before, nothing of the failed line");
  full.write(keyOf(2), entryText(2));
  assert.equal(packsIn(dir).length, 2, "the answer after the failure went to a new pack");
  assert.deepEqual([full.read(keyOf(0)), full.read(keyOf(2))], [entryText(0), entryText(2)]);
  full.close();
});

test("a pack deleted while a run uses the cache is a miss, and its keys are recorded again", () => {
  const dir = path.join(tmp, "deleted");
  const other = new PackStore(dir);
  other.write(keyOf(0), entryText(0, "other run"));
  other.close();
  let clock = 0;
  const store = new PackStore(dir, { refreshMs: 100, now: () => clock });
  assert.equal(store.read(keyOf(9)), undefined); // indexed: the other run's pack holds key 0
  fs.rmSync(path.join(dir, packsIn(dir)[0]));
  assert.equal(store.read(keyOf(0)), undefined, "its file is gone: a miss, not an error");
  store.write(keyOf(0), entryText(0, "again"));
  assert.equal(store.read(keyOf(0)), entryText(0, "again"));
  const late = new PackStore(dir, { refreshMs: 100, now: () => clock });
  late.read(keyOf(9));
  late.write(keyOf(1), entryText(1));
  fs.rmSync(path.join(dir, packsIn(dir).find((f) => fs.readFileSync(path.join(dir, f), "utf8").includes("again"))!));
  clock = 100;
  assert.equal(late.read(keyOf(7)), undefined, "a look that finds a pack deleted forgets it");
  assert.equal(late.read(keyOf(0)), undefined);
  for (const s of [store, late]) s.close();
});
