/**
 * Stylized facts as targets: the US data pass every fact the US sample supports, the pass rule (share of seeds inside
 * the band ≥ the required share) by hand, and `econagent validate` on a run and on a sweep (facts.csv's columns).
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkFacts, readTargets, type Fact } from "../../lib/estimation/facts.js";
import { momentValues, runMomentData, usMomentData } from "../../lib/estimation/moments.js";
import { validateDirectory } from "../../lib/estimation/validate.js";
import { readExperiment } from "../../lib/experiment/experimentFile.js";
import { runSweep } from "../../lib/experiment/sweep.js";
import { resolveConfig } from "../../lib/run/config.js";
import { parseCsv } from "../../lib/run/csv.js";
import { runExperiment } from "../../lib/run/runExperiment.js";
import { runSeeds } from "../../lib/run/runSeeds.js";

let tmp: string;
before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-facts-"))));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("the US 2001–2020 data lie inside every fact's band but the procyclical wage, which targets.json says the sample contradicts", () => {
  const facts = readTargets();
  assert.ok(facts.length >= 8);
  const values = momentValues(usMomentData(), facts.map((f) => f.statistic));
  const outside = facts.filter((f, j) => !(values[j]! >= f.band[0] && values[j]! <= f.band[1])).map((f) => f.fact);
  assert.deepEqual(outside, ["wages_procyclical"]);
  assert.match(facts.find((f) => f.fact === "wages_procyclical")!.source, /NOT a fact of the US 2001-2020 sample/);
  for (const f of facts) assert.equal(f.required_share, 0.95);
});

test("a fact passes when the share of seeds inside its band reaches the required share; value is the median over seeds", async () => {
  const runs = await runSeeds({ policy: "composite", households: 20, months: 48 }, [1, 2, 3, 4]);
  const perSeed = runs.map((r) => momentValues(runMomentData(r.annual, r.monthly!, 20), ["price_inflation.sd"])[0]!);
  const sorted = [...perSeed].sort((a, b) => a - b);
  // A band holding exactly the three lowest seeds: 3/4 inside, which passes at 0.75 and fails at 0.95.
  const band: [number, number] = [sorted[0], (sorted[2] + sorted[3]) / 2];
  const fact = (share: number): Fact => ({ fact: "x", statistic: "price_inflation.sd", band, source: "test", required_share: share });
  const [loose, strict] = [checkFacts([fact(0.75)], runs, 20)[0], checkFacts([fact(0.95)], runs, 20)[0]];
  assert.equal(loose.share_inside, 0.75);
  assert.equal(loose.seeds, 4);
  assert.equal(loose.pass, true);
  assert.equal(strict.pass, false);
  assert.equal(loose.value, (sorted[1] + sorted[2]) / 2);
});

test("validate on a run writes one row per fact with the run's value, and on a sweep one row per cell and fact", async () => {
  const runDir = path.join(tmp, "run");
  await runExperiment(resolveConfig({ policy: "cats", households: 20, months: 48, seed: 7, decisions: "off" }), { out: runDir });
  const facts = readTargets();
  const run = validateDirectory(runDir, facts);
  assert.equal(run.kind, "run");
  const rows = parseCsv(fs.readFileSync(path.join(runDir, "facts.csv"), "utf8"));
  assert.deepEqual(Object.keys(rows[0]), ["fact", "statistic", "low", "high", "value", "seeds", "share_inside", "pass"]);
  assert.equal(rows.length, facts.length);
  for (const row of rows) {
    assert.equal(row.seeds, 1);
    assert.ok(row.share_inside === 0 || row.share_inside === 1);
    assert.equal(row.pass, row.share_inside === 1 ? "pass" : "fail");
  }
  const experiment = path.join(tmp, "sweep.json");
  fs.writeFileSync(experiment, JSON.stringify({ name: "facts", base: { policy: "composite", households: 20, months: 48, decisions: "off" }, grid: { wageAdjustment: [0.05, 0.1] }, seeds: [1, 2] }));
  const sweep = await runSweep(readExperiment(experiment), { out: path.join(tmp, "sweep"), jobs: 1 });
  assert.equal(sweep.failed.length, 0);
  const result = validateDirectory(sweep.dir, facts);
  assert.equal(result.kind, "sweep");
  const sweepRows = parseCsv(fs.readFileSync(result.file, "utf8"));
  assert.equal(sweepRows.length, 2 * facts.length);
  assert.equal(Object.keys(sweepRows[0])[0], "cell");
  for (const row of sweepRows) assert.equal(row.seeds, 2);
});

test("a bad targets file is one usage error naming the fact's field", () => {
  const file = path.join(tmp, "targets.json");
  fs.writeFileSync(file, JSON.stringify({ facts: [{ fact: "x", statistic: "phillips.r", band: [0, -1], source: "s", required_share: 0.95 }] }));
  assert.throws(() => readTargets(file), /^UsageError: facts\[0\]\.band \(in targets\.json\): got \[0,-1\]; allowed: \[low, high\] with low ≤ high$/);
  fs.writeFileSync(file, JSON.stringify({ facts: [{ fact: "x", statistic: "phillips.rr", band: [-1, 0], source: "s", required_share: 0.95 }] }));
  assert.throws(() => readTargets(file), /facts\[0\]\.statistic \(in targets\.json\): got "phillips\.rr"/);
});
