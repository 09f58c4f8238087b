import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { after, test } from "node:test";
import { sha256 } from "../../lib/llm/cache.js";
import { billingModel } from "../support/billingModel.js";
import { runCli } from "../support/cli.js";
import { startFakeOpenAI } from "../support/fakeOpenAI.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-recording-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const OUTPUTS = ["monthly.csv", "annual.csv", "summary.json", "decisions.csv", "households.csv", "transcripts.jsonl"];
const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f), "utf8");
const options = ["--policy", "llm", "--households", "4", "--months", "12", "--seed", "8", "--model", "gpt-4o-mini", "--quiet"];
const cache = path.join(tmp, "cache");
const recording = path.join(tmp, "run.recording.jsonl.gz");
const original = path.join(tmp, "original");

/** Record a small run against the loopback model, then export its recording (once, for every test below). */
const recorded = (async () => {
  const server = await startFakeOpenAI(billingModel);
  try {
    const r = await runCli(["run", ...options, "--base-url", server.url, "--cache", cache, "--out", original]);
    assert.equal(r.code, 0, r.stderr);
  } finally {
    await server.close();
  }
  return runCli(["recording", "export", original, recording]);
})();

test("export writes every entry the run used, once, as gzip JSON lines with a SHA-256 per entry and a header", async () => {
  const exported = await recorded;
  assert.equal(exported.code, 0, exported.stderr);
  assert.match(exported.stdout, /^recording: 60 entries/);
  const lines = zlib.gunzipSync(fs.readFileSync(recording)).toString("utf8").trim().split("\n");
  const header = JSON.parse(lines[0]);
  assert.equal(header.format, "econagent-recording");
  assert.equal(header.entries, 60); // 4 households × 12 decisions + 4 × 3 reflections (months 3, 6, 9)
  assert.equal(header.sha256, sha256(lines.slice(1).join("\n")));
  const entries = lines.slice(1).map((l) => JSON.parse(l));
  assert.deepEqual(entries.map((e) => e.key), entries.map((e) => e.key).sort());
  // The same bytes as the cache's line of that key (the run wrote one pack).
  const packs = fs.readdirSync(cache).filter((f) => f.endsWith(".jsonl"));
  assert.equal(packs.length, 1);
  const cached = new Map(fs.readFileSync(path.join(cache, packs[0]), "utf8").trim().split("\n").map((line) => [JSON.parse(line).key, line]));
  for (const e of entries) {
    assert.equal(e.checksum, sha256(JSON.stringify(e.response)));
    assert.equal(JSON.stringify(e), cached.get(e.key));
  }
  // Exporting again gives the same bytes.
  const again = path.join(tmp, "again.gz");
  assert.equal((await runCli(["recording", "export", original, again])).code, 0);
  assert.ok(fs.readFileSync(again).equals(fs.readFileSync(recording)));
});

test("--cache-mode replay --recording FILE replays byte-identically to replaying the cache directory, with zero calls", async () => {
  assert.equal((await recorded).code, 0);
  const fromCache = path.join(tmp, "from-cache");
  const fromRecording = path.join(tmp, "from-recording");
  const a = await runCli(["run", ...options, "--cache", cache, "--cache-mode", "replay", "--out", fromCache]);
  assert.equal(a.code, 0, a.stderr);
  const b = await runCli(["run", ...options, "--cache-mode", "replay", "--recording", recording, "--out", fromRecording]);
  assert.equal(b.code, 0, b.stderr);
  for (const f of OUTPUTS) {
    assert.equal(read(fromRecording, f), read(fromCache, f), f);
    assert.equal(read(fromRecording, f), read(original, f), f);
  }
  const accounting = JSON.parse(read(fromRecording, "manifest.json")).households_model.accounting;
  assert.equal(accounting.total.calls, 0);
  assert.equal(accounting.total.cacheHits, 60);
});

test("a damaged recording stops the replay with one line naming the file and the entry (exit 2: a bad input file)", async () => {
  assert.equal((await recorded).code, 0);
  const lines = zlib.gunzipSync(fs.readFileSync(recording)).toString("utf8").split("\n");
  const dropped = path.join(tmp, "dropped.gz");
  fs.writeFileSync(dropped, zlib.gzipSync(lines.filter((_, k) => k !== 9).join("\n")));
  const key = JSON.parse(lines[5]).key as string;
  lines[5] = lines[5].replace(/"content":"(.)/, (_, c: string) => `"content":"${c === "x" ? "y" : "x"}`);
  const edited = path.join(tmp, "edited.gz");
  fs.writeFileSync(edited, zlib.gzipSync(lines.join("\n")));
  const truncated = path.join(tmp, "truncated.gz");
  fs.writeFileSync(truncated, fs.readFileSync(recording).subarray(0, 200));
  const garbled = path.join(tmp, "garbled.gz");
  fs.writeFileSync(garbled, "this is not a recording\n");
  const wrongHeader = path.join(tmp, "wrong-header.gz");
  fs.writeFileSync(wrongHeader, zlib.gzipSync([JSON.stringify({ ...JSON.parse(lines[0]), version: 2 }), ...lines.slice(1)].join("\n")));
  const notJson = path.join(tmp, "not-json-entry.gz");
  fs.writeFileSync(notJson, zlib.gzipSync([lines[0], "{ garbage", ...lines.slice(2)].join("\n")));
  const cases: [string, RegExp][] = [
    [garbled, new RegExp(`recording ${garbled} is damaged: not a readable gzip file`)],
    [wrongHeader, new RegExp(`recording ${wrongHeader} is damaged: not an econagent recording \\(version 1\\)`)],
    [notJson, new RegExp(`recording ${notJson} is damaged: entry 1 of 60: not JSON`)],
    [edited, new RegExp(`recording ${edited} is damaged: entry 5 of 60 \\(key ${key.slice(0, 16)}…\\): checksum mismatch`)],
    [truncated, new RegExp(`recording ${truncated} is damaged: not a readable gzip file`)],
    [dropped, new RegExp(`recording ${dropped} is damaged: its header lists 60 entries, the file holds 59`)],
  ];
  for (const [file, message] of cases) {
    const r = await runCli(["run", ...options, "--cache-mode", "replay", "--recording", file, "--out", path.join(tmp, `replay-${path.basename(file)}`)]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.match(r.stderr, message);
  }
});

test("export refuses a run that is not a complete LLM run, a directory or unwritable FILE, a missing --cache; --recording needs replay mode (exit 2)", async () => {
  const rules = path.join(tmp, "rules");
  assert.equal((await runCli(["run", "--households", "3", "--months", "12", "--out", rules, "--quiet"])).code, 0);
  const r = await runCli(["recording", "export", rules, path.join(tmp, "x.gz")]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /recording export: .*complete LLM run/);
  // A directory, an unwritable place, a missing --cache: one line, exit 2, no temporary file left behind.
  assert.equal((await recorded).code, 0);
  const directory = path.join(tmp, "a-directory");
  fs.mkdirSync(directory);
  const refusals: [string[], RegExp][] = [
    [["recording", "export", original, directory], /^econagent: recording export: got ".*a-directory"; allowed: a file to write \(this is a directory\)\n$/],
    [["recording", "export", original, "/proc/x.gz"], /^econagent: recording export: got "\/proc\/x\.gz"; allowed: a file that can be written \(E[A-Z]+\)\n$/],
    [["recording", "export", original, path.join(tmp, "y.gz"), "--cache", path.join(tmp, "no-such-cache")], /^econagent: --cache: got ".*no-such-cache"; allowed: an existing cache directory/],
  ];
  for (const [args, line] of refusals) {
    const refused = await runCli(args);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, line);
  }
  assert.deepEqual(fs.readdirSync(tmp).filter((f) => f.endsWith(".tmp")), []);
  assert.deepEqual(fs.readdirSync(directory), []);
  const s = await runCli(["run", ...options, "--recording", recording, "--out", path.join(tmp, "not-replay")]);
  assert.equal(s.code, 2);
  assert.match(s.stderr, /^econagent: --recording: .*only with --cache-mode replay/);
});
