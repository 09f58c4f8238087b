import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { runCli } from "../support/cli.js";
import { deterministicAnswer, startFakeOpenAI } from "../support/fakeOpenAI.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-llm-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Body = { messages: { role: string; content: string }[]; response_format?: unknown };

const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f), "utf8");
const jsonl = (dir: string) => read(dir, "transcripts.jsonl").trim().split("\n").map((l) => JSON.parse(l));
const args = (out: string, url: string, extra: string[] = []) => [
  "run", "--policy", "llm", "--households", "4", "--months", "12", "--seed", "3", "--out", out,
  "--base-url", url, "--model", "fake-model", "--cache", path.join(out, "..", path.basename(out) + "-cache"), ...extra,
];

test("LLM households: decisions come from the model, memory and reflection sit where the paper puts them", async () => {
  const server = await startFakeOpenAI((body) => ({ content: deterministicAnswer(body as Body) }));
  try {
    const out = path.join(tmp, "basic");
    const r = await runCli(args(out, server.url));
    assert.equal(r.code, 0, r.stderr);
    const records = jsonl(out);
    assert.equal(records[0].kind, "system");
    const decisions = records.filter((x) => x.kind === "decision");
    const reflections = records.filter((x) => x.kind === "reflection");
    assert.equal(decisions.length, 48);
    assert.equal(reflections.length, 12); // after months 3, 6, 9 — none after the final month 12
    assert.deepEqual([...new Set(reflections.map((x) => x.month))], [3, 6, 9]);
    // The propensities recorded are the model's answers.
    const csv = read(out, "decisions.csv").trim().split("\n").slice(1).map((l) => l.split(","));
    for (const d of decisions) {
      const expected = JSON.parse(deterministicAnswer({ messages: [{ role: "user", content: d.prompt }] }));
      assert.equal(d.work, expected.work);
      const line = csv.find((c) => Number(c[0]) === d.month && Number(c[1]) === d.household)!;
      assert.equal(Number(line[2]), expected.work);
      assert.equal(Number(line[3]), expected.consumption);
    }
    // Message layout for household 0 (requests arrive in any order: find them by content).
    const system = records[0].content;
    const h0 = decisions.filter((d) => d.household === 0);
    const sent = server.requests.map((q) => (q.body as Body).messages);
    const request = (lastContent: string) => sent.find((m) => m[m.length - 1].content === lastContent)!;
    const m2 = request(h0[1].prompt);
    assert.deepEqual(m2.map((m) => m.role), ["system", "user", "assistant", "user"]);
    assert.equal(m2[0].content, system);
    assert.equal(m2[1].content, h0[0].prompt);
    assert.equal(m2[2].content, h0[0].answer);
    const m4 = request(h0[3].prompt);
    assert.deepEqual(m4.map((m) => m.role), ["system", "user", "assistant", "user", "assistant", "user"]);
    assert.equal(m4[1].content, h0[2].prompt); // memory L = 1: month 3 only
    assert.match(m4[3].content, /^Given the previous quarter's economic environment/);
    assert.equal(m4[4].content, reflections.find((x) => x.household === 0 && x.month === 3).answer);
    const m5 = request(h0[4].prompt);
    assert.equal(m5.length, 4, "the reflection enters the next decision only");
    const reflection = sent.find((m) => m[m.length - 1].content.startsWith("Given the previous quarter") && m[1].content === h0[0].prompt)!;
    assert.deepEqual(reflection.map((m) => m.role), ["system", "user", "assistant", "user", "assistant", "user", "assistant", "user"]);
    // Every system message is byte-identical (prefix caching), and decisions ask for structured output.
    assert.ok(sent.every((m) => m[0].content === system));
    const decisionBodies = server.requests.filter((q) => !(q.body as Body).messages.at(-1)!.content.startsWith("Given"));
    assert.ok(decisionBodies.every((q) => (q.body as Body).response_format !== undefined));
    const manifest = JSON.parse(read(out, "manifest.json"));
    assert.equal(manifest.households_model.model, "fake-model");
    assert.equal(manifest.households_model.accounting.by_type.decision.calls, 48);
    assert.equal(manifest.households_model.accounting.by_type.reflection.calls, 12);
    assert.equal(manifest.households_model.accounting.total.fallbacks, 0);
  } finally {
    await server.close();
  }
});

test("ablations: memory 0 and reflection off leave only the current prompt", async () => {
  const server = await startFakeOpenAI((body) => ({ content: deterministicAnswer(body as Body) }));
  try {
    const out = path.join(tmp, "ablation");
    const r = await runCli(args(out, server.url, ["--memory", "0", "--reflection", "off"]));
    assert.equal(r.code, 0, r.stderr);
    assert.ok(server.requests.every((q) => (q.body as Body).messages.length === 2));
    assert.equal(jsonl(out).filter((x) => x.kind === "reflection").length, 0);
  } finally {
    await server.close();
  }
});

test("unreadable answers are re-asked twice, then the official fallback is used and counted (however many: --max-fallback-share 1)", async () => {
  // Without memory or reflection a request is [system, prompt] or, re-asked, [system, prompt, answer, re-ask]:
  // households whose prompt states an even age always answer unreadably.
  let unreadable = 0;
  const server = await startFakeOpenAI((body) => {
    const b = body as Body;
    if (/ \d*[02468]-year-old/.test(b.messages[1].content)) {
      unreadable++;
      return { content: "I would rather not say." };
    }
    return { content: deterministicAnswer(b) };
  });
  try {
    const out = path.join(tmp, "fallback");
    const r = await runCli(args(out, server.url, ["--reflection", "off", "--memory", "0", "--max-fallback-share", "1"]));
    assert.equal(r.code, 0, r.stderr);
    const decisions = jsonl(out).filter((x) => x.kind === "decision");
    const fallbacks = decisions.filter((d) => d.fallback);
    assert.ok(fallbacks.length > 0);
    for (const d of fallbacks) {
      assert.equal(d.work, 1);
      assert.equal(d.consumption, 0.5);
      assert.equal(d.reasks, 2);
      assert.deepEqual(d.rejected, ["I would rather not say.", "I would rather not say.", "I would rather not say."]);
    }
    assert.ok(decisions.filter((d) => !d.fallback).every((d) => d.rejected === undefined));
    assert.equal(unreadable, fallbacks.length * 3); // the first ask and two re-asks
    const manifest = JSON.parse(read(out, "manifest.json"));
    assert.equal(manifest.households_model.accounting.total.fallbacks, fallbacks.length);
    assert.equal(manifest.households_model.accounting.by_type.retry.calls, fallbacks.length * 2);
  } finally {
    await server.close();
  }
});

test("--transport sdk and the default http transport make the same run: same files, same token accounting", async () => {
  const server = await startFakeOpenAI((body) => ({ content: deterministicAnswer(body as Body) }));
  try {
    const runs: Record<string, string> = {};
    for (const transport of ["http", "sdk"]) {
      runs[transport] = path.join(tmp, `transport-${transport}`);
      const r = await runCli(args(runs[transport], server.url, ["--cache-mode", "off", ...(transport === "sdk" ? ["--transport", "sdk"] : [])]));
      assert.equal(r.code, 0, r.stderr);
    }
    for (const file of ["monthly.csv", "annual.csv", "decisions.csv", "households.csv", "transcripts.jsonl"]) {
      assert.equal(read(runs.http, file), read(runs.sdk, file), file);
    }
    const [http, sdk] = [runs.http, runs.sdk].map((dir) => JSON.parse(read(dir, "manifest.json")));
    assert.deepEqual([http.config.transport, sdk.config.transport], ["http", "sdk"]);
    const tokens = (m: { households_model: { accounting: { total: Record<string, number> } } }) => {
      const { calls, inputTokens, outputTokens, cachedTokens } = m.households_model.accounting.total;
      return { calls, inputTokens, outputTokens, cachedTokens };
    };
    assert.deepEqual(tokens(http), tokens(sdk));
    assert.equal(tokens(http).calls, 60); // 48 decisions and 12 reflections
    assert.ok(tokens(http).inputTokens > 60 * 100 && tokens(http).outputTokens > 60, JSON.stringify(tokens(http)));
    assert.equal(server.requests.length, 120);
  } finally {
    await server.close();
  }
});
