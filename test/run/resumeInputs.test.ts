/** A resumed run refuses inputs that changed, and a damaged checkpoint or manifest names the file and the field. */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { resumeExperiment } from "../../lib/run/runExperiment.js";
import { runCli } from "../support/cli.js";
import { interruptedRun } from "../support/interruptedRun.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-resume-inputs-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const interrupted = (name: string, options: Record<string, unknown>) => interruptedRun(tmp, name, options);

const copy = (from: string, name: string) => {
  const file = path.join(tmp, name);
  fs.copyFileSync(from, file);
  return file;
};

test("--resume refuses a scenario file whose SHA-256 differs from the manifest's, one line, exit 2", async () => {
  const scenario = copy("data/scenarios/2020-pandemic.json", "pandemic.json");
  const out = await interrupted("scenario", { policy: "len", scenario, startYear: 2020 });
  const text = fs.readFileSync(scenario, "utf8");
  fs.writeFileSync(scenario, text.replace("one-time stimulus payment of $1,200", "one-time stimulus payment of $2,400").replace('"ubi": 1200', '"ubi": 2400'));
  const r = await runCli(["run", "--resume", out]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  assert.match(r.stderr, /--resume: got ".*pandemic\.json"; allowed: the scenario file the run started with \(SHA-256 [0-9a-f]{12}…; it is now [0-9a-f]{12}…\)/);
  fs.writeFileSync(scenario, text); // restored: the run continues
  const resumed = await runCli(["run", "--resume", out]);
  assert.equal(resumed.code, 0, resumed.stderr);
});

test("--resume refuses AI-Economist weights whose SHA-256 differs from the manifest's", async () => {
  const weights = copy("data/aieco/weights.json", "weights.json");
  const out = await interrupted("aieco", { policy: "aieco", aiecoWeights: weights });
  fs.appendFileSync(weights, "\n");
  await assert.rejects(resumeExperiment(out), /--resume: got ".*weights\.json"; allowed: the AI-Economist weights file the run started with \(SHA-256/);
});

test("a damaged checkpoint is refused naming the file and the field", async () => {
  const out = await interrupted("damaged", { policy: "cats", bank: "on" });
  const file = path.join(out, "checkpoint.json");
  const good = fs.readFileSync(file, "utf8");
  const damage = async (edit: (c: Record<string, any>) => void, pattern: RegExp) => {
    const c = JSON.parse(good);
    edit(c);
    fs.writeFileSync(file, JSON.stringify(c));
    await assert.rejects(resumeExperiment(out), pattern);
  };
  await damage((c) => (c.simulation.rng.s0 = "x"), /checkpoint\.json: simulation\.rng\.s0: got "x"; allowed: a finite number/);
  await damage((c) => (c.simulation.monthly[1].price = null), /checkpoint\.json: simulation\.monthly\[1\]\.price: got null; allowed: a finite number/);
  await damage((c) => delete c.simulation.state.arrays.wage, /checkpoint\.json: simulation\.state\.arrays\.wage: got undefined; allowed: the bytes of a typed array in base64/);
  await damage((c) => (c.simulation.bank.reserves = "lots"), /checkpoint\.json: simulation\.bank\.reserves: got "lots"/);
  await damage((c) => (c.format = 2), /checkpoint\.json: format: got 2; allowed: 1/);
  fs.writeFileSync(file, good.slice(0, 100));
  await assert.rejects(resumeExperiment(out), /checkpoint\.json: \(file\): got .*; allowed: valid JSON/);
  fs.writeFileSync(file, good);
  const manifest = path.join(out, "manifest.json");
  const m = JSON.parse(fs.readFileSync(manifest, "utf8"));
  fs.writeFileSync(manifest, JSON.stringify({ ...m, status: "paused" }));
  const r = await runCli(["run", "--resume", out]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /manifest\.json: status: got "paused"; allowed: one of running, complete, failed, interrupted, budget/);
  fs.writeFileSync(manifest, JSON.stringify(m));
  await resumeExperiment(out); // undamaged again: the run completes
  assert.ok(fs.existsSync(path.join(out, "summary.json")));
});
