/**
 * Moment names: `<series>.xcorr_0` (the spelling of the contemporaneous correlation with output) is another
 * name for `<series>.xcorr_p0` everywhere a moment is named — calibration moments, sensitivity outputs, targets —
 * with the same value on a run and the canonical name in every output; an unknown name is still one usage line
 * listing the allowed ones, exit code 2.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CYCLE_SERIES } from "../../lib/analysis/quarterlySeries.js";
import { runCalibration, CALIBRATION_FILES } from "../../lib/estimation/calibrate.js";
import { parseEstimation, readEstimation } from "../../lib/estimation/estimationFile.js";
import { checkFacts, readTargets } from "../../lib/estimation/facts.js";
import { canonicalMomentName, checkMomentNames, momentValues, runMomentData, usMomentData } from "../../lib/estimation/moments.js";
import { resolveConfig } from "../../lib/run/config.js";
import { parseCsv } from "../../lib/run/csv.js";
import { runExperiment } from "../../lib/run/runExperiment.js";
import { runSeeds } from "../../lib/run/runSeeds.js";
import { cliInProcess } from "../support/inProcessCli.js";

const BASE = { policy: "composite" as const, households: 20, months: 48 };
let tmp: string;
before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-moment-names-"))));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function writeJson(name: string, value: unknown): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

test("xcorr_0 has exactly xcorr_p0's value on a run, which is business_cycle.csv's xcorr_p0, and on the US data", async () => {
  const { dir, simulation } = await runExperiment(resolveConfig({ policy: "cats", households: 20, months: 48, seed: 7, decisions: "off" }), { out: path.join(tmp, "run") });
  const written = parseCsv(fs.readFileSync(path.join(dir, "business_cycle.csv"), "utf8"));
  const data = runMomentData(simulation.annual, simulation.monthly, 20);
  for (const series of CYCLE_SERIES) {
    const [alias, canonical] = momentValues(data, [`${series}.xcorr_0`, `${series}.xcorr_p0`]);
    assert.equal(alias, canonical, series);
    const row = written.find((r) => r.series === series)!;
    if (series === "real_gdp") assert.equal(alias, 1, "output's correlation with itself");
    else assert.ok(typeof alias === "number" && Math.abs(alias - (row.xcorr_p0 as number)) < 1e-12, `${series}: ${alias} vs ${row.xcorr_p0}`);
  }
  const us = momentValues(usMomentData(), ["real_consumption.xcorr_0", "real_consumption.xcorr_p0"]);
  assert.equal(us[0], us[1]);
  assert.ok(us[0]! > 0.9, "US consumption is procyclical (0.94)");
});

test("only lag 0 has a second name, and a name that is neither is no moment", () => {
  assert.equal(canonicalMomentName("unemployment.xcorr_0"), "unemployment.xcorr_p0");
  assert.equal(canonicalMomentName("unemployment.xcorr_p0"), "unemployment.xcorr_p0");
  for (const name of ["unemployment.xcorr_1", "unemployment.xcorr_-1", "phillips.xcorr_0", "unemployment.xcorr_0 "]) assert.equal(canonicalMomentName(name), null, name);
  assert.throws(() => momentValues(usMomentData(), ["unemployment.xcorr_1"]), /^Error: momentValues: unknown moment "unemployment\.xcorr_1"/);
});

test("calibration moments, sensitivity outputs and targets take xcorr_0 and name it xcorr_p0", () => {
  const common = { name: "x", base: BASE, parameters: { wageAdjustment: [0.01, 0.2] }, seeds: { from: 1, count: 2 }, seed: 1 };
  const budget = { evaluations: 4, batch: 2 };
  const given = parseEstimation({ ...common, budget, moments: { "real_consumption.xcorr_0": 0.9, "phillips.r": -0.2, "mean_wage.xcorr_0": 0.5 } }, "calibrate");
  assert.ok(given.kind === "calibrate");
  assert.deepEqual(given.moments, ["real_consumption.xcorr_p0", "phillips.r", "mean_wage.xcorr_p0"]);
  assert.deepEqual(given.targets, [0.9, -0.2, 0.5], "each target stays with its moment");
  const us = parseEstimation({ ...common, budget, moments: { us: ["unemployment.xcorr_0"] } }, "calibrate");
  assert.ok(us.kind === "calibrate");
  assert.deepEqual(us.moments, ["unemployment.xcorr_p0"]);
  const sensitivity = parseEstimation({ ...common, outputs: ["price_level.xcorr_0", "okun.r"], method: "morris", samples: 2 }, "sensitivity");
  assert.ok(sensitivity.kind === "sensitivity");
  assert.deepEqual(sensitivity.outputs, ["price_level.xcorr_p0", "okun.r"]);
  const fact = { fact: "consumption_procyclical", band: [0, 1], source: "test", required_share: 0.95 };
  const [aliased] = readTargets(writeJson("targets.json", { facts: [{ ...fact, statistic: "real_consumption.xcorr_0" }] }));
  assert.equal(aliased.statistic, "real_consumption.xcorr_p0");
  // Both names of one moment are one moment named twice.
  assert.throws(() => checkMomentNames(["real_consumption.xcorr_p0", "real_consumption.xcorr_0"], "outputs"),
    /^UsageError: outputs: got "real_consumption\.xcorr_0"; allowed: each moment once \(real_consumption\.xcorr_p0 is the same moment\)$/);
});

test("a fact on xcorr_0 checks the same values as one on xcorr_p0", async () => {
  const runs = await runSeeds({ ...BASE, decisions: "off" }, [1, 2]);
  const fact = (statistic: string) => ({ fact: "c", statistic, band: [0, 1] as [number, number], source: "test", required_share: 0.95 });
  const [alias, canonical] = [checkFacts([fact("real_consumption.xcorr_0")], runs, 20)[0], checkFacts([fact("real_consumption.xcorr_p0")], runs, 20)[0]];
  assert.deepEqual({ ...alias, statistic: "" }, { ...canonical, statistic: "" });
  assert.equal(typeof canonical.value, "number");
});

test("a calibration targeting xcorr_0 writes the same calibration.csv and best.json as one targeting xcorr_p0", async () => {
  const file = (moment: string) => ({
    name: "names", base: BASE, parameters: { wageAdjustment: [0.01, 0.2] },
    moments: { us: [moment, "unemployment.relative_sd"] }, seeds: { from: 1, count: 2 }, budget: { evaluations: 4, batch: 2 }, seed: 1,
  });
  const outs: string[] = [];
  for (const moment of ["real_consumption.xcorr_0", "real_consumption.xcorr_p0"]) {
    const out = path.join(tmp, `calibration-${moment}`);
    await runCalibration(readEstimation(writeJson(`${moment}.json`, file(moment)), "calibrate"), { out, jobs: 1 });
    outs.push(out);
  }
  for (const name of [CALIBRATION_FILES.table, CALIBRATION_FILES.best]) {
    const [alias, canonical] = outs.map((out) => fs.readFileSync(path.join(out, name), "utf8"));
    assert.ok(alias === canonical, `${name} differs`);
  }
  const columns = Object.keys(parseCsv(fs.readFileSync(path.join(outs[0], CALIBRATION_FILES.table), "utf8"))[0]);
  assert.ok(columns.includes("real_consumption.xcorr_p0") && !columns.includes("real_consumption.xcorr_0"), columns.join(", "));
});

test("an unknown moment name is one usage line listing the allowed names (and xcorr_0), exit code 2", async () => {
  const common = { name: "bad", base: BASE, parameters: { wageAdjustment: [0.01, 0.2] }, seeds: { from: 1, count: 2 }, seed: 1 };
  const cases: [string, string, unknown][] = [
    ["calibrate", "moments", { ...common, moments: { "real_consumption.xcorr_00": 0.9 }, budget: { evaluations: 4, batch: 2 } }],
    ["sensitivity", "outputs", { ...common, outputs: ["real_consumption.xcorr_1"], method: "sobol", samples: 2 }],
  ];
  for (const [command, field, content] of cases) {
    const out = path.join(tmp, `bad-${command}`);
    const { code, stderr } = await cliInProcess([command, writeJson(`bad-${command}.json`, content), "--out", out]);
    assert.equal(code, 2, stderr);
    const lines = stderr.trimEnd().split("\n");
    assert.equal(lines.length, 1, stderr);
    assert.match(lines[0], new RegExp(`^econagent: ${field}: got "real_consumption\\.xcorr_[0-9]+"; allowed: <series>\\.<statistic>: real_gdp, .*xcorr_m4, .*xcorr_p4, .* \\(xcorr_0 is xcorr_p0\\); .* with r, slope$`));
    assert.equal(fs.existsSync(out), false, "nothing written for bad input");
  }
});
