/**
 * The cap on what is read of a model's answer (`--max-answer-bytes`, docs/llm.md "When the model fails"): a server
 * streaming a huge answer is cut off at the cap, the answer counts as unreadable (re-asked, then the counted
 * fallback), and nothing of it reaches the run's files. Against a real HTTP server on 127.0.0.1.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { DEFAULT_MAX_ANSWER_BYTES, overLongAnswer } from "../../lib/llm/chatCompletions.js";
import { HttpChatBackend } from "../../lib/llm/httpChatBackend.js";
import { OpenAIBackend } from "../../lib/llm/openaiBackend.js";
import { runCli } from "../support/cli.js";
import { deterministicAnswer, startFakeOpenAI } from "../support/fakeOpenAI.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-answer-cap-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const MB = 1024 * 1024;
const PLACEHOLDER = overLongAnswer(DEFAULT_MAX_ANSWER_BYTES).content;
const request = { messages: [{ role: "user" as const, content: "hi" }], maxTokens: 8, temperature: 0 };

/** Bytes of every file under `dir`, recursively. */
function bytesUnder(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + fs.statSync(path.join(e.parentPath ?? e.path, e.name)).size, 0);
}

test("both transports: an answer over the cap reads as the short over-long text; one under it is read whole", async () => {
  const server = await startFakeOpenAI((body) => ({ bulk: (body as { max_tokens: number }).max_tokens }));
  try {
    for (const Transport of [HttpChatBackend, OpenAIBackend]) {
      const backend = new Transport({ model: "m", baseURL: server.url, maxAnswerBytes: 4096 });
      // maxTokens is the fake's answer size here: 1,000 bytes of "x" are read, 100,000 are not.
      const small = await backend.complete({ ...request, maxTokens: 1000 });
      assert.equal(small.content, "x".repeat(1000), Transport.name);
      const big = await backend.complete({ ...request, maxTokens: 100_000 });
      assert.deepEqual(big, overLongAnswer(4096), Transport.name);
      assert.equal(big.content, "(answer not read: longer than 4096 bytes, the --max-answer-bytes cap)");
      await (backend as { close?: () => Promise<void> }).close?.();
    }
  } finally {
    await server.close();
  }
});

test("64 MB answers to every call: 1 household × 12 months completes, each decision re-asked twice then the counted fallback, files small", async () => {
  const server = await startFakeOpenAI(() => ({ bulk: 64 * MB }));
  try {
    const out = path.join(tmp, "bulk");
    const cache = path.join(tmp, "bulk-cache");
    const r = await runCli([
      "run", "--policy", "llm", "--households", "1", "--months", "12", "--seed", "3", "--base-url", server.url, "--model", "fake-model",
      "--cache", cache, "--max-fallback-share", "1", "--out", out, "--quiet",
    ]);
    assert.equal(r.code, 0, r.stderr);
    // 12 decisions of 3 asks each (the question and its 2 re-asks), reflections after months 3, 6 and 9 (none after the last).
    assert.equal(server.requests.length, 12 * 3 + 3);
    const records = fs.readFileSync(path.join(out, "transcripts.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const decisions = records.filter((t) => t.kind === "decision");
    assert.equal(decisions.length, 12);
    for (const d of decisions) {
      assert.equal(d.fallback, true);
      assert.equal(d.reasks, 2);
      assert.deepEqual(d.rejected, [PLACEHOLDER, PLACEHOLDER, PLACEHOLDER]);
    }
    // Each re-ask quotes the over-long answer as the placeholder, never the body.
    const reask = server.requests[1].body as { messages: { role: string; content: string }[] };
    assert.equal(reask.messages[reask.messages.length - 2].content, PLACEHOLDER);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
    assert.equal(manifest.config.maxAnswerBytes, DEFAULT_MAX_ANSWER_BYTES);
    assert.equal(manifest.households_model.accounting.total.fallbacks, 12);
    // 40 answers of 64 MB were sent; what the run and its cache keep is a few hundred kB at most.
    assert.ok(bytesUnder(out) < 512 * 1024, `run directory: ${bytesUnder(out)} bytes`);
    assert.ok(bytesUnder(cache) < 128 * 1024, `cache: ${bytesUnder(cache)} bytes`);
  } finally {
    await server.close();
  }
});

test("an over-long first answer is re-asked, and a readable re-ask is the decision (no fallback)", async () => {
  const server = await startFakeOpenAI((body) => {
    const messages = (body as { messages: { content: string }[] }).messages;
    return messages[messages.length - 1].content.startsWith("Your answer could not be read") ? { content: deterministicAnswer(body) } : { bulk: MB };
  });
  try {
    const out = path.join(tmp, "reask");
    const r = await runCli([
      "run", "--policy", "llm", "--households", "2", "--months", "12", "--seed", "3", "--base-url", server.url, "--model", "fake-model",
      "--cache", path.join(tmp, "reask-cache"), "--reflection", "off", "--transport", "sdk", "--out", out, "--quiet",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const decisions = fs.readFileSync(path.join(out, "transcripts.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l)).filter((t) => t.kind === "decision");
    assert.equal(decisions.length, 24);
    for (const d of decisions) {
      assert.equal(d.fallback, false);
      assert.equal(d.reasks, 1);
      assert.deepEqual(d.rejected, [PLACEHOLDER]);
    }
  } finally {
    await server.close();
  }
});

test("--max-answer-bytes must be a positive whole number of bytes: exit 2, one line, nothing written", async () => {
  for (const value of ["0", "-5", "1.5", "abc", String(2 ** 30 + 1)]) {
    const out = path.join(tmp, `bad-${value}`);
    const r = await runCli(["run", "--policy", "llm", "--households", "1", "--months", "12", "--max-answer-bytes", value, "--out", out]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr, `econagent: --max-answer-bytes: got ${JSON.stringify(value)}; allowed: a positive whole number of bytes, at most 1073741824 (1 GiB)\n`);
    assert.ok(!fs.existsSync(out));
  }
});
