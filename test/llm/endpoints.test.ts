import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { runCli } from "../support/cli.js";
import { deterministicAnswer, startFakeOpenAI, type FakeOpenAI } from "../support/fakeOpenAI.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-endpoints-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Body = { messages: { role: string; content: string }[] };

const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f), "utf8");
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("two endpoints, one killed mid-run: the run completes on the other, no decision lost, accounting adds up", async () => {
  const households = 8;
  let killed: Promise<void> | null = null;
  let a: FakeOpenAI | null = null;
  a = await startFakeOpenAI((body, n) => {
    if (n === 40) killed = a!.close(); // mid-month 6 or so: in-flight calls are cut, later connections refused
    return { content: deterministicAnswer(body as Body), delayMs: 10 };
  });
  const b = await startFakeOpenAI((body) => ({ content: deterministicAnswer(body as Body), delayMs: 10 }));
  const out = path.join(tmp, "killed");
  try {
    const r = await runCli([
      "run", "--policy", "llm", "--households", String(households), "--months", "12", "--seed", "2", "--out", out,
      "--base-url", `${a.url},${b.url}`, "--model", "fake-model", "--cache-mode", "off", "--concurrency", "4", "--quiet",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(killed, "endpoint A was killed during the run");
    const records = read(out, "transcripts.jsonl").trim().split("\n").map((l) => JSON.parse(l));
    const decisions = records.filter((x) => x.kind === "decision");
    assert.equal(decisions.length, households * 12);
    assert.equal(decisions.filter((d) => d.fallback).length, 0, "no decision fell back");
    for (const d of decisions) assert.equal(d.answer, deterministicAnswer({ messages: [{ role: "user", content: d.prompt }] }));
    assert.equal(records.filter((x) => x.kind === "reflection" && x.answer === null).length, 0, "no reflection lost");

    const model = JSON.parse(read(out, "manifest.json")).households_model;
    const { total, by_endpoint: byEndpoint } = model.accounting;
    const sa = byEndpoint[a.url];
    const sb = byEndpoint[b.url];
    assert.equal(total.calls, households * 12 + households * 3);
    assert.equal(sa.calls + sb.calls, total.calls);
    assert.equal(sa.failures + sb.failures, total.failures);
    assert.equal(sa.inputTokens + sb.inputTokens, total.inputTokens);
    assert.equal(sa.outputTokens + sb.outputTokens, total.outputTokens);
    assert.equal(sb.failures, 0);
    assert.equal(sb.calls, b.requests.length, "B answered every request it got");
    assert.ok(sa.calls >= 35 && sa.calls <= 40, `A answered about its first 40 requests: ${sa.calls}`);
    // Every request A received was answered or failed on our side; refused connections never reached it.
    assert.ok(a.requests.length <= sa.calls + sa.failures && sa.failures > 0);
    const [ea, eb] = model.endpoints;
    assert.equal(ea.url, a.url);
    assert.ok(ea.taken_out >= 1);
    assert.equal(eb.taken_out, 0);
    assert.ok(sb.calls > sa.calls, "B carried the rest of the run");
  } finally {
    await a.close();
    await b.close();
  }
});

test("--concurrency auto:64 against an endpoint that takes 6 calls and answers 429 above: settles near 6, few 429s", async () => {
  const CAPACITY = 6;
  let admitted = 0;
  let rejected = 0;
  const inFlightAtArrival: number[] = [];
  const server = await startFakeOpenAI(async (body) => {
    inFlightAtArrival.push(admitted + 1);
    if (admitted >= CAPACITY) {
      rejected++;
      return { status: 429, retryAfterMs: 100 };
    }
    admitted++;
    await wait(20);
    admitted--;
    return { content: deterministicAnswer(body as Body) };
  });
  const out = path.join(tmp, "auto");
  try {
    const r = await runCli([
      "run", "--policy", "llm", "--households", "60", "--months", "24", "--seed", "4", "--out", out, "--base-url", server.url,
      "--model", "fake-model", "--cache-mode", "off", "--reflection", "off", "--memory", "0", "--concurrency", "auto:64", "--quiet",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const model = JSON.parse(read(out, "manifest.json")).households_model;
    const requests = server.requests.length;
    assert.equal(model.accounting.total.calls, 60 * 24);
    assert.equal(model.accounting.total.fallbacks, 0);
    assert.equal(requests, 60 * 24 + rejected);
    assert.ok(rejected / requests < 0.05, `429s: ${rejected} of ${requests} requests`);
    // In flight as the server saw it, over the second half of the run.
    const late = inFlightAtArrival.slice(Math.floor(inFlightAtArrival.length / 2)).sort((x, y) => x - y);
    const median = late[Math.floor(late.length / 2)];
    assert.ok(median >= 4 && median <= 8, `median in flight ${median}`);
    const [endpoint] = model.endpoints;
    assert.equal(endpoint.concurrency, "auto:64");
    assert.ok(endpoint.limit_final >= 4 && endpoint.limit_final <= 8, `final limit ${endpoint.limit_final}`);
    assert.ok(endpoint.limit_reached >= CAPACITY, `highest limit ${endpoint.limit_reached}`);
  } finally {
    await server.close();
  }
});

test("a config-file endpoint list: each endpoint's model name, key variable and limit; the recording replays without either", async () => {
  const a = await startFakeOpenAI((body) => ({ content: deterministicAnswer(body as Body), delayMs: 5 }));
  const b = await startFakeOpenAI((body) => ({ content: deterministicAnswer(body as Body), delayMs: 5 }));
  const config = path.join(tmp, "endpoints.json");
  fs.writeFileSync(config, JSON.stringify({
    baseUrl: [
      { baseUrl: a.url, model: "served-name", apiKeyEnv: "KEY_OF_A", concurrency: 2 },
      { baseUrl: b.url, concurrency: "auto:8" },
    ],
  }));
  const cache = path.join(tmp, "list-cache");
  const common = ["run", "--policy", "llm", "--households", "6", "--months", "12", "--seed", "7", "--model", "fake-model", "--cache", cache, "--quiet"];
  const recorded = path.join(tmp, "list-recorded");
  try {
    const r = await runCli([...common, "--config", config, "--out", recorded], { KEY_OF_A: "key-a", OPENAI_API_KEY: "key-b" });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(a.requests.length > 0 && b.requests.length > 0);
    assert.ok(a.requests.every((q) => (q.body as { model: string }).model === "served-name" && q.headers.authorization === "Bearer key-a"));
    assert.ok(b.requests.every((q) => (q.body as { model: string }).model === "fake-model" && q.headers.authorization === "Bearer key-b"));
    assert.ok(a.maxInFlight <= 2);
    const model = JSON.parse(read(recorded, "manifest.json")).households_model;
    assert.equal(model.model, "fake-model");
    assert.deepEqual(model.endpoints.map((e: { concurrency: string }) => e.concurrency), ["2", "auto:8"]);
  } finally {
    await a.close();
    await b.close();
  }
  // Both servers are gone; the cache key holds the run's model, not the endpoint, so the recording replays.
  const replayed = path.join(tmp, "list-replayed");
  const r2 = await runCli([...common, "--cache-mode", "replay", "--base-url", a.url, "--out", replayed]);
  assert.equal(r2.code, 0, r2.stderr);
  for (const f of ["monthly.csv", "decisions.csv", "transcripts.jsonl"]) assert.equal(read(replayed, f), read(recorded, f), f);
});

