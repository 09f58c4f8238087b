import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { Budget, BudgetExhausted } from "../../lib/run/budget.js";
import { billingModel } from "../support/billingModel.js";
import { runCli } from "../support/cli.js";
import { startFakeOpenAI } from "../support/fakeOpenAI.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-budget-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const OUTPUTS = ["monthly.csv", "annual.csv", "summary.json", "decisions.csv", "households.csv", "transcripts.jsonl"];
const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f), "utf8");
const manifestOf = (dir: string) => JSON.parse(read(dir, "manifest.json"));

test("Budget: spend so far plus the next month's estimate, scaled up by any overrun so far, never down", () => {
  const budget = new Budget(10, [2, 2, 3, 3]);
  budget.check(0, 0); // month 1 ≈ $2 ≤ $10
  budget.check(2, 4); // on estimate: 4 + 3 = 7
  assert.throws(() => budget.check(2, 8), (e: unknown) => e instanceof BudgetExhausted && e.nextMonthUsd === 6); // 2× over: 8 + 2·3 = 14
  budget.check(3, 1); // a warm cache spent less: 1 + 3 (not scaled down)
  assert.throws(() => new Budget(1.5, [2]).check(0, 0), BudgetExhausted); // even month 1 is too dear
  budget.check(4, 100); // nothing left to run
});

test("--max-cost stops at a month boundary (exit 3, manifest 'budget'), --resume with a higher cap finishes byte-identically", async () => {
  const server = await startFakeOpenAI(billingModel);
  try {
    const options = ["--policy", "llm", "--households", "4", "--months", "12", "--seed", "5", "--model", "gpt-4o-mini", "--cache-mode", "off", "--quiet"];
    const whole = path.join(tmp, "whole");
    assert.equal((await runCli(["run", ...options, "--base-url", server.url, "--out", whole])).code, 0);
    const estimate = JSON.parse((await runCli(["estimate", ...options, "--json"])).stdout);
    // A cap between the estimated spend of 5 and of 6 months: the run must stop near month 5.
    const through = (m: number) => estimate.monthlyCostUsd.slice(0, m).reduce((a: number, b: number) => a + b, 0);
    const cap = (through(5) + through(6)) / 2;

    const capped = path.join(tmp, "capped");
    const stopped = await runCli(["run", ...options, "--base-url", server.url, "--max-cost", String(cap), "--out", capped]);
    assert.equal(stopped.code, 3, stopped.stderr);
    assert.equal(stopped.stderr.trim().split("\n").length, 1);
    assert.match(stopped.stderr, /^econagent: --max-cost: stopped after month \d+: spent \$[\d.]+, and month \d+ .* --resume DIR --max-cost HIGHER/);
    const m = manifestOf(capped);
    assert.equal(m.status, "budget");
    const months = m.counts.months_completed;
    assert.ok(months >= 4 && months <= 6, `stopped after ${months} months`);
    assert.ok(m.households_model.accounting.estimated_cost_usd <= cap, "never spends past the cap");
    assert.equal(read(capped, "monthly.csv").trim().split("\n").length, 1 + months);

    const resumed = await runCli(["run", "--resume", capped, "--max-cost", "1"]);
    assert.equal(resumed.code, 0, resumed.stderr);
    for (const f of OUTPUTS) assert.equal(read(capped, f), read(whole, f), f);
    const final = manifestOf(capped);
    assert.equal(final.status, "complete");
    assert.equal(final.config.maxCost, 1);
    // The resumed run's accounting continues the first part's: every call of the whole run, counted once.
    assert.deepEqual(
      [final.households_model.accounting.by_type.decision.calls, final.households_model.accounting.by_type.reflection.calls],
      [manifestOf(whole).households_model.accounting.by_type.decision.calls, manifestOf(whole).households_model.accounting.by_type.reflection.calls],
    );
    assert.ok(Math.abs(final.households_model.accounting.estimated_cost_usd - manifestOf(whole).households_model.accounting.estimated_cost_usd) < 1e-12);

    // A cap below month 1's estimate stops before any call; resuming with a cap that allows everything completes it.
    const early = path.join(tmp, "early");
    const none = await runCli(["run", ...options, "--base-url", server.url, "--max-cost", String(estimate.monthlyCostUsd[0] / 2), "--out", early]);
    assert.equal(none.code, 3, none.stderr);
    assert.match(none.stderr, /stopped after month 0/);
    assert.equal(manifestOf(early).households_model.accounting.total.calls, 0);
    assert.equal((await runCli(["run", "--resume", early, "--max-cost", "1"])).code, 0);
    for (const f of OUTPUTS) assert.equal(read(early, f), read(whole, f), f);
  } finally {
    await server.close();
  }
});
