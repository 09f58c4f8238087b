/**
 * Several models in one economy, end to end against two loopback endpoints serving different model names: exact
 * counts, each endpoint asked only for its population's model, per-population accounting that adds up to the
 * run's, the population columns and populations.csv recomputed from the decisions, assignment by wage rank, a
 * replay from the cache with zero calls, SIGKILL + --resume byte-identical, and bad input refused in one line.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadRunFrames, rowsOf } from "../../lib/notebook/frames.js";
import { runReportText } from "../../lib/report/runReport.js";
import { parseCsv } from "../../lib/run/csv.js";
import { loadRun } from "../../lib/run/loadRun.js";
import { runCli } from "../support/cli.js";
import { startFakeOpenAI, type FakeOpenAI } from "../support/fakeOpenAI.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-populations-"));
const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f), "utf8");
const OUTPUTS = ["monthly.csv", "annual.csv", "summary.json", "decisions.csv", "households.csv", "populations.csv", "transcripts.jsonl"];

/** A model that answers from the prompt's hash, working little (small) or much (large), so the populations differ. */
const answering = (work: readonly number[]) => (body: unknown) => {
  const messages = (body as { messages: { content: string }[] }).messages;
  const last = messages[messages.length - 1].content;
  if (last.startsWith("Given the previous quarter")) return { content: "I will keep going.", delayMs: 2 };
  const h = createHash("sha256").update(last).digest();
  return { content: JSON.stringify({ work: work[h[0] % work.length], consumption: (h[1] % 51) / 50 }), delayMs: 2 };
};

let small: FakeOpenAI;
let large: FakeOpenAI;
let config: (extra: Record<string, unknown>) => string;
before(async () => {
  small = await startFakeOpenAI(answering([0, 0.2, 0.4]));
  large = await startFakeOpenAI(answering([1, 0.9]));
  config = (extra) => {
    const file = path.join(tmp, `config-${createHash("sha256").update(JSON.stringify(extra)).digest("hex").slice(0, 8)}.json`);
    const populations = [
      { name: "small", share: 0.3, model: "m-small", baseUrl: small.url },
      { name: "large", share: 0.7, model: "m-large", baseUrl: large.url },
    ];
    fs.writeFileSync(file, JSON.stringify({ policy: "llm", households: 100, months: 12, seed: 4, cache: path.join(tmp, "cache"), populations, ...extra }));
    return file;
  };
});
after(async () => {
  await small?.close();
  await large?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const manifestOf = (dir: string) => JSON.parse(read(dir, "manifest.json"));

test("shares 0.3/0.7 of 100 households: exactly 30/70, each endpoint asked only for its model, accounting that adds up", async () => {
  const out = path.join(tmp, "drawn");
  const r = await runCli(["run", "--config", config({}), "--out", out, "--quiet"]);
  assert.equal(r.code, 0, r.stderr);
  const households = parseCsv(read(out, "households.csv"));
  assert.deepEqual(Object.keys(households[0]), ["household", "name", "age", "initial_wage", "type", "population"]);
  const members = (name: string) => households.filter((h) => h.population === name).map((h) => Number(h.household));
  assert.equal(members("small").length, 30);
  assert.equal(members("large").length, 70);
  // Each endpoint: only its model; 12 decisions and 3 reflections (after months 3, 6, 9) per member.
  assert.deepEqual([...new Set(small.requests.map((q) => (q.body as { model: string }).model))], ["m-small"]);
  assert.deepEqual([...new Set(large.requests.map((q) => (q.body as { model: string }).model))], ["m-large"]);
  assert.equal(small.requests.length, 30 * (12 + 3));
  assert.equal(large.requests.length, 70 * (12 + 3));

  const model = manifestOf(out).households_model;
  assert.deepEqual(model.model, ["m-small", "m-large"]);
  assert.deepEqual(model.populations.map((p: { name: string; model: string; households: number; share: number }) => [p.name, p.model, p.households, p.share]), [
    ["small", "m-small", 30, 0.3], ["large", "m-large", 70, 0.7],
  ]);
  const [a, b] = model.populations.map((p: { accounting: unknown }) => p.accounting);
  for (const key of ["calls", "inputTokens", "outputTokens", "fallbacks", "cacheHits"]) {
    assert.equal(a.total[key] + b.total[key], model.accounting.total[key], key);
  }
  assert.equal(a.total.calls, small.requests.length);
  assert.equal(b.total.calls, large.requests.length);
  assert.ok(Math.abs(a.estimated_cost_usd + b.estimated_cost_usd - model.accounting.estimated_cost_usd) < 1e-12);
  assert.equal(model.accounting.by_type.decision.calls, 1200);

  // decisions.csv: a population column (index in the configured list), matching households.csv.
  const decisions = parseCsv(read(out, "decisions.csv"));
  assert.equal(Object.keys(decisions[0]).at(-1), "population");
  const smallSet = new Set(members("small"));
  for (const d of decisions) assert.equal(d.population, smallSet.has(Number(d.household)) ? 0 : 1);
  // populations.csv recomputed from the decision rows: members, employed, unemployment rate and mean income.
  const byPopulation = parseCsv(read(out, "populations.csv"));
  assert.equal(byPopulation.length, 12 * 2);
  for (const row of byPopulation) {
    const own = decisions.filter((d) => d.month === row.month && d.population === (row.population === "small" ? 0 : 1));
    const worked = own.filter((d) => d.worked === 1).length;
    assert.equal(row.households, own.length);
    assert.equal(row.employed, worked);
    assert.equal(row.unemployment_rate, 1 - worked / own.length);
    assert.ok(Math.abs(Number(row.mean_income) - own.reduce((s, d) => s + Number(d.income), 0) / own.length) < 1e-9);
  }
  // The small model's households work less: their unemployment is higher, in the report and the frames.
  const report = runReportText(loadRun(out));
  assert.match(report, /By population \(config populations; monthly rows in populations.csv\):\nPopulation +Model +Households +Unemp %/);
  assert.match(report, /\nsmall +m-small +30 /);
  const frames = loadRunFrames(out);
  const rows = rowsOf<{ population: string; unemployment_rate: number }>(frames.populations!);
  const mean = (name: string) => rows.filter((x) => x.population === name).reduce((s, x) => s + x.unemployment_rate, 0) / 12;
  assert.ok(mean("small") > mean("large"), `unemployment small ${mean("small")} vs large ${mean("large")}`);

  // Replayed from the cache (the keys carry each population's model): the same files, no call.
  const calls = small.requests.length + large.requests.length;
  const replay = path.join(tmp, "replay");
  const rr = await runCli(["run", "--config", config({ cacheMode: "replay" }), "--out", replay, "--quiet"]);
  assert.equal(rr.code, 0, rr.stderr);
  assert.equal(small.requests.length + large.requests.length, calls);
  for (const f of OUTPUTS) assert.equal(read(replay, f), read(out, f), f);
});

test('"by": "wage": the 30 lowest initial wages are the first population\'s', async () => {
  const out = path.join(tmp, "by-wage");
  const r = await runCli(["run", "--config", config({ households: 20, reflection: "off", cacheMode: "off" }), "--out", out, "--quiet"]);
  assert.equal(r.code, 0, r.stderr);
  const byWage = path.join(tmp, "by-wage-2");
  const file = config({ households: 20, reflection: "off", cacheMode: "off" });
  const value = JSON.parse(read(path.dirname(file), path.basename(file)));
  fs.writeFileSync(file, JSON.stringify({ ...value, populations: { by: "wage", groups: value.populations } }));
  const w = await runCli(["run", "--config", file, "--out", byWage, "--quiet"]);
  assert.equal(w.code, 0, w.stderr);
  const households = parseCsv(read(byWage, "households.csv"));
  const wages = (name: string) => households.filter((h) => h.population === name).map((h) => Number(h.initial_wage));
  assert.equal(wages("small").length, 6);
  assert.ok(Math.max(...wages("small")) <= Math.min(...wages("large")), "every small household earns at most what every large one does");
  // Ranked by id among equal wages: exactly the six lowest (wage, id) pairs.
  const ranked = [...households].sort((x, y) => Number(x.initial_wage) - Number(y.initial_wage) || Number(x.household) - Number(y.household));
  assert.deepEqual(ranked.slice(0, 6).map((h) => h.population), new Array(6).fill("small"));
  // The same economy as the drawn run (assignment draws from its own stream): the same households and wages.
  assert.deepEqual(households.map((h) => h.initial_wage), parseCsv(read(out, "households.csv")).map((h) => h.initial_wage));
});

test("SIGKILL mid-run, --resume: byte-identical outputs and the whole run's per-population accounting", async () => {
  const file = config({ households: 40, months: 24, cacheMode: "off", checkpointEvery: 1 });
  const whole = path.join(tmp, "whole");
  assert.equal((await runCli(["run", "--config", file, "--out", whole, "--quiet"])).code, 0);
  const killed = path.join(tmp, "killed");
  const r = await runCli(["run", "--config", file, "--out", killed, "--quiet"], {}, (pid) => {
    const poll = setInterval(() => {
      const monthly = path.join(killed, "monthly.csv");
      if (fs.existsSync(monthly) && read(killed, "monthly.csv").split("\n").length > 8) {
        clearInterval(poll);
        process.kill(pid, "SIGKILL");
      }
    }, 1);
  });
  assert.equal(r.signal, "SIGKILL", "the run ended before it could be killed");
  const resumed = await runCli(["run", "--resume", killed, "--quiet"]);
  assert.equal(resumed.code, 0, resumed.stderr);
  for (const f of OUTPUTS) assert.equal(read(killed, f), read(whole, f), f);
  // The calls of the month the kill cut short were not checkpointed: asked again, each counted once.
  const populations = (dir: string) => manifestOf(dir).households_model.populations.map((p: { households: number; accounting: { total: { calls: number } } }) => [p.households, p.accounting.total.calls]);
  assert.deepEqual(populations(killed), populations(whole));
  assert.deepEqual(populations(whole).map((p: number[]) => p[0]), [12, 28]);
});

test("bad populations: one line, exit 2, nothing run", async () => {
  const base = { policy: "llm", households: 10, months: 12 };
  const cases: [unknown, RegExp][] = [
    [[{ name: "a", share: 0.5, model: "m" }, { name: "b", share: 0.4, model: "n" }], /^econagent: populations\[\]\.share: got "0\.5 \+ 0\.4 = 0\.9"; allowed: shares that sum to 1\n$/],
    [{ by: "income", groups: [{ name: "a", share: 1, model: "m" }] }, /^econagent: populations\.by: got "income"; allowed: draw, wage or age\n$/],
    [[{ name: "a", share: 1 }], /^econagent: populations\[0\]\.model: got undefined; allowed: the model's name \(every population needs one\)\n$/],
    [[{ name: "a", share: 0.5, model: "m" }, { name: "a", share: 0.5, model: "n" }], /^econagent: populations\[1\]\.name: got "a"; allowed: a name no other population has\n$/],
  ];
  for (const [populations, message] of cases) {
    const file = path.join(tmp, "bad.json");
    fs.writeFileSync(file, JSON.stringify({ ...base, populations }));
    const r = await runCli(["run", "--config", file, "--out", path.join(tmp, "bad")]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, message);
  }
  assert.equal(fs.existsSync(path.join(tmp, "bad")), false);
});
