import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { okunsLaw, phillipsCurve } from "../../lib/analysis/index.js";
import type { AnnualRow } from "../../lib/economy/rows.js";
import {
  annualFigureOf,
  frameOf,
  loadRunFrames,
  phillipsOkunFigureOf,
  rowsOf,
  type RunFrames,
} from "../../lib/notebook/index.js";
import { resolveConfig } from "../../lib/run/config.js";
import { loadRun } from "../../lib/run/loadRun.js";
import { runExperiment } from "../../lib/run/runExperiment.js";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-frames-"));
const composite = path.join(scratch, "composite");
const cats = path.join(scratch, "cats");
const catsSeed2 = path.join(scratch, "cats-seed2");

before(async () => {
  await runExperiment(resolveConfig({ policy: "composite", households: 10, months: 36, seed: 1 }), { out: composite });
  await runExperiment(resolveConfig({ policy: "cats", households: 10, months: 36, seed: 1, decisions: "off" }), { out: cats });
  await runExperiment(resolveConfig({ policy: "cats", households: 10, months: 36, seed: 2 }), { out: catsSeed2 });
  // An LLM run's transcript: the system message once, then decisions and reflections (lib/households/llm/llmPolicy.ts).
  const records = [
    { kind: "system", content: "You are a household." },
    { month: 1, household: 0, kind: "decision", prompt: "Month 1?", answer: '{"work": 1, "consumption": 0.5}', work: 1, consumption: 0.5, reasks: 0, fallback: false },
    { month: 1, household: 1, kind: "decision", prompt: "Month 1?", answer: "??", work: 1, consumption: 0.5, reasks: 2, fallback: true, error: "unreadable" },
    { month: 3, household: 0, kind: "reflection", answer: "Prices rose." },
  ];
  fs.writeFileSync(path.join(composite, "transcripts.jsonl"), records.map((r) => JSON.stringify(r)).join("\n") + "\n");
});
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

test("loadRunFrames: every table of a run as a DataFrame, values as in the files", () => {
  const run = loadRunFrames(composite);
  const loaded = loadRun(composite);
  assert.equal(run.name, "composite");
  assert.equal(run.manifest.policy, "composite");
  assert.deepEqual(run.summary, loaded.summary);
  assert.deepEqual(run.annual.shape, [3, 13]);
  assert.deepEqual(run.monthly.shape, [36, 18]);
  assert.deepEqual(rowsOf(run.annual), loaded.annual, "full precision, year-1 inflation still null");
  assert.deepEqual(rowsOf(run.monthly), loaded.monthly);
  assert.deepEqual(run.households.columns, ["household", "name", "age", "initial_wage", "type"]);
  assert.deepEqual(run.households.shape, [10, 5]);
  assert.deepEqual(run.decisions?.shape, [360, 12]);
  assert.equal(rowsOf(run.decisions!)[0].month, 1);
});

test("loadRunFrames: transcripts as a frame of decisions and reflections, the system message apart", () => {
  const run = loadRunFrames(composite);
  assert.equal(run.systemPrompt, "You are a household.");
  const transcripts = run.transcripts!;
  assert.deepEqual(transcripts.columns, ["month", "household", "kind", "prompt", "answer", "work", "consumption", "reasks", "fallback", "error"]);
  const rows = rowsOf(transcripts);
  assert.deepEqual(rows.map((r) => r.kind), ["decision", "decision", "reflection"]);
  assert.equal(rows[1].error, "unreadable");
  assert.equal(rows[0].error, null, "a field a record lacks is null");
  assert.equal(rows[2].prompt, null);
});

test("loadRunFrames: rule-based runs have no transcripts; --decisions off gives decisions null", () => {
  const run = loadRunFrames(cats);
  assert.equal(run.transcripts, null);
  assert.equal(run.systemPrompt, null);
  assert.equal(run.decisions, null);
});

test("loadRunFrames: relative paths resolve from the working directory, else from the project root", () => {
  const run = loadRunFrames("data/runs/composite-seed1");
  assert.equal(run.name, "composite-seed1");
  assert.deepEqual(run.annual.shape, [20, 13]);
});

test("loadRunFrames refuses a directory that is not a completed run", () => {
  assert.throws(() => loadRunFrames(path.join(scratch, "nowhere")), /manifest\.json/);
});

test("annualFigureOf: one run → its Figure 2; several → the comparison, labelled by policy", () => {
  const one = annualFigureOf(loadRunFrames(composite));
  assert.equal(one.layout.title.text, "Annual indicators: composite (seed 1)");
  assert.deepEqual(one.data[0].x, [2001, 2002, 2003]);
  const two = annualFigureOf([loadRunFrames(composite), loadRunFrames(cats)], "Compared");
  assert.equal(two.layout.title.text, "Compared");
  assert.deepEqual([...new Set(two.data.map((t) => t.legendgroup))], ["composite", "cats"]);
});

test("annualFigureOf: runs sharing a policy are labelled by directory", () => {
  const fig = annualFigureOf([loadRunFrames(cats), loadRunFrames(catsSeed2)]);
  assert.deepEqual([...new Set(fig.data.map((t) => t.legendgroup))], ["cats", "cats-seed2"]);
});

test("figure builders draw the frame as given: a filtered frame gives a filtered figure", () => {
  const run = loadRunFrames(composite);
  const later: RunFrames = { ...run, annual: run.annual.query(run.annual["year"].gt(2001)) };
  assert.deepEqual(annualFigureOf(later).data[0].x, [2002, 2003]);
});

test("phillipsOkunFigureOf: the analysis' Phillips and Okun fits of the annual frame", () => {
  const run = loadRunFrames(catsSeed2);
  const annual = loadRun(catsSeed2).annual as AnnualRow[];
  const fig = phillipsOkunFigureOf(run);
  assert.deepEqual(fig.data[0].x, phillipsCurve(annual).x.map((v) => Number((v * 100).toPrecision(12))));
  assert.deepEqual(fig.data.find((t) => t.xaxis === "x2")?.y, okunsLaw(annual).y.map((v) => Number((v * 100).toPrecision(12))));
  const both = phillipsOkunFigureOf([run, loadRunFrames(composite)], "Both");
  assert.equal(both.layout.title.text, "Both");
  assert.match(String(both.data[0].name), /^cats: Phillips r = /);
});

test("frameOf: rows with differing keys get every column; an empty table keeps its header", () => {
  const df = frameOf([{ a: 1 }, { a: 2, b: "x" }]);
  assert.deepEqual(df.columns, ["a", "b"]);
  assert.deepEqual(rowsOf(df), [{ a: 1, b: null }, { a: 2, b: "x" }]);
  const empty = frameOf([], ["a", "b"]);
  assert.deepEqual(empty.columns, ["a", "b"]);
  assert.deepEqual(rowsOf(empty), []);
});

test("loadRunFrames: the lazily read tables can be replaced like the others", () => {
  const run = loadRunFrames(composite);
  const firstMonth = run.decisions!.query(run.decisions!["month"].eq(1));
  run.decisions = firstMonth;
  assert.deepEqual(run.decisions.shape, [10, 12]);
  run.transcripts = null;
  assert.equal(run.transcripts, null);
});
