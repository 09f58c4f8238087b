/**
 * The cost of a whole sweep: `sweep --dry-run` is the sum of its runs' estimates, and `sweep --max-cost` is one
 * budget for every run — it stops at run and month boundaries without passing the cap, and continued with a higher
 * cap the sweep ends with the files of an uninterrupted one.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cellConfig, expandCells } from "../../lib/experiment/cells.js";
import { parseExperiment } from "../../lib/experiment/experimentFile.js";
import { sweepRuns } from "../../lib/experiment/runs.js";
import { RUN_HEADROOM, SweepBudget } from "../../lib/experiment/sweepBudget.js";
import { estimateRun } from "../../lib/run/estimate.js";
import { billingModel } from "../support/billingModel.js";
import { runCli } from "../support/cli.js";
import { startFakeOpenAI } from "../support/fakeOpenAI.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-sweep-budget-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const write = (name: string, experiment: Record<string, unknown>) => {
  const file = path.join(tmp, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify({ name, ...experiment }));
  return file;
};

test("--dry-run: runs, calls, tokens and cost are the sums of every run's own estimate; rule-based runs cost nothing", async () => {
  const experiment = {
    base: { policy: "llm", households: 3, months: 12, model: "gpt-4o-mini" },
    arms: [{ name: "full" }, { name: "no-reflection", reflection: "off" }, { name: "rules", policy: "composite", model: null }],
    seeds: [1, 2],
  };
  const cli = await runCli(["sweep", write("dry", experiment), "--dry-run", "--json"]);
  assert.equal(cli.code, 0, cli.stderr);
  const json = JSON.parse(cli.stdout);
  const parsed = parseExperiment({ name: "dry", ...experiment });
  const runs = sweepRuns(expandCells(parsed), parsed.seeds);
  const sum = { decision: 0, reflection: 0, reask: 0, input: 0, output: 0, cost: 0 };
  for (const run of runs) {
    const config = cellConfig(run.cell, run.seed);
    if (config.policy !== "llm") continue;
    const e = await estimateRun(config);
    sum.decision += e.decision.calls;
    sum.reflection += e.reflection.calls;
    sum.reask += e.reask.calls;
    sum.input += e.total.inputTokens;
    sum.output += e.total.outputTokens;
    sum.cost += e.total.costUsd;
  }
  assert.equal(json.runs, 6);
  assert.equal(json.calling_runs, 4);
  // By hand: 3 households × 12 months of decisions in each of 4 LLM runs; reflections after months 3, 6, 9 in the 2 full runs.
  assert.deepEqual([json.calls.decision, json.calls.reflection], [4 * 3 * 12, 2 * 3 * 3]);
  assert.deepEqual([json.calls.decision, json.calls.reflection, json.calls.reask], [sum.decision, sum.reflection, sum.reask]);
  assert.deepEqual(json.tokens, { input: sum.input, output: sum.output });
  assert.equal(json.cost_usd, sum.cost);
  assert.ok(json.cost_usd > 0);
  assert.deepEqual(json.cells.map((c: { cell: string; runs: number; calls: number }) => [c.cell, c.runs, c.calls > 0]), [
    ["full", 2, true], ["no-reflection", 2, true], ["rules", 2, false],
  ]);
  const text = await runCli(["sweep", write("dry", experiment), "--dry-run"]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^sweep dry: 6 runs, 4 call a model\n/);
  assert.match(text.stdout, new RegExp(`\\ntotal +${Math.round(sum.decision + sum.reflection + sum.reask).toLocaleString("en-US")} `));
});

test("SweepBudget: caps in flight never add up to more than is left; a run whose next month does not fit stops the sweep", () => {
  const budget = new SweepBudget(10, 1); // $1 spent by an earlier invocation
  const monthly = [1, 1, 1, 1];
  // Not alone: the estimate ($4) × headroom.
  assert.deepEqual(budget.admit({ index: 0, spentUsd: 0, monthsDone: 0, monthlyCostUsd: monthly }, false), { maxCostUsd: 4 * RUN_HEADROOM, monthlyCostUsd: monthly });
  // Left: 10 − 1 − 5 = 4; a run resumed after 2 months at $3 (1.5× over its $2 estimate): next month ≈ $1.5, remaining ≈ $3 × 1.25 > 4.
  assert.deepEqual(budget.admit({ index: 1, spentUsd: 3, monthsDone: 2, monthlyCostUsd: monthly }, false)?.maxCostUsd, 3 + 3.75);
  // Left: 4 − 3.75 = 0.25 < month 1's $1: not started, and nothing after it.
  assert.equal(budget.admit({ index: 2, spentUsd: 0, monthsDone: 0, monthlyCostUsd: monthly }, true), null);
  assert.equal(budget.admit({ index: 3, spentUsd: 0, monthsDone: 0, monthlyCostUsd: [0.01] }, true), null);
  budget.finish(0, 4.2, false);
  budget.finish(1, 6, false);
  assert.equal(budget.spent, 1 + 4.2 + 3);
  // Alone, a run gets all that is left.
  const fresh = new SweepBudget(10, 0);
  assert.equal(fresh.admit({ index: 0, spentUsd: 0, monthsDone: 0, monthlyCostUsd: monthly }, true)?.maxCostUsd, 10);
});

test("--max-cost: the sweep stops at run and month boundaries under the cap (exit 3); a higher cap finishes it with an uninterrupted sweep's files", async () => {
  const server = await startFakeOpenAI(billingModel);
  try {
    const experiment = {
      base: { policy: "llm", households: 4, months: 12, model: "gpt-4o-mini", baseUrl: server.url, cacheMode: "off" },
      arms: [{ name: "full" }, { name: "no-memory", memory: 0 }],
      seeds: [1, 2],
    };
    const file = write("capped", experiment);
    const whole = path.join(tmp, "whole");
    const uninterrupted = await runCli(["sweep", file, "--out", whole, "--jobs", "1", "--quiet"]);
    assert.equal(uninterrupted.code, 0, uninterrupted.stderr);
    const calls = server.requests.length;
    const costOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")).households_model.accounting.estimated_cost_usd as number;
    const runDirs = sweepRuns(expandCells(parseExperiment({ name: "capped", ...experiment })), [1, 2]).map((r) => r.dir);
    const costs = runDirs.map((d) => costOf(path.join(whole, d)));
    // Room for the first run and about half of the second: the second stops at a month boundary, two never start.
    const cap = costs[0] + costs[1] / 2;
    const capped = path.join(tmp, "capped");
    const stopped = await runCli(["sweep", file, "--out", capped, "--jobs", "1", "--quiet", "--max-cost", String(cap)]);
    assert.equal(stopped.code, 3, stopped.stderr);
    assert.match(stopped.stderr, /^econagent: --max-cost: the sweep stopped at \$[\d.]+ of \$[\d.]+ spent: runs: 1 stopped at a month boundary, 2 not started; continue with .* --max-cost HIGHER\n$/);
    const manifest = (d: string) => JSON.parse(fs.readFileSync(path.join(capped, d, "manifest.json"), "utf8"));
    assert.equal(manifest(runDirs[0]).status, "complete");
    assert.equal(manifest(runDirs[1]).status, "budget");
    const months = manifest(runDirs[1]).counts.months_completed;
    assert.ok(months >= 3 && months <= 9, `the second run stopped after ${months} months`);
    assert.ok(!fs.existsSync(path.join(capped, runDirs[2])) && !fs.existsSync(path.join(capped, runDirs[3])));
    const spent = costOf(path.join(capped, runDirs[0])) + costOf(path.join(capped, runDirs[1]));
    assert.ok(spent <= cap, `spent ${spent} of ${cap}`);
    // Continued with the same cap: nothing fits, nothing is called.
    const before = server.requests.length;
    assert.equal((await runCli(["sweep", file, "--out", capped, "--jobs", "1", "--quiet", "--max-cost", String(cap)])).code, 3);
    assert.equal(server.requests.length, before);
    // With a higher cap, two workers: the sweep completes, every run made exactly the uninterrupted sweep's calls.
    const resumed = await runCli(["sweep", file, "--out", capped, "--jobs", "2", "--quiet", "--max-cost", String(costs.reduce((a, b) => a + b) * 2)]);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(server.requests.length - calls, calls, "the capped sweep and its continuation called the model as often as the uninterrupted one");
    for (const dir of runDirs) {
      for (const name of ["monthly.csv", "annual.csv", "summary.json", "decisions.csv", "households.csv", "transcripts.jsonl", "business_cycle.csv"]) {
        assert.ok(fs.readFileSync(path.join(capped, dir, name)).equals(fs.readFileSync(path.join(whole, dir, name))), `${dir}/${name}`);
      }
      assert.equal(manifest(dir).households_model.accounting.total.calls, JSON.parse(fs.readFileSync(path.join(whole, dir, "manifest.json"), "utf8")).households_model.accounting.total.calls);
      assert.equal(manifest(dir).config.maxCost, null, "the sweep's budget is not written into the runs' configuration");
    }
    for (const table of ["runs.csv", "annual.csv", "monthly.csv"]) {
      assert.equal(fs.readFileSync(path.join(capped, table), "utf8"), fs.readFileSync(path.join(whole, table), "utf8"), table);
    }
  } finally {
    await server.close();
  }
});

test("bad sweep budget and dry-run input: one line, exit 2", async () => {
  const file = write("bad", { base: { policy: "llm", households: 2, months: 12, model: "my-local-model" }, seeds: [1] });
  const cases: [string[], RegExp][] = [
    [["--out", path.join(tmp, "bad"), "--max-cost", "5"], /^econagent: --max-cost: got 5; allowed: a cap on a priced model \(my-local-model has no known prices/],
    [["--out", path.join(tmp, "bad"), "--max-cost", "-1"], /^econagent: --max-cost: got "-1"; allowed: a positive amount of US dollars\n$/],
    [["--out", path.join(tmp, "bad"), "--max-cost", "5", "--shard", "0/2"], /^econagent: --max-cost: got 5; allowed: a local, unsharded sweep/],
    [["--out", path.join(tmp, "bad"), "--json"], /^econagent: --json: got true; allowed: only with --dry-run\n$/],
    [["--dry-run", "--jobs", "2"], /^econagent: --jobs: got "2"; allowed: with --dry-run only --json and --rates-from RUN_DIR\n$/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(["sweep", file, ...args]);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split("\n").length, 1);
  }
});
