/**
 * `econagent calibrate`: parameter recovery (moments simulated at a known θ* on other seeds, calibrated back from the
 * bounds), a flat profile for a parameter the economy ignores, resume after kill -9 with identical files, and bad
 * input as one line with exit code 2. Small economies (20 households × 48 months) so the file runs in seconds.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCalibration, CALIBRATION_FILES, type CalibrationBest } from "../../lib/estimation/calibrate.js";
import { readEstimation } from "../../lib/estimation/estimationFile.js";
import { evaluateMoments } from "../../lib/estimation/evaluate.js";
import { main } from "../../lib/cli/main.js";
import { runCli } from "../support/cli.js";

const MOMENTS = ["price_inflation.sd", "wage_inflation.sd", "price_inflation.mean", "wage_inflation.mean", "unemployment_rate.mean"];
const BASE = { policy: "composite", households: 20, months: 48 };
const TRUTH = { wageAdjustment: 0.05, priceAdjustment: 0.1 };
let tmp: string;
let file: string;
let targets: Record<string, number>;

function calibrationFile(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "recovery",
    base: BASE,
    // loanSpread only matters with savings and loans (bank on); with bank off it must leave every moment unchanged.
    parameters: { wageAdjustment: [0.01, 0.2], priceAdjustment: [0.01, 0.3], loanSpread: [0, 0.2] },
    moments: targets,
    seeds: { from: 1, count: 3 },
    budget: { evaluations: 40, batch: 10 },
    seed: 1,
    ...overrides,
  };
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-calibrate-"));
  // The targets: the moments at θ* averaged over seeds 101–104, which the calibration (seeds 1–3) never runs.
  const truth = await evaluateMoments({ index: 0, options: { ...BASE, ...TRUTH }, seeds: [101, 102, 103, 104], moments: MOMENTS });
  assert.equal(truth.error, null);
  targets = Object.fromEntries(MOMENTS.map((m, j) => [m, truth.perSeed.reduce((s, x) => s + x[j]!, 0) / truth.perSeed.length]));
  file = path.join(tmp, "recovery.json");
  fs.writeFileSync(file, JSON.stringify(calibrationFile(), null, 2));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("parameter recovery: θ* is found within 10 % of each range in 40 evaluations, and an ignored parameter's profile is flat", async () => {
  const result = await runCalibration(readEstimation(file, "calibrate"), { out: path.join(tmp, "reference"), jobs: 1 });
  assert.ok(result.complete);
  const { best } = result;
  assert.equal(result.evaluated, 40 + 3 * 9);
  assert.ok(Math.abs(best.parameters.wageAdjustment - TRUTH.wageAdjustment) <= 0.1 * 0.19, `wageAdjustment ${best.parameters.wageAdjustment}`);
  assert.ok(Math.abs(best.parameters.priceAdjustment - TRUTH.priceAdjustment) <= 0.1 * 0.29, `priceAdjustment ${best.parameters.priceAdjustment}`);
  const profile = (name: string) => best.profiles.find((p) => p.parameter === name)!;
  assert.ok(profile("wageAdjustment").identified && profile("priceAdjustment").identified);
  // Bank off: loanSpread never enters the economy, so every point of its profile has exactly the same loss.
  assert.equal(profile("loanSpread").rise, 0);
  assert.equal(profile("loanSpread").identified, false);
  assert.deepEqual(profile("loanSpread").within, [0, 0.2]);
  // The loss is the weighted sum of the moments' squared gaps (best.json's contributions add up to it).
  const sum = best.moments.reduce((s, m) => s + m.contribution!, 0);
  assert.ok(Math.abs(sum - best.loss!) < 1e-9 * Math.max(1, best.loss!));
  for (const m of best.moments) assert.ok(m.weight > 0 && Number.isFinite(m.weight));
  const rows = fs.readFileSync(path.join(result.dir, CALIBRATION_FILES.table), "utf8").trim().split("\n");
  assert.equal(rows.length, 1 + 67);
  assert.equal(rows[0], `evaluation,batch,sampler,wageAdjustment,priceAdjustment,loanSpread,${MOMENTS.join(",")},loss,error`);
  const samplers = new Set(rows.slice(1).map((r) => r.split(",")[2]));
  assert.deepEqual([...samplers].sort(), ["halton", "local", "profile", "surrogate"]);
  for (const figure of ["loss.html", "moment-fit.html", "profiles.html"]) assert.ok(fs.existsSync(path.join(result.dir, "figures", figure)));
});

test("a calibration killed with SIGKILL and run again ends with the same calibration.csv and best.json", async () => {
  const reference = path.join(tmp, "reference");
  if (!fs.existsSync(path.join(reference, CALIBRATION_FILES.best))) await runCalibration(readEstimation(file, "calibrate"), { out: reference, jobs: 1 });
  const out = path.join(tmp, "killed");
  const journal = path.join(out, CALIBRATION_FILES.journal);
  let timer: NodeJS.Timeout | undefined;
  const killed = await runCli(["calibrate", file, "--out", out, "--jobs", "2", "--quiet"], {}, (pid) => {
    timer = setInterval(() => {
      const lines = fs.existsSync(journal) ? fs.readFileSync(journal, "utf8").split("\n").length - 1 : 0;
      if (lines >= 15) {
        clearInterval(timer);
        process.kill(pid, "SIGKILL");
      }
    }, 20);
  });
  clearInterval(timer);
  assert.equal(killed.signal, "SIGKILL", `the calibration finished before it could be killed: ${killed.stderr}`);
  const resumed = await runCli(["calibrate", file, "--out", out, "--quiet"]);
  assert.equal(resumed.code, 0, resumed.stderr);
  for (const name of [CALIBRATION_FILES.table, CALIBRATION_FILES.best]) {
    assert.equal(fs.readFileSync(path.join(out, name), "utf8"), fs.readFileSync(path.join(reference, name), "utf8"), name);
  }
  const best = JSON.parse(fs.readFileSync(path.join(out, CALIBRATION_FILES.best), "utf8")) as CalibrationBest;
  assert.equal(best.evaluations, 67);
});

/** Run the CLI in this process and return the exit code and what it wrote to stderr. */
async function cliInProcess(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    return { code: await main(args), stderr };
  } finally {
    process.stderr.write = write;
  }
}

test("bad calibration input is one line naming the field, with exit code 2", async () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [calibrationFile({ parameters: { wageAdjustment: [0.2, 0.01] } }), /^parameters\.wageAdjustment: got \[0\.2,0\.01\]; allowed: bounds \[low, high\] with finite low < high$/],
    [calibrationFile({ parameters: { wageAdjustment: [0.01, 1.5] } }), /^parameters\.wageAdjustment: .*allowed: bounds within the option's range \(a number in \[0, 1\]\)$/],
    [calibrationFile({ parameters: { wageAdjustmnt: [0.01, 0.2] } }), /^parameters\.wageAdjustmnt: got "wageAdjustmnt"; allowed: a numeric run option \(.*wageAdjustment.*\)$/],
    [calibrationFile({ parameters: { policy: [0, 1] } }), /^parameters\.policy: got "policy"; allowed: a numeric run option/],
    [calibrationFile({ moments: { "price_inflation.sdd": 0.1 } }), /^moments: got "price_inflation\.sdd"; allowed: <series>\.<statistic>: real_gdp, .* with r, slope$/],
    [calibrationFile({ budget: { evaluations: 0, batch: 1 } }), /^budget\.evaluations: got 0; allowed: an integer in 1\.\.1000000$/],
    [calibrationFile({ budget: { evaluations: 10, batch: 16 } }), /^budget\.batch: got 16; allowed: an integer from 1 to budget\.evaluations \(10\)$/],
    [calibrationFile({ seeds: [1] }), /^seeds: got \[1\]; allowed: at least 2 seeds/],
    [calibrationFile({ base: { ...BASE, policy: "llm" } }), /^base\.policy: got "llm"; allowed: a policy that needs no model/],
  ];
  for (const [k, [content, expected]] of cases.entries()) {
    const bad = path.join(tmp, `bad-${k}.json`);
    fs.writeFileSync(bad, JSON.stringify(content));
    const out = path.join(tmp, `bad-out-${k}`);
    const { code, stderr } = await cliInProcess(["calibrate", bad, "--out", out]);
    assert.equal(code, 2, stderr);
    const lines = stderr.trimEnd().split("\n");
    assert.equal(lines.length, 1, stderr);
    assert.match(lines[0].replace(/^econagent: /, ""), expected);
    assert.equal(fs.existsSync(out), false, "nothing written for bad input");
  }
  const { code, stderr } = await cliInProcess(["calibrate", file, "--out", path.join(tmp, "reference"), "--jobs", "0"]);
  assert.equal(code, 2);
  assert.match(stderr, /^econagent: --jobs: got "0"; allowed: a positive integer\n$/);
});

test("a directory holding another calibration is refused rather than mixed", async () => {
  const other = path.join(tmp, "other.json");
  fs.writeFileSync(other, JSON.stringify(calibrationFile({ seed: 2 })));
  const out = path.join(tmp, "reference");
  if (!fs.existsSync(out)) await runCalibration(readEstimation(file, "calibrate"), { out, jobs: 1 });
  const { code, stderr } = await cliInProcess(["calibrate", other, "--out", out]);
  assert.equal(code, 2);
  assert.match(stderr, /--out: .*allowed: a directory of this calibrate file \(it holds calibrate "recovery" with SHA-256/);
});
