/** Scenario files (docs/model.md §8): validation with clear errors, the month-by-month schedule, and their effect on a run. */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { taxSchedule } from "../../lib/calibration/tax.js";
import { payTaxFundedBasicIncome } from "../../lib/economy/government.js";
import { DEFAULT_PARAMETERS } from "../../lib/economy/parameters.js";
import { allocateState } from "../../lib/economy/state.js";
import { fixedPolicy } from "../../lib/households/rules/ruleBased.js";
import { createSimulation } from "../../lib/run/createSimulation.js";
import { loadScenario, validateScenario } from "../../lib/scenario/scenario.js";
import { ScenarioSchedule } from "../../lib/scenario/schedule.js";
import { dataPath } from "../../lib/paths.js";
import { runCli } from "../support/cli.js";
import { startFakeOpenAI } from "../support/fakeOpenAI.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-scenario-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, content: unknown) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
};
const event = (extra: Record<string, unknown>) => ({ name: "t", events: [{ from: "2001-03", to: "2001-05", ...extra }] });
const invalid = (raw: unknown, pattern: RegExp) => assert.throws(() => validateScenario(raw, "s.json", 2001, 24), pattern);

test("bad scenarios are refused naming the field, the value and what is allowed", () => {
  invalid({ name: "t", events: [], extra: 1 }, /s\.json\.extra: got 1; allowed: one of the keys name, description, events/);
  invalid({ name: "t", events: [] }, /s\.json: events: got \[\]; allowed: a non-empty array/);
  invalid(event({ changes: { interest: 0.1 } }), /events\[0\]\.changes\.interest: got 0\.1; allowed: one of the keys wageLevel, priceLevel, productivity/);
  invalid(event({ when: "now", news: "x" }), /events\[0\]\.when: got "now"/);
  invalid(event({ from: "2003-01", news: "x" }), /events\[0\]\.from: got "2003-01"; allowed: a month "YYYY-MM" from "2001-01" to "2002-12"/);
  invalid(event({ from: "2001-13", news: "x" }), /events\[0\]\.from: got "2001-13"/);
  invalid(event({ to: "2001-02", news: "x" }), /events\[0\]\.to: got "2001-02"; allowed: a month not before "from" \(2001-03\)/);
  invalid(event({ changes: { productivity: -1 } }), /changes\.productivity: got -1; allowed: a positive number of goods per hour/);
  invalid(event({ changes: { taxYear: 2020 } }), /changes\.taxYear: got 2020; allowed: 2018, 2019, 2022/);
  invalid(event({}), /events\[0\]: .*allowed: an event with a news sentence, parameter changes or both/);
  invalid(
    { name: "t", events: [{ from: "2001-01", to: "2001-06", changes: { ubi: 100 } }, { from: "2001-06", to: "2001-09", changes: { ubi: 200 } }] },
    /events\[1\]\.changes\.ubi: got 200; allowed: no other value while events\[0\] \(2001-01…2001-06\) sets ubi to 100 — the ranges overlap/,
  );
  // The same value of a parameter in force in overlapping ranges is not a contradiction; levels in ranges that do not overlap neither.
  validateScenario({ name: "t", events: [{ from: "2001-01", to: "2001-06", changes: { ubi: 100, wageLevel: 0.9 } }, { from: "2001-06", to: "2001-09", changes: { ubi: 100 } }, { from: "2001-10", to: "2001-10", changes: { wageLevel: 1.1 } }] }, "s.json", 2001, 24);
  // Two overlapping levels would compound (0.9 × 1.1 in one month when they start together): refused, whatever the values (issue 18 item 18).
  for (const [second, from] of [[1.1, "2001-03"], [0.9, "2001-03"], [1.1, "2001-05"]] as const) {
    invalid(
      { name: "t", events: [{ from: "2001-03", to: "2001-06", changes: { wageLevel: 0.9 } }, { from, to: "2001-06", changes: { wageLevel: second } }] },
      new RegExp(`events\\[1\\]\\.changes\\.wageLevel: got ${second}; allowed: no wageLevel while events\\[0\\] \\(2001-03…2001-06\\) sets wageLevel to 0\\.9 — the ranges overlap`),
    );
  }
  assert.throws(() => loadScenario(path.join(tmp, "none.json"), 2001, 24), /--scenario: got ".*none\.json"; allowed: a readable scenario JSON file/);
  assert.throws(() => loadScenario(write("broken.json", "{"), 2001, 24), /--scenario: .*allowed: valid JSON/);
});

test("the shipped scenarios are valid for the paper's run (2001–2020)", () => {
  for (const file of ["2008-financial-crisis", "2015-shock", "2020-pandemic", "policy-top-tax-ubi", "policy-top-tax-ubi-funded"]) {
    const { events } = loadScenario(dataPath("scenarios", `${file}.json`), 2001, 240);
    assert.ok(events.length > 0, file);
  }
});

test("the schedule: news and parameters in force only inside their range, level jumps only in the first month", () => {
  const { events } = validateScenario(
    {
      name: "t",
      events: [
        { from: "2001-02", to: "2001-04", news: "A", changes: { wageLevel: 0.9, productivity: 2, topTaxRate: 0.5 } },
        { from: "2001-03", to: "2001-03", news: "B", changes: { ubi: 50, taxYear: 2022, inflationWeight: 1.5 } },
      ],
    },
    "s.json",
    2001,
    12,
  );
  const schedule = new ScenarioSchedule(DEFAULT_PARAMETERS, taxSchedule(2019), events);
  const [m1, m2, m3, m5] = [1, 2, 3, 5].map((m) => schedule.at(m));
  assert.deepEqual([m1.news, m2.news, m3.news, m5.news], [[], ["A"], ["A", "B"], []]);
  assert.deepEqual([m1.wageJump, m2.wageJump, m3.wageJump], [1, 0.9, 1]);
  assert.deepEqual([m1.params.productivity, m2.params.productivity, m3.params.productivity, m5.params.productivity], [1, 2, 2, 1]);
  assert.deepEqual([m2.ubi, m3.ubi, m5.ubi], [0, 50, 0]);
  assert.equal(m3.params.inflationWeight, 1.5);
  assert.equal(m5.params.inflationWeight, 0.5);
  // 2019 top rate 37% → 50% in months 2–4; month 3 uses 2022's brackets with the top rate 50%.
  assert.deepEqual(m2.taxSchedule.rates, [0.1, 0.12, 0.22, 0.24, 0.32, 0.35, 0.5]);
  assert.deepEqual(m3.taxSchedule.cutoffs, taxSchedule(2022).cutoffs);
  assert.equal(m3.taxOf(100_000) - m5.taxOf(100_000) > 0, true);
  assert.equal(m2.taxOf(50_000), m1.taxOf(50_000) + 0.13 * (50_000 - 42_525));
});

const FIXED = { households: 100, months: 12, seed: 1 };

test("productivity 2 in January 2001 under fixed(1, 0.5): 33,600 goods made, the same 8,400 sold, 25,200 left", async () => {
  const file = write("productivity.json", { name: "p", events: [{ from: "2001-01", to: "2001-01", changes: { productivity: 2 } }] });
  const { simulation } = await createSimulation({ ...FIXED, scenario: file }, fixedPolicy(1, 0.5));
  const m1 = await simulation.step();
  assert.equal(m1.production, 33_600);
  assert.equal(m1.goods_sold, 8_400);
  assert.equal(m1.inventory, 25_200);
  const m2 = await simulation.step();
  assert.equal(m2.production, 16_800); // back to 1 good per hour
});

test("a basic income of $100 with nobody working: each household holds $100, transfers = 100·N, no tax", async () => {
  const file = write("ubi.json", { name: "u", events: [{ from: "2001-01", to: "2001-02", changes: { ubi: 100 } }] });
  const { simulation } = await createSimulation({ ...FIXED, scenario: file }, fixedPolicy(0, 0));
  const m1 = await simulation.step();
  assert.deepEqual([m1.tax_revenue, m1.transfers, m1.total_savings], [0, 10_000, 10_000]);
  const m2 = await simulation.step();
  const m3 = await simulation.step();
  assert.deepEqual([m2.total_savings, m3.total_savings, m3.transfers], [20_000, 20_000, 0]);
});

test("a tax-funded basic income by hand: τ = N·amount / Σ post-tax income, capped at 1", () => {
  const state = allocateState(2, 1, 0.03, new Float64Array(0));
  assert.equal(payTaxFundedBasicIncome(state, 500, Float64Array.of(0, 2000)), 1000); // τ = 1,000 / 2,000
  assert.deepEqual([...state.tax, ...state.transfer, ...state.savings], [0, 1000, 500, 500, 500, -500]);
  const poor = allocateState(2, 1, 0.03, new Float64Array(0));
  assert.equal(payTaxFundedBasicIncome(poor, 500, Float64Array.of(200, 400)), 600); // τ capped at 1: 300 each
  assert.deepEqual([...poor.tax, ...poor.transfer], [200, 400, 300, 300]);
});

test("a budget-neutral basic income (ubiFunding income-tax): tax = transfers every month and no new money", async () => {
  const funded = write("ubi-funded.json", { name: "f", events: [{ from: "2001-01", to: "2001-12", changes: { ubi: 100, ubiFunding: "income-tax" } }] });
  const printed = write("ubi-printed.json", { name: "p", events: [{ from: "2001-01", to: "2001-12", changes: { ubi: 100 } }] });
  const run = async (scenario?: string) => {
    const { simulation } = await createSimulation({ ...FIXED, ...(scenario ? { scenario } : {}) }, fixedPolicy(1, 0));
    await simulation.run();
    return simulation.monthly;
  };
  const [base, withFunded, withPrinted] = [await run(), await run(funded), await run(printed)];
  for (const [k, m] of withFunded.entries()) {
    assert.ok(Math.abs(m.tax_revenue - m.transfers) < 1e-6 * m.transfers, `month ${m.month}: tax ${m.tax_revenue} vs transfers ${m.transfers}`);
    assert.ok(Math.abs(m.tax_revenue - base[k].tax_revenue - 100 * 100) < 1e-6 * m.tax_revenue, `month ${m.month}: the surcharge raises 100·N`);
    assert.ok(Math.abs(m.total_savings - base[k].total_savings) < 1e-9 * m.total_savings, `month ${m.month}: the money stock is the baseline's`);
    // Until December's interest (eq. 12) pays on the larger balances, printing adds exactly 100·N a month.
    if (m.month < 12) assert.ok(Math.abs(withPrinted[k].total_savings - base[k].total_savings - 100 * 100 * m.month) < 1e-9 * m.total_savings, "new money adds 100·N a month");
  }
  invalid(event({ changes: { ubi: 100, ubiFunding: "bonds" } }), /events\[0\]\.changes\.ubiFunding: got "bonds"; allowed: new-money, income-tax/);
});

test("a wage-level jump of ×2 doubles every wage at the start of its month (fixed(1, 0): the same market moves follow)", async () => {
  const file = write("wages.json", { name: "w", events: [{ from: "2001-01", to: "2001-01", changes: { wageLevel: 2 } }] });
  const base = (await createSimulation(FIXED, fixedPolicy(1, 0))).simulation;
  const shocked = (await createSimulation({ ...FIXED, scenario: file }, fixedPolicy(1, 0))).simulation;
  const [a, b] = [await base.step(), await shocked.step()];
  assert.equal(b.mean_wage, 2 * a.mean_wage);
});

test("the news reaches LLM households' prompts in its months only, and the manifest records the scenario", async () => {
  const server = await startFakeOpenAI(() => ({ content: '{"work": 1, "consumption": 0.5}' }));
  try {
    const file = write("news.json", { name: "news test", events: [{ from: "2001-02", to: "2001-02", news: "A meteor has hit the city." }] });
    const out = path.join(tmp, "llm-news");
    const r = await runCli([
      "run", "--policy", "llm", "--households", "2", "--months", "12", "--out", out, "--base-url", server.url, "--model", "fake",
      "--cache-mode", "off", "--scenario", file, "--quiet",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const records = fs.readFileSync(path.join(out, "transcripts.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const withNews = records.filter((x) => x.kind === "decision" && x.prompt.includes("A meteor has hit the city.")).map((x) => x.month);
    assert.deepEqual(withNews, [2, 2]);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
    assert.equal(manifest.scenario.name, "news test");
    assert.match(manifest.scenario.sha256, /^[0-9a-f]{64}$/);
    const bad = await runCli(["run", "--policy", "len", "--months", "12", "--out", path.join(tmp, "bad"), "--scenario", dataPath("scenarios", "2008-financial-crisis.json")]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /events\[0\]\.from: got "2008-09"; allowed: a month "YYYY-MM" from "2001-01" to "2001-12"/);
    assert.equal(fs.existsSync(path.join(tmp, "bad", "manifest.json")), false);
  } finally {
    await server.close();
  }
});
