import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { resolveConfig } from "../../lib/run/config.js";
import { estimateRun } from "../../lib/run/estimate.js";
import { runExperiment } from "../../lib/run/runExperiment.js";
import { runCli } from "../support/cli.js";
import { startFakeOpenAI } from "../support/fakeOpenAI.js";
import { decide, promptReaderAnswer, readPrompt } from "../support/promptReader.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-archetypes-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Body = { messages: { role: string; content: string }[] };
type Row = Record<string, number>;

const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f), "utf8");
const jsonl = (dir: string) => read(dir, "transcripts.jsonl").trim().split("\n").map((l) => JSON.parse(l));
const csv = (dir: string, f: string): Row[] => {
  const [head, ...lines] = read(dir, f).trim().split("\n");
  const names = head.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, j) => [names[j], Number(v)])));
};
const args = (out: string, url: string, extra: string[] = [], cache = `${out}-cache`) => [
  "run", "--policy", "llm", "--households", "60", "--months", "12", "--seed", "4", "--out", out, "--quiet",
  "--base-url", url, "--model", "reader", "--cache", cache, ...extra,
];
const OUTPUTS = ["monthly.csv", "annual.csv", "decisions.csv", "households.csv", "transcripts.jsonl", "audit.csv", "summary.json"];

test("the stand-in reads the facts perception wrote, with perception on and off", () => {
  const on =
    "You're Ann Lee, a 40-year-old individual living in New York City, New York. Now it's 2001.04. A pandemic has closed offices. " +
    "In the previous month, you worked as a(an) cashier. If you continue working this month, your expected income will be $2016.00, " +
    "which is increased compared to the last month due to the inflation of labor market. Besides, your consumption was $300.00. " +
    "Your tax deduction amounted to $100.00. However, … Meanwhile, inflation has led to a price increase in the consumption market, " +
    "with the average price of essential goods now at $151.20. Your current savings account balance is $4032.00. Interest rates …";
  assert.deepEqual(readPrompt(on), { income: 2016, savings: 4032, price: 151.2, employed: true, news: true });
  const off = "Date: 2001.02. Income if you work this month: $1500.00. Last month's consumption: $0.00. Price of goods: $150.00. Savings: $0.00. Interest rate: 3.00%.";
  assert.deepEqual(readPrompt(off), { income: 1500, savings: 0, price: 150, employed: null, news: false });
  assert.equal(readPrompt("Given the previous quarter's economic environment, reflect …"), null);
  // By hand: 2 months of income saved, 13.3 goods a month: work 0.95 − 0.08 = 0.87, consumption 0.12 + 0.3/(1 + 2/3) = 0.3.
  assert.deepEqual(decide({ income: 2000, savings: 4000, price: 150, employed: true, news: false }), { work: 0.87, consumption: 0.3 });
  // News lowers both; being unemployed raises work.
  assert.deepEqual(decide({ income: 2000, savings: 4000, price: 150, employed: false, news: true }), { work: 0.81, consumption: 0.25 });
  assert.equal(promptReaderAnswer({ messages: [{ content: off }] }), JSON.stringify({ work: 0.95, consumption: 0.42 }));
});

test("bad input: one line naming the field, exit 2", async () => {
  const cases: [string[], RegExp][] = [
    [["--policy", "llm", "--archetypes", "0"], /^--archetypes: got "0"; allowed: a positive integer/],
    [["--policy", "composite", "--archetypes", "10"], /^--archetypes: got 10; allowed: only with --policy llm \(policy is composite\)/],
    [["--policy", "llm", "--households", "10", "--archetypes", "5", "--audit", "11"], /^--audit: got 11; allowed: at most the number of households \(10\)/],
    [["--policy", "llm", "--audit", "3"], /^--audit: got 3; allowed: only with --archetypes/],
  ];
  for (const [flags, message] of cases) {
    const r = await runCli(["run", ...flags, "--out", path.join(tmp, "bad")]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.match(r.stderr.trim().replace(/^econagent: /, ""), message);
  }
});

test("archetypes: one call per group, members follow their archetype, the audit follows itself and audit.csv recomputes from the transcripts", async () => {
  const server = await startFakeOpenAI((body) => ({ content: promptReaderAnswer(body as Body) }));
  try {
    const out = path.join(tmp, "grouped");
    const r = await runCli(args(out, server.url, ["--archetypes", "8", "--audit", "6"]));
    assert.equal(r.code, 0, r.stderr);
    const records = jsonl(out);
    const groupDecisions = records.filter((x) => x.kind === "decision" && !x.audit);
    const auditDecisions = records.filter((x) => x.kind === "decision" && x.audit);
    const decisions = csv(out, "decisions.csv");
    for (let month = 1; month <= 12; month++) {
      const groups = groupDecisions.filter((d) => d.month === month);
      assert.ok(groups.length <= 8 && groups.length >= 2, `month ${month}: ${groups.length} archetypes`);
      assert.equal(groups.reduce((n, g) => n + g.members, 0), 60, "every household is in exactly one archetype");
      // The prompt is a real member's, and the answer is the stand-in's to that prompt.
      for (const g of groups) assert.equal(g.answer, promptReaderAnswer({ messages: [{ content: g.prompt }] }));
      const audited = new Map(auditDecisions.filter((d) => d.month === month).map((d) => [d.household, d]));
      assert.equal(audited.size, 6);
      const rows = decisions.filter((d) => d.month === month);
      for (const row of rows) {
        const own = audited.get(row.household);
        if (own) {
          assert.equal(row.work_propensity, own.work);
          assert.equal(row.consumption_propensity, own.consumption);
        } else assert.ok(groups.some((g) => g.work === row.work_propensity && g.consumption === row.consumption_propensity));
      }
    }
    // Calls: archetypes + audited households each month, their reflections at months 3, 6 and 9.
    const manifest = JSON.parse(read(out, "manifest.json"));
    const calls = manifest.households_model.accounting.by_type;
    assert.equal(calls.decision.calls, groupDecisions.length + auditDecisions.length);
    assert.equal(calls.reflection.calls, records.filter((x) => x.kind === "reflection").length);
    assert.equal(server.requests.length, calls.decision.calls + calls.reflection.calls);
    assert.equal(manifest.households_model.archetypes, 8);
    assert.equal(manifest.households_model.audit, 6);

    // audit.csv, recomputed from the answers the transcripts recorded.
    const audit = read(out, "audit.csv").trim().split("\n");
    assert.equal(audit[0], "month,archetypes,audited,work_gap,consumption_gap,work_bias,consumption_bias");
    assert.equal(audit.length, 13);
    const sums = [0, 0, 0, 0];
    for (let month = 1; month <= 12; month++) {
      const groups = groupDecisions.filter((d) => d.month === month);
      const mine = auditDecisions.filter((d) => d.month === month);
      const row = [0, 0, 0, 0];
      for (const d of mine) {
        const g = groups.find((x) => x.archetype === d.archetype)!;
        const dw = d.work - g.work;
        const dc = d.consumption - g.consumption;
        [Math.abs(dw), Math.abs(dc), dw, dc].forEach((v, m) => (row[m] += v));
      }
      const expected = [month, groups.length, mine.length, ...row.map((v) => v / mine.length)].join(",");
      assert.equal(audit[month], expected);
      row.forEach((v, m) => (sums[m] += v / mine.length));
    }
    const summary = JSON.parse(read(out, "summary.json"));
    assert.equal(summary.audit.households, 6);
    assert.equal(summary.audit.months, 12);
    // The run's mean gap is the mean of the monthly rows (each month has every audited household).
    assert.ok(Math.abs(summary.audit.work_gap.mean - sums[0] / 12) < 1e-12);
    assert.ok(Math.abs(summary.audit.consumption_bias.mean - sums[3] / 12) < 1e-12);
    const [lo, hi] = summary.audit.work_gap.ci95;
    assert.ok(lo <= summary.audit.work_gap.mean && summary.audit.work_gap.mean <= hi);

    // Grouping changes answers: a run asking every household gets other propensities.
    const single = path.join(tmp, "per-household");
    assert.equal((await runCli(args(single, server.url))).code, 0);
    assert.notEqual(read(single, "decisions.csv"), read(out, "decisions.csv"));
    assert.ok(!fs.existsSync(path.join(single, "audit.csv")));
    assert.equal(JSON.parse(read(single, "summary.json")).audit, undefined);
  } finally {
    await server.close();
  }
});

test("archetypes + audit: kill -9 mid-run and --resume is byte-identical; a replay makes zero calls", async () => {
  const server = await startFakeOpenAI((body) => ({ content: promptReaderAnswer(body as Body), delayMs: 2 }));
  const flags = ["--archetypes", "6", "--audit", "4", "--concurrency", "2"];
  try {
    const whole = path.join(tmp, "whole");
    assert.equal((await runCli(args(whole, server.url, flags))).code, 0);
    const killed = path.join(tmp, "killed");
    const r = await runCli(args(killed, server.url, flags), {}, (pid) => {
      const poll = setInterval(() => {
        const monthly = path.join(killed, "monthly.csv");
        if (fs.existsSync(monthly) && fs.readFileSync(monthly, "utf8").split("\n").length - 1 >= 6) {
          clearInterval(poll);
          process.kill(pid, "SIGKILL");
        }
      }, 2);
    });
    assert.equal(r.signal, "SIGKILL");
    const resumed = await runCli(["run", "--resume", killed]);
    assert.equal(resumed.code, 0, resumed.stderr);
    for (const f of OUTPUTS) assert.equal(read(killed, f), read(whole, f), f);

    const before = server.requests.length;
    await server.close();
    const replay = path.join(tmp, "replay");
    const r2 = await runCli(args(replay, server.url, [...flags, "--cache-mode", "replay"], `${whole}-cache`));
    assert.equal(r2.code, 0, r2.stderr);
    assert.equal(server.requests.length, before);
    for (const f of OUTPUTS) assert.equal(read(replay, f), read(whole, f), f);
  } finally {
    await server.close();
  }
});

test("the estimate counts at most K + A decisions a month with archetypes, each priced like one household's", async () => {
  const base = { policy: "llm", households: 40, months: 12, seed: 2, model: "gpt-4o-mini" };
  const one = await estimateRun(resolveConfig(base));
  const grouped = await estimateRun(resolveConfig({ ...base, archetypes: 6, audit: 4 }));
  assert.equal(one.decision.calls, 40 * 12);
  assert.equal(grouped.decision.calls, 10 * 12);
  assert.equal(grouped.reflection.calls, 10 * 3); // after months 3, 6 and 9
  assert.ok(Math.abs(grouped.decision.inputTokens / grouped.decision.calls - one.decision.inputTokens / one.decision.calls) < 1e-6);
  assert.ok(Math.abs(grouped.total.costUsd - one.total.costUsd / 4) < 1e-9);
});

test("archetypes never mix populations: each archetype is asked on its own population's model and endpoint", async () => {
  const servers = [
    await startFakeOpenAI((body) => ({ content: promptReaderAnswer(body as Body) })),
    await startFakeOpenAI((body) => ({ content: promptReaderAnswer(body as Body) })),
  ];
  try {
    const out = path.join(tmp, "populations");
    const populations = [
      { name: "small", share: 0.3, model: "m-small", baseUrl: servers[0].url },
      { name: "large", share: 0.7, model: "m-large", baseUrl: servers[1].url },
    ];
    const config = resolveConfig({ policy: "llm", households: 50, months: 12, seed: 3, populations, archetypes: 7, audit: 5, cache: `${out}-cache` });
    const { simulation } = await runExperiment(config, { out });
    const populationOf = (i: number) => (simulation.policy.populationOf!(i) === "small" ? 0 : 1);
    const decisions = jsonl(out).filter((x) => x.kind === "decision");
    for (const d of decisions) {
      const p = populationOf(d.household);
      const asked = (s: number) => servers[s].requests.some((q) => (q.body as Body).messages.at(-1)!.content === d.prompt);
      assert.ok(asked(p) && !asked(1 - p), `month ${d.month}, household ${d.household}`);
    }
    servers.forEach((s, k) => assert.ok(s.requests.every((q) => (q.body as { model: string }).model === populations[k].model)));
    // The groups of a month cover both populations, each counted in the right one.
    const month2 = decisions.filter((d) => d.month === 2 && !d.audit);
    const members = [0, 0];
    for (const g of month2) members[populationOf(g.household)] += g.members;
    assert.deepEqual(members, [15, 35]);
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
});

test("K = N: every household its own archetype reproduces the run asked one by one, byte for byte", async () => {
  const server = await startFakeOpenAI((body) => ({ content: promptReaderAnswer(body as Body) }));
  try {
    const small = (out: string, extra: string[]) => args(out, server.url, extra).map((a) => (a === "60" ? "12" : a));
    const one = path.join(tmp, "one-by-one");
    const own = path.join(tmp, "own-archetype");
    assert.equal((await runCli(small(one, []))).code, 0);
    assert.equal((await runCli(small(own, ["--archetypes", "12"]))).code, 0);
    for (const f of ["monthly.csv", "decisions.csv", "annual.csv"]) assert.equal(read(own, f), read(one, f), f);
  } finally {
    await server.close();
  }
});
