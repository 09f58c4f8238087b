/**
 * When the model fails for good (docs/llm.md "When the model fails"): an endpoint refusing every request (401, 403,
 * 404, a repeated 400) stops the run at once with exit 4, a month with too many fallbacks with exit 5 — each with one
 * line naming what happened, a manifest status of its own, and a run that --resume completes byte-identically.
 * Against real HTTP servers on 127.0.0.1.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { runCli } from "../support/cli.js";
import { deterministicAnswer, startFakeOpenAI, type FakeReply } from "../support/fakeOpenAI.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-model-fails-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Body = { messages: { role: string; content: string }[] };
const OUTPUTS = ["monthly.csv", "annual.csv", "summary.json", "decisions.csv", "households.csv", "transcripts.jsonl"];
const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f), "utf8");
const manifestOf = (dir: string) => JSON.parse(read(dir, "manifest.json"));
const lastMessage = (body: unknown) => {
  const messages = (body as Body).messages;
  return messages[messages.length - 1].content;
};
let runs = 0;
/** A 4-household, 12-month LLM run against `url` with a cache of its own. */
const llmRun = (url: string, extra: string[] = []) => {
  const out = path.join(tmp, `run-${runs++}`);
  const args = ["run", "--policy", "llm", "--households", "4", "--months", "12", "--seed", "5", "--out", out, "--quiet"];
  return { out, args: [...args, "--base-url", url, "--model", "fake-model", "--cache", `${out}-cache`, ...extra] };
};
const GOOD_KEY = "sk-good-key-0123456789";
/** A server that answers only the good key, and a 401 naming the problem otherwise. */
const keyed = (body: unknown, _n: number, headers: { authorization?: string }): FakeReply =>
  headers.authorization === `Bearer ${GOOD_KEY}`
    ? { content: deterministicAnswer(body) }
    : { status: 401, body: { error: { message: "Incorrect API key provided", type: "invalid_request_error", code: "invalid_api_key" } } };

test("a key refused (401) in month 4: exit 4 at once with one line naming the endpoint and the status; --resume with a good key completes it identically", async () => {
  let revoked = true;
  const server = await startFakeOpenAI((body, n, headers) => (revoked && lastMessage(body).includes("2001.04.") ? keyed(body, n, {}) : keyed(body, n, headers)));
  try {
    const reference = llmRun(server.url);
    revoked = false;
    assert.equal((await runCli(reference.args, { OPENAI_API_KEY: GOOD_KEY })).code, 0);
    revoked = true;
    const stopped = llmRun(server.url);
    const before = server.requests.length;
    const r = await runCli(stopped.args, { OPENAI_API_KEY: GOOD_KEY });
    assert.equal(r.code, 4, r.stderr);
    const lines = r.stderr.trim().split("\n");
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], new RegExp(`^econagent: ${server.url.replace(/\./g, "\\.")} answered HTTP 401 \\(authentication failed: check the API key\\): Incorrect API key provided; the run stops \\(manifest status "rejected"\\)`));
    assert.ok(!r.stderr.includes(GOOD_KEY));
    // Months 1–3 (4 decisions and a reflection each quarter) then month 4's first wave: no month of fallbacks.
    assert.ok(server.requests.length - before <= 3 * 4 + 4 + 4, `${server.requests.length - before} requests`);
    const manifest = manifestOf(stopped.out);
    assert.equal(manifest.status, "rejected");
    assert.match(manifest.error, /answered HTTP 401/);
    assert.equal(manifest.households_model.accounting.total.fallbacks, 0);
    assert.equal(manifest.households_model.endpoints[0].refused, "HTTP 401");
    assert.equal(JSON.parse(read(stopped.out, "checkpoint.json")).month, 3);
    assert.equal(read(stopped.out, "monthly.csv").trim().split("\n").length, 1 + 3);

    revoked = false; // the key works again
    const resumed = await runCli(["run", "--resume", stopped.out, "--quiet"], { OPENAI_API_KEY: GOOD_KEY });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(manifestOf(stopped.out).status, "complete");
    for (const f of OUTPUTS) assert.equal(read(stopped.out, f), read(reference.out, f), f);
  } finally {
    await server.close();
  }
});

test("403 and 404 (unknown model) stop the run in month 1 with exit 4; a 400 to every request too, after three distinct calls", async () => {
  const cases: [number, string, RegExp][] = [
    [403, "You do not have access to this model", /answered HTTP 403 \(permission denied: check the key's access to this model\): You do not have access/],
    [404, "The model `fake-model` does not exist", /answered HTTP 404 \(not found: check the model name and the base URL\): The model `fake-model` does not exist/],
    [400, "max_tokens is too large: 100", /answered HTTP 400 \(bad request\): max_tokens is too large: 100/],
  ];
  for (const [status, message, line] of cases) {
    const server = await startFakeOpenAI(() => ({ status, body: { error: { message, type: "invalid_request_error" } } }));
    try {
      const run = llmRun(server.url, ["--max-attempts", "6"]);
      const r = await runCli(run.args);
      assert.equal(r.code, 4, `${status}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
      assert.match(r.stderr, line);
      assert.ok(server.requests.length <= 4, `${status}: ${server.requests.length} requests: none retried`);
      assert.equal(manifestOf(run.out).status, "rejected");
      assert.ok(!fs.existsSync(path.join(run.out, "checkpoint.json")), "stopped in month 1: nothing to keep");
    } finally {
      await server.close();
    }
  }
});

test("a 400 for one household's request is that request's: it falls back, counted, and the run completes", async () => {
  const dry = path.join(tmp, "names");
  await runCli(["run", "--households", "6", "--months", "12", "--seed", "5", "--out", dry, "--quiet"]);
  const firstName = read(dry, "households.csv").split("\n")[1].split(",")[1];
  const server = await startFakeOpenAI((body) =>
    lastMessage(body).includes(`You're ${firstName},`) && lastMessage(body).includes("2001.02.")
      ? { status: 400, body: { error: { message: "This model's maximum context length is 8 tokens" } } }
      : { content: deterministicAnswer(body) },
  );
  try {
    const run = llmRun(server.url);
    const r = await runCli(run.args.map((a, k, all) => (all[k - 1] === "--households" ? "6" : a)));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(manifestOf(run.out).households_model.accounting.total.fallbacks, 1);
  } finally {
    await server.close();
  }
});

test("two endpoints: one refusing (401) is dropped and the other answers every call; both refusing stops the run naming both", async () => {
  const dead = await startFakeOpenAI(() => ({ status: 401 }));
  const alive = await startFakeOpenAI((body) => ({ content: deterministicAnswer(body) }));
  const dead2 = await startFakeOpenAI(() => ({ status: 403 }));
  try {
    const run = llmRun(`${dead.url},${alive.url}`);
    const r = await runCli(run.args);
    assert.equal(r.code, 0, r.stderr);
    const manifest = manifestOf(run.out);
    assert.equal(manifest.households_model.accounting.total.fallbacks, 0);
    assert.deepEqual(manifest.households_model.endpoints.map((e: { refused?: string }) => e.refused ?? null), ["HTTP 401", null]);
    assert.ok(dead.requests.length <= 4, "no calls to it once it refused");

    const both = llmRun(`${dead.url},${dead2.url}`);
    const r2 = await runCli(both.args);
    assert.equal(r2.code, 4, r2.stderr);
    assert.match(r2.stderr, new RegExp(`${dead.url.replace(/\./g, "\\.")} answered HTTP 401 .*; ${dead2.url.replace(/\./g, "\\.")} answered HTTP 403 `));
    assert.equal(r2.stderr.trim().split("\n").length, 1);
  } finally {
    await Promise.all([dead.close(), alive.close(), dead2.close()]);
  }
});

test("a month whose fallbacks pass --max-fallback-share stops the run (exit 5, status \"fallbacks\"); --resume with a higher share completes it", async () => {
  // Every answer in month 2 is unreadable: all 4 households fall back after their re-asks.
  const server = await startFakeOpenAI((body) => ((body as Body).messages.some((m) => m.content.includes("2001.02.")) ? { content: "no comment" } : { content: deterministicAnswer(body) }));
  try {
    const run = llmRun(server.url, ["--reflection", "off", "--memory", "0"]);
    const r = await runCli(run.args);
    assert.equal(r.code, 5, r.stderr);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.match(r.stderr, /^econagent: month 2: 4 of 4 decisions fell back \(more than --max-fallback-share 0\.2\); last error: .+; the run stops \(manifest status "fallbacks"\)/);
    assert.equal(manifestOf(run.out).status, "fallbacks");
    assert.equal(read(run.out, "monthly.csv").trim().split("\n").length, 1 + 1, "month 2 is not kept");

    const refused = await runCli(["run", "--resume", run.out, "--max-fallback-share", "2"]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--max-fallback-share: got "2"; allowed: a number in \[0, 1\]/);
    const resumed = await runCli(["run", "--resume", run.out, "--max-fallback-share", "1", "--quiet"]);
    assert.equal(resumed.code, 0, resumed.stderr);
    const manifest = manifestOf(run.out);
    assert.equal(manifest.status, "complete");
    assert.equal(manifest.config.maxFallbackShare, 1);
    const decisions = read(run.out, "transcripts.jsonl").trim().split("\n").map((l) => JSON.parse(l)).filter((x) => x.kind === "decision");
    assert.deepEqual(decisions.filter((d) => d.fallback).map((d) => d.month), [2, 2, 2, 2]);
  } finally {
    await server.close();
  }
});
