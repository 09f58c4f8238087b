import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { answerGrammar, LlamaBackend } from "../../lib/llm/llamaBackend.js";
import { writeTinyGguf } from "../../lib/llm/tinyGguf.js";
import { DECISION_SCHEMA } from "../../lib/households/llm/prompts.js";
import { LlmCallError, type ChatRequest } from "../../lib/llm/types.js";

const ANSWER = /^\{"work": (0(\.\d\d?)?|1(\.00?)?), "consumption": (0(\.\d\d?)?|1(\.00?)?)\}$/;

const decision: ChatRequest = {
  messages: [
    { role: "system", content: "You are Ada, a 40-year-old living in New York City." },
    { role: "user", content: "Your wage this month is $4,000. How much will you work and consume? Answer in JSON." },
  ],
  maxTokens: 60,
  temperature: 0,
  schema: DECISION_SCHEMA,
};
const reflection: ChatRequest = {
  messages: [
    { role: "system", content: "You are Ada." },
    { role: "user", content: "Last month: work 0.8." },
    { role: "assistant", content: '{"work": 0.8, "consumption": 0.5}' },
    { role: "user", content: "Reflect on the quarter." },
  ],
  maxTokens: 12,
  temperature: 0,
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "llama-backend-"));
const modelPath = path.join(dir, "tiny.gguf");
let backend: LlamaBackend;

before(async () => {
  writeTinyGguf(modelPath, { seed: 3 });
  backend = await LlamaBackend.load({ modelPath });
});
after(async () => {
  await backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("answerGrammar pins an object of the schema's properties, in order, to propensities in [0, 1]", () => {
  assert.equal(
    answerGrammar(DECISION_SCHEMA),
    'root ::= "{" "\\"work\\"" ": " unit ", " "\\"consumption\\"" ": " unit "}"\n' +
      'unit ::= "0" ("." [0-9] [0-9]?)? | "1" (".0" "0"?)?\n',
  );
  assert.equal(
    answerGrammar({ name: "q", schema: { properties: { 'a"b': { type: "number" } } } }),
    'root ::= "{" "\\"a\\\\\\"b\\"" ": " unit "}"\nunit ::= "0" ("." [0-9] [0-9]?)? | "1" (".0" "0"?)?\n',
  );
  assert.throws(() => answerGrammar({ name: "q", schema: { properties: {} } }), /answer schema "q" has no properties/);
  assert.throws(
    () => answerGrammar({ name: "q", schema: { properties: { n: { type: "string" } } } }),
    /property "n" is not a number in \[0, 1\]/,
  );
  assert.throws(
    () => answerGrammar({ name: "q", schema: { properties: { n: { type: "number", maximum: 2 } } } }),
    /property "n" is not a number in \[0, 1\]/,
  );
});

test("kind, model and settings name the file, not its directory", () => {
  assert.equal(backend.kind, "llama");
  assert.equal(backend.model, "tiny.gguf");
  assert.deepEqual(backend.settings, { modelPath: "tiny.gguf", threads: 1, contextSize: 4096, seed: null, chatFormat: "Llama2Chat" });
});

test("a decision request gets grammar-constrained JSON with work and consumption in [0, 1], and token counts", async () => {
  const { content, usage } = await backend.complete(decision);
  assert.match(content, ANSWER);
  const parsed = JSON.parse(content) as Record<string, unknown>;
  assert.deepEqual(Object.keys(parsed), ["work", "consumption"]);
  for (const v of [parsed.work, parsed.consumption]) {
    assert.equal(typeof v, "number");
    assert.ok((v as number) >= 0 && (v as number) <= 1);
  }
  assert.ok(Number.isInteger(usage.inputTokens) && usage.inputTokens > 50, `input tokens ${usage.inputTokens}`);
  assert.ok(Number.isInteger(usage.outputTokens) && usage.outputTokens > 0 && usage.outputTokens <= 60);
  assert.equal(usage.cachedTokens, null);
});

test("at temperature 0 the same request gets the same answer, whatever ran in between", async () => {
  const first = await backend.complete(decision);
  await backend.complete(reflection);
  const second = await backend.complete(decision);
  assert.deepEqual(second, first);
});

test("a request without schema gets free text of at most maxTokens (multi-turn, with an assistant turn)", async () => {
  const { content, usage } = await backend.complete(reflection);
  assert.equal(typeof content, "string");
  assert.ok(usage.outputTokens > 0 && usage.outputTokens <= 12, `output tokens ${usage.outputTokens}`);
  assert.ok(usage.inputTokens > 0 && Number.isInteger(usage.inputTokens));
  assert.deepEqual(await backend.complete(reflection), { content, usage });
});

test("concurrent calls are serialised and answer as if made alone", async () => {
  const alone = [await backend.complete(decision), await backend.complete(reflection)];
  const together = await Promise.all([decision, reflection, decision, reflection].map((r) => backend.complete(r)));
  assert.deepEqual(together, [...alone, ...alone]);
});

test("at temperature > 0 a request seed makes sampling repeatable", async () => {
  const hot: ChatRequest = { ...decision, temperature: 1, seed: 42 };
  const a = await backend.complete(hot);
  const b = await backend.complete(hot);
  assert.equal(a.content, b.content);
  assert.match(a.content, ANSWER);
});

test("unsupported schemas and prompts longer than the context are client errors (not retried)", async () => {
  const badSchema = { ...decision, schema: { name: "s", schema: { properties: { n: { type: "string" } } } } };
  await assert.rejects(backend.complete(badSchema), (e: unknown) => e instanceof LlmCallError && e.kind === "client");
  const long: ChatRequest = { ...reflection, messages: [{ role: "user", content: "x".repeat(5000) }] };
  await assert.rejects(
    backend.complete(long),
    (e: unknown) => e instanceof LlmCallError && e.kind === "client" && /exceeds the context size 4096/.test(e.message),
  );
  assert.match((await backend.complete(decision)).content, ANSWER);
});

test("an aborted signal rejects with its reason and leaves the backend usable", async () => {
  const controller = new AbortController();
  controller.abort(new Error("stop now"));
  await assert.rejects(backend.complete(decision, controller.signal), /stop now/);
  const timed = new AbortController();
  const slow = backend.complete({ ...reflection, maxTokens: 3000 }, timed.signal);
  setTimeout(() => timed.abort(new Error("too slow")), 20);
  await assert.rejects(slow, /too slow/);
  assert.match((await backend.complete(decision)).content, ANSWER);
});

test("a missing or corrupt model file is an error naming the path", async () => {
  const missing = path.join(dir, "nope.gguf");
  await assert.rejects(LlamaBackend.load({ modelPath: missing }), { message: `model file not found: ${missing}` });
  const corrupt = path.join(dir, "corrupt.gguf");
  fs.writeFileSync(corrupt, fs.readFileSync(modelPath).subarray(0, 1000));
  await assert.rejects(LlamaBackend.load({ modelPath: corrupt }), (e: Error) => e.message.startsWith(`cannot load model ${corrupt}: `));
});

test("a second backend on the same file answers the same; after close() calls are refused", async () => {
  const other = await LlamaBackend.load({ modelPath, model: "tiny-test", threads: 1, contextSize: 1024, seed: 7 });
  assert.equal(other.model, "tiny-test");
  assert.deepEqual(other.settings, { modelPath: "tiny.gguf", threads: 1, contextSize: 1024, seed: 7, chatFormat: "Llama2Chat" });
  assert.equal((await other.complete(decision)).content, (await backend.complete(decision)).content);
  await other.close();
  await other.close();
  await assert.rejects(other.complete(decision), (e: unknown) => e instanceof LlmCallError && e.kind === "client");
});
