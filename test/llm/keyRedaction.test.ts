/**
 * No API key reaches a file or a message (docs/llm.md "When the model fails"): servers on 127.0.0.1 that echo the
 * Authorization header into their answers, reflections and error bodies, a run with OPENAI_API_KEY and a second
 * endpoint's `apiKeyEnv` key, its recording exported, and a run stopped by a 401 — then every byte written is
 * searched for the keys.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { after, test } from "node:test";
import { addSecret, redact, REDACTED } from "../../lib/redact.js";
import { runCli } from "../support/cli.js";
import { deterministicAnswer, echoAuthorization, startFakeOpenAI, type FakeHandler } from "../support/fakeOpenAI.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-redaction-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const KEY = "sk-SECRETTESTVALUE123";
const SECOND_KEY = "sk-SECONDSECRET-4567";
const ENV = { OPENAI_API_KEY: KEY, SECOND_KEY };

/** Every file under `dir`, gzip files unpacked. */
function everything(dir: string): { file: string; text: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return everything(file);
    const bytes = fs.readFileSync(file);
    return [{ file, text: (file.endsWith(".gz") ? zlib.gunzipSync(bytes) : bytes).toString("utf8") }];
  });
}

/** Readable decisions and reflections that carry the header they were sent with. */
const echoing: FakeHandler = (body, _n, headers) => ({ content: `${deterministicAnswer(body)} (you sent ${headers.authorization})` });

test("redact: every registered key of 8 characters or more is replaced wherever it occurs; shorter values are not taken for keys", () => {
  addSecret("sk-UNIT-TEST-KEY-0001");
  addSecret("abc");
  addSecret(undefined);
  assert.equal(redact("x sk-UNIT-TEST-KEY-0001 y\nsk-UNIT-TEST-KEY-0001"), `x ${REDACTED} y\n${REDACTED}`);
  assert.equal(redact('{"abc": 1}'), '{"abc": 1}', "a 3-character value would wreck every file it occurs in");
});

test("keys echoed by two endpoints reach no file of the run, its cache, its recording, its manifest or its messages", async () => {
  const a = await startFakeOpenAI(echoing);
  const b = await startFakeOpenAI(echoing);
  // Every other call a 500 echoing the header (never three in a row, which would take the endpoint out).
  const failing = await startFakeOpenAI((body, n, headers) => (n % 2 === 0 ? echoAuthorization(500)(body, n, headers) : echoing(body, n, headers)));
  const rejecting = await startFakeOpenAI(echoAuthorization(401));
  const written = path.join(tmp, "written");
  try {
    const config = path.join(tmp, "endpoints.json");
    fs.writeFileSync(config, JSON.stringify({ baseUrl: [{ baseUrl: a.url }, { baseUrl: b.url, apiKeyEnv: "SECOND_KEY" }] }));
    const out = path.join(written, "run");
    const cache = path.join(written, "cache");
    const runArgs = ["run", "--config", config, "--policy", "llm", "--households", "4", "--months", "12", "--seed", "5", "--model", "fake-model"];
    const run = await runCli([...runArgs, "--cache", cache, "--out", out, "--concurrency", "2"], ENV);
    assert.equal(run.code, 0, run.stderr);
    // The keys did travel (so they could have been echoed), and the echoes were kept, redacted.
    assert.ok(a.requests.some((r) => r.headers.authorization === `Bearer ${KEY}`));
    assert.ok(b.requests.some((r) => r.headers.authorization === `Bearer ${SECOND_KEY}`));
    const transcripts = fs.readFileSync(path.join(out, "transcripts.jsonl"), "utf8");
    assert.ok(transcripts.includes(`(you sent Bearer ${REDACTED})`));

    const recording = path.join(written, "run.recording.jsonl.gz");
    const exported = await runCli(["recording", "export", out, recording], ENV);
    assert.equal(exported.code, 0, exported.stderr);
    const replayed = await runCli([...runArgs, "--cache-mode", "replay", "--recording", recording, "--out", path.join(written, "replayed"), "--quiet"], ENV);
    assert.equal(replayed.code, 0, replayed.stderr);
    assert.equal(fs.readFileSync(path.join(written, "replayed", "transcripts.jsonl"), "utf8"), transcripts, "the replay gives the redacted answers the run kept");

    // Failed calls' errors, kept in the transcripts of their fallbacks.
    const fellBack = path.join(written, "fell-back");
    const failed = await runCli(
      ["run", "--policy", "llm", "--households", "2", "--months", "12", "--reflection", "off", "--base-url", failing.url, "--cache", cache, "--out", fellBack, "--max-attempts", "1", "--concurrency", "1", "--max-fallback-share", "1"],
      ENV,
    );
    assert.equal(failed.code, 0, failed.stderr);
    assert.match(fs.readFileSync(path.join(fellBack, "transcripts.jsonl"), "utf8"), /"error":"HTTP 500: you sent Bearer \[redacted\]"/);

    const stopped = await runCli(["run", "--policy", "llm", "--households", "4", "--months", "12", "--base-url", rejecting.url, "--cache", cache, "--out", path.join(written, "stopped")], ENV);
    assert.equal(stopped.code, 4, stopped.stderr);
    assert.match(stopped.stderr, /answered HTTP 401 \(authentication failed: check the API key\): you sent Bearer \[redacted\]/);

    const files = everything(written);
    assert.ok(files.length >= 15, files.map((f) => f.file).join(", "));
    for (const { file, text } of [...files, ...[run, exported, replayed, failed, stopped].map((r, k) => ({ file: `output ${k}`, text: r.stdout + r.stderr }))]) {
      for (const secret of [KEY, SECOND_KEY, "SECRETTESTVALUE", "SECONDSECRET"]) assert.ok(!text.includes(secret), `${secret} in ${file}`);
    }
    assert.match(fs.readFileSync(path.join(written, "stopped", "manifest.json"), "utf8"), /you sent Bearer \[redacted\]/);
  } finally {
    await Promise.all([a.close(), b.close(), failing.close(), rejecting.close()]);
  }
});
