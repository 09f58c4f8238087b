/**
 * `--policy aieco` with the committed weights: reproduces the recorded 100 × 240, seed 1 run exactly, and the CLI
 * runs it and records which weights it used.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { dataPath } from "../../lib/paths.js";
import { evaluateAiEconomist, type AiEconomistEvaluation } from "../../lib/training/evaluate.js";
import { readWeights } from "../../lib/households/aieco/weights.js";

test("the committed weights reproduce data/aieco/evaluation.json (100 households × 240 months, seed 1) exactly", async () => {
  const recorded = JSON.parse(fs.readFileSync(dataPath("aieco", "evaluation.json"), "utf8")) as AiEconomistEvaluation;
  const evaluation = await evaluateAiEconomist();
  assert.deepEqual(JSON.parse(JSON.stringify(evaluation)), recorded);
  assert.equal(recorded.annual.length, 20);
});

test("the committed weights fit the network and were trained on the official utility", () => {
  const weights = readWeights(dataPath("aieco", "weights.json"));
  assert.deepEqual(weights.network.sizes, [12, 64, 64, 52]);
  assert.deepEqual(weights.utility, { etaSavings: 0.5, etaConsumption: 0.5, laborCost: 1, hours: 168 });
});

test("econagent run --policy aieco: a complete run whose manifest names the weights and their digest", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-aieco-"));
  try {
    const r = spawnSync(process.execPath, ["bin/econagent.js", "run", "--policy", "aieco", "--households", "10", "--months", "12", "--out", out, "--force", "--quiet"], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
    assert.equal(manifest.status, "complete");
    assert.equal(manifest.households_model.weights, path.join("data", "aieco", "weights.json"));
    assert.match(manifest.households_model.sha256, /^[0-9a-f]{64}$/);
    assert.equal(manifest.households_model.actions, "sample");
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test("a missing or malformed weights file is refused with its name", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-aieco-bad-"));
  try {
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ kind: "something-else" }));
    assert.throws(() => readWeights(bad), /bad\.json is not an AI-Economist weights file/);
    assert.throws(() => readWeights(path.join(dir, "none.json")), /cannot read AI-Economist weights .*none\.json/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
