import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { resolveConfig } from "../../lib/run/config.js";
import { DEFAULT_RATES, estimateRun, ratesFromRun } from "../../lib/run/estimate.js";
import { tokenCounter } from "../../lib/llm/tokenCount.js";
import { runCli } from "../support/cli.js";
import { billingModel, chatTokens, REFLECTION } from "../support/billingModel.js";
import { startFakeOpenAI } from "../support/fakeOpenAI.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-estimate-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Asserts |estimated/actual − 1| ≤ 10 % and returns the deviation in percent (reported as a test diagnostic). */
function within(estimated: number, actual: number, label: string): string {
  const pct = (estimated / actual - 1) * 100;
  assert.ok(Math.abs(pct) <= 10, `${label}: estimated ${estimated.toFixed(0)} vs actual ${actual} (${pct.toFixed(1)} %)`);
  return `${label} ${pct >= 0 ? "+" : ""}${pct.toFixed(1)} %`;
}

test("the estimate's call counts equal an actual run's and its tokens are within 10 % of what the endpoint reported", async (t) => {
  const server = await startFakeOpenAI(billingModel);
  try {
    const out = path.join(tmp, "actual");
    const options = ["--policy", "llm", "--households", "5", "--months", "24", "--seed", "4", "--model", "gpt-4o-mini"];
    const r = await runCli(["run", ...options, "--base-url", server.url, "--cache-mode", "off", "--out", out, "--quiet"]);
    assert.equal(r.code, 0, r.stderr);
    const actual = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8")).households_model.accounting.by_type;
    const cli = await runCli(["estimate", ...options, "--rates-from", out, "--json"]);
    assert.equal(cli.code, 0, cli.stderr);
    const e = JSON.parse(cli.stdout);
    // Exact: 5 × 24 decisions, 5 reflections after months 3, 6, …, 21 (none after the last month), no re-asks measured.
    assert.equal(e.decision.calls, 120);
    assert.equal(e.decision.calls, actual.decision.calls);
    assert.equal(e.reflection.calls, 5 * 7);
    assert.equal(e.reflection.calls, actual.reflection.calls);
    assert.equal(e.reask.calls, 0);
    assert.equal(actual.retry.calls, 0);
    t.diagnostic(
      [
        within(e.decision.inputTokens, actual.decision.inputTokens, "decision input"),
        within(e.decision.outputTokens, actual.decision.outputTokens, "decision output"),
        within(e.reflection.inputTokens, actual.reflection.inputTokens, "reflection input"),
        within(e.reflection.outputTokens, actual.reflection.outputTokens, "reflection output"),
      ].join(", "),
    );
    // Priced at gpt-4o-mini's list price: $0.15 and $0.60 per million tokens.
    assert.ok(Math.abs(e.total.costUsd - (e.total.inputTokens * 0.15 + e.total.outputTokens * 0.6) / 1e6) < 1e-12);
    assert.equal(e.monthlyCostUsd.length, 24);
    assert.ok(Math.abs(e.monthlyCostUsd.reduce((a: number, b: number) => a + b, 0) - e.total.costUsd) < 1e-9);
    assert.match(e.tokenizer, /gpt-4o-mini tokenizer/);
  } finally {
    await server.close();
  }
});

test("call counts follow households × months, the reflection schedule and the ablations", async () => {
  const base = { policy: "llm", months: 12, model: "gpt-4o-mini" } as const;
  const full = await estimateRun(resolveConfig({ ...base, households: 150 }), { ...DEFAULT_RATES, reaskRate: 0.1 });
  assert.equal(full.decision.calls, 1800);
  assert.equal(full.reflection.calls, 450); // after months 3, 6, 9
  assert.ok(Math.abs(full.reask.calls - 180) < 1e-9);
  assert.match(full.standIn, /100 households.*scaled ×1\.50/);
  const ablated = await estimateRun(resolveConfig({ ...base, households: 3, reflection: false, memory: 0, perception: false }));
  assert.equal(ablated.reflection.calls, 0);
  assert.equal(ablated.reflection.inputTokens, 0);
  assert.ok(Math.abs(ablated.reask.calls - 36 * DEFAULT_RATES.reaskRate) < 1e-9);
  // The estimate renders its own prompts: a replay's recording is neither needed nor read.
  const replay = await estimateRun(resolveConfig({ ...base, households: 2, cacheMode: "replay", recording: "/nonexistent.recording.jsonl.gz" }));
  assert.equal(replay.decision.calls, 24);
  // Without memory, perception and reflections a decision's context is far shorter than the full agent's.
  assert.ok(ablated.decision.inputTokens / 36 < full.decision.inputTokens / 1800 / 2);
});

test("an unknown model is counted at 4 characters per token and costs nothing without --price-*", async () => {
  const e = await estimateRun(resolveConfig({ policy: "llm", households: 2, months: 12, model: "my-local-model" }));
  assert.match(e.tokenizer, /4 characters per token/);
  assert.equal(e.total.costUsd, 0);
  const priced = await estimateRun(resolveConfig({ policy: "llm", households: 2, months: 12, model: "my-local-model", priceInput: 1, priceOutput: 2 }));
  assert.ok(Math.abs(priced.total.costUsd - (priced.total.inputTokens + 2 * priced.total.outputTokens) / 1e6) < 1e-12);
});

test("token counting: the model's tokenizer with OpenAI's chat framing, else chars/4", () => {
  const chat = [{ role: "system" as const, content: "You are a household." }, { role: "user" as const, content: "Work or not? Reply in JSON." }];
  assert.equal(tokenCounter("gpt-4o-mini").chat(chat), chatTokens(chat));
  // 20 and 27 characters → 5 + 7 tokens, 4 framing tokens per message, 3 priming the reply.
  assert.equal(tokenCounter("unknown-model").chat(chat), 5 + 7 + 2 * 4 + 3);
  assert.equal(tokenCounter("gpt-4o-mini").text(tokenCounter("gpt-4o-mini").truncate(REFLECTION, 17)), 17);
});

test("--rates-from reads re-asks per decision and the mean reflection length from a run's accounting", () => {
  const dir = path.join(tmp, "recorded");
  fs.mkdirSync(dir);
  const stats = (calls: number, cacheHits: number, outputTokens: number) => ({ calls, cacheHits, inputTokens: 0, outputTokens, cachedTokens: 0, latencyMs: 0, failures: 0, fallbacks: 0 });
  const by_type = { decision: stats(300, 100, 0), reflection: stats(40, 10, 6000), retry: stats(6, 2, 0) };
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ status: "complete", policy: "llm", seed: 1, config: {}, households_model: { accounting: { by_type } } }));
  const rates = ratesFromRun(dir);
  assert.equal(rates.reaskRate, 8 / 400);
  assert.equal(rates.reflectionOutputTokens, 150);
});
