/** A resumed run refuses inputs that changed, and a damaged checkpoint or manifest names the file and the field. */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { resolveConfig } from "../../lib/run/config.js";
import { resumeExperiment, runExperiment } from "../../lib/run/runExperiment.js";
import { RESUMABLE_KEYS } from "../../lib/run/resumeChecks.js";
import { runCli } from "../support/cli.js";
import { deterministicAnswer, startFakeOpenAI } from "../support/fakeOpenAI.js";
import { cliInProcess } from "../support/inProcessCli.js";
import { interruptedRun } from "../support/interruptedRun.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-resume-inputs-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const interrupted = (name: string, options: Record<string, unknown>, month?: number) => interruptedRun(tmp, name, options, month);

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
  await damage((c) => (c.format = 1), /checkpoint\.json: format: got 1; allowed: 2 \(the checkpoint format this version writes\)/);
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

const OUTPUTS = ["monthly.csv", "annual.csv", "summary.json", "business_cycle.csv", "households.csv", "decisions.csv"];

/** Every file of a run directory, by name: its bytes as base64 (to compare before and after a refusal). */
const dirBytes = (dir: string) => Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f)).toString("base64")]));

/** The uninterrupted run a resumed one must equal (interruptedRun's economy). */
async function wholeRun(name: string, options: Record<string, unknown>): Promise<string> {
  const out = path.join(tmp, name);
  await runExperiment(resolveConfig({ households: 4, months: 24, seed: 2, ...options }), { out });
  return out;
}

/** `run --resume out`: exit 2, one line matching `pattern`, and not a byte of the run directory changed. */
async function refusedAtStart(out: string, pattern: RegExp): Promise<void> {
  const before = dirBytes(out);
  const r = await cliInProcess(["run", "--resume", out, "--quiet"]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  assert.match(r.stderr, pattern);
  assert.deepEqual(dirBytes(out), before, "a refused resume changes nothing");
}

/** Edit a JSON file of the run, try `check`, put the file back. */
async function editedJson(file: string, edit: (value: any) => void, check: () => Promise<void>): Promise<void> {
  const good = fs.readFileSync(file, "utf8");
  const value = JSON.parse(good);
  edit(value);
  fs.writeFileSync(file, JSON.stringify(value));
  try {
    await check();
  } finally {
    fs.writeFileSync(file, good);
  }
}

/** A run's files equal to the uninterrupted run's, byte for byte. */
function assertSameOutputs(dir: string, whole: string): void {
  for (const f of OUTPUTS) assert.ok(fs.readFileSync(path.join(dir, f)).equals(fs.readFileSync(path.join(whole, f))), `${f} differs from the uninterrupted run's`);
}

/** Replace household values of a base64 array of doubles. */
function doublesEdited(base64: string, edit: (values: Float64Array) => void): string {
  const values = new Float64Array(Uint8Array.from(Buffer.from(base64, "base64")).buffer);
  edit(values);
  return Buffer.from(values.buffer).toString("base64");
}

test("issue 18 item 2: a manifest whose configuration was edited is refused naming the field, the value and the original; free keys change nothing", async () => {
  const out = await interrupted("edited-config", { policy: "composite" });
  const whole = await wholeRun("edited-config-whole", { policy: "composite" });
  const manifest = path.join(out, "manifest.json");
  const { config } = JSON.parse(fs.readFileSync(manifest, "utf8"));
  const refused = (edit: (c: Record<string, unknown>) => void, pattern: RegExp) => editedJson(manifest, (m) => edit(m.config), () => refusedAtStart(out, pattern));
  const original = "\\(the value the run started with, as checkpoint\\.json records; a resumed run may change only " + RESUMABLE_KEYS.join(", ");
  await refused((c) => delete c.months, new RegExp(`manifest\\.json: config\\.months: got "\\(deleted: the default 240\\)"; allowed: 24 ${original}`));
  await refused((c) => (c.months = 12), new RegExp(`manifest\\.json: config\\.months: got 12; allowed: 24 ${original}`));
  await refused((c) => (c.wageAdjustment = 0.2), new RegExp(`manifest\\.json: config\\.wageAdjustment: got 0\\.2; allowed: ${config.wageAdjustment} ${original}`));
  await refused((c) => (c.policy = "len"), /manifest\.json: config\.policy: got "len"; allowed: "composite" \(the value the run started with/);
  await refused((c) => (c.seed = 10), /manifest\.json: config\.seed: got 10; allowed: 2 \(the value the run started with/);
  await refused((c) => (c.startYear = 1998), new RegExp(`manifest\\.json: config\\.startYear: got 1998; allowed: ${config.startYear} \\(`));
  await refused((c) => (c.format = "parquet"), /manifest\.json: config\.format: got "parquet"; allowed: "csv" \(/);
  await refused((c) => (c.bank = "on"), /manifest\.json: config\.bank: got "on"; allowed: false \(/);
  // How the run is carried out may change: the outputs are the uninterrupted run's.
  await editedJson(manifest, (m) => Object.assign(m.config, { checkpointEvery: 5, timeout: 30, maxAttempts: 2 }), async () => {
    const r = await cliInProcess(["run", "--resume", out, "--quiet"]);
    assert.equal(r.code, 0, r.stderr);
  });
  assertSameOutputs(out, whole);
});

test("issue 18 item 3: a checkpoint changed after it was written is refused by its seal; output files are checked against it", async () => {
  const out = await interrupted("sealed", { policy: "composite" }, 14);
  const whole = await wholeRun("sealed-whole", { policy: "composite" });
  const checkpoint = path.join(out, "checkpoint.json");
  const seal = /checkpoint\.json: sha256: got "[0-9a-f]{64}"; allowed: the SHA-256 of the rest of the file \([0-9a-f]{12}…\): the checkpoint was changed after the run wrote it/;
  const refused = (edit: (c: any) => void, pattern: RegExp) => editedJson(checkpoint, edit, () => refusedAtStart(out, pattern));
  await refused((c) => c.simulation.annual.pop(), /checkpoint\.json: simulation\.annual: got "0 rows"; allowed: 1 rows \(one per year done\)/);
  const rules: number[] = JSON.parse(fs.readFileSync(checkpoint, "utf8")).simulation.policy;
  const [len, cats] = [rules.indexOf(0), rules.indexOf(1)];
  assert.ok(len >= 0 && cats >= 0, "this economy has both rules");
  await refused((c) => ([c.simulation.policy[len], c.simulation.policy[cats]] = [1, 0]), seal);
  await refused((c) => (c.simulation.state.price *= 1.5), seal);
  await refused((c) => (c.simulation.rng.s0 = 0.5), seal);
  await refused((c) => ([c.simulation.state.arrays.wage, c.simulation.state.arrays.savings] = [c.simulation.state.arrays.savings, c.simulation.state.arrays.wage]), seal);
  await refused((c) => {
    for (const key of ["wage", "savings", "income", "tax", "transfer", "spend", "yearIncome"]) {
      c.simulation.state.arrays[key] = doublesEdited(c.simulation.state.arrays[key], (v) => ([v[0], v[1]] = [v[1], v[0]]));
    }
  }, seal);
  await refused((c) => delete c.sha256, /checkpoint\.json: sha256: got undefined; allowed: a SHA-256 \(64 hex digits\)/);
  // The files the checkpoint records: a changed byte, a file shorter than recorded.
  const monthly = path.join(out, "monthly.csv");
  const text = fs.readFileSync(monthly, "utf8");
  fs.writeFileSync(monthly, text.replace(/,(\d)/, (_, d) => `,${(Number(d) + 1) % 10}`));
  await refusedAtStart(out, /monthly\.csv: \(file\): got "SHA-256 [0-9a-f]{12}… of its first \d+ bytes"; allowed: \d+ bytes with SHA-256 [0-9a-f]{12}…, as checkpoint\.json records \(the run wrote them before its checkpoint; restore the file or start the run again\)/);
  fs.writeFileSync(monthly, text);
  const decisions = path.join(out, "decisions.csv");
  const rows = fs.readFileSync(decisions);
  fs.writeFileSync(decisions, rows.subarray(0, rows.length - 10));
  await refusedAtStart(out, /decisions\.csv: \(file\): got "\d+ bytes"; allowed: at least \d+ bytes with SHA-256/);
  // What a kill mid-month leaves: bytes after the checkpoint's, which the resumed run writes again.
  fs.writeFileSync(decisions, Buffer.concat([rows, Buffer.from("15,0,0.5,")]));
  const r = await cliInProcess(["run", "--resume", out, "--quiet"]);
  assert.equal(r.code, 0, r.stderr);
  assertSameOutputs(out, whole);
});

test("issue 18 item 7: a deleted households.csv or households.parquet is refused by --resume, naming it", async () => {
  for (const format of ["csv", "parquet"]) {
    const out = await interrupted(`households-${format}`, { policy: "cats", format });
    fs.rmSync(path.join(out, `households.${format}`));
    await refusedAtStart(out, new RegExp(`households\\.${format}: \\(file\\): got "missing"; allowed: \\d+ bytes with SHA-256 [0-9a-f]{12}…, as checkpoint\\.json records`));
  }
});

test("issue 18 item 10: damaged checkpoints are refused at start naming the file and the field, not after running to the end", async () => {
  const out = await interrupted("damaged-at-start", { policy: "composite" }, 13);
  const checkpoint = path.join(out, "checkpoint.json");
  const refused = (edit: (c: any) => void, pattern: RegExp) => editedJson(checkpoint, edit, () => refusedAtStart(out, pattern));
  await refused((c) => (c.month = c.simulation.state.month = 50), /checkpoint\.json: month: got 50; allowed: a month before the run's last \(24\)/);
  await refused((c) => (c.month = c.simulation.state.month = 10), /checkpoint\.json: simulation\.monthly: got "13 rows"; allowed: 10 rows \(one per month done\)/);
  await refused((c) => (c.simulation.state.month = 10), /checkpoint\.json: simulation\.state\.month: got 10; allowed: 13 \(the checkpoint's month\)/);
  await refused((c) => c.simulation.monthly.pop(), /checkpoint\.json: simulation\.monthly: got "12 rows"; allowed: 13 rows/);
  await refused((c) => (c.simulation.state.price = -135), /checkpoint\.json: simulation\.state\.price: got -135; allowed: a positive price/);
  await refused((c) => (c.simulation.state.arrays.wage = doublesEdited(c.simulation.state.arrays.wage, (v) => (v[2] = -20))), /checkpoint\.json: simulation\.state\.arrays\.wage: got "-20 at household 2"; allowed: a positive wage for every household/);
  await refused((c) => (c.simulation.state.n = 3), /checkpoint\.json: simulation\.state\.n: got 3; allowed: 4 \(the run's households\)/);
  await refused((c) => (c.simulation.state.arrays.wage = doublesEdited(c.simulation.state.arrays.wage, () => undefined).slice(0, 32)), /checkpoint\.json: simulation\.state\.arrays\.wage: got "24 bytes"; allowed: 32 bytes: one value per household \(4\)/);
  await refused((c) => (c.simulation.bank = { arrays: {}, reserves: 0, equity: 0 }), /checkpoint\.json: simulation\.bank\.arrays\.deposit: got undefined/);
  const manifest = path.join(out, "manifest.json");
  await editedJson(manifest, (m) => (m.config.months = 12), () => refusedAtStart(out, /manifest\.json: config\.months: got 12; allowed: 24/));
  await editedJson(manifest, (m) => (m.config.bank = true), () => refusedAtStart(out, /manifest\.json: config\.bank: got true; allowed: false/));
  for (const name of ["monthly.csv", "decisions.csv"]) {
    const file = path.join(out, name);
    const bytes = fs.readFileSync(file);
    fs.rmSync(file);
    await refusedAtStart(out, new RegExp(`${name.replace(".", "\\.")}: \\(file\\): got "missing"; allowed: \\d+ bytes with SHA-256`));
    fs.writeFileSync(file, bytes);
  }
  const bank = await interrupted("damaged-bank", { policy: "cats", bank: "on" });
  await editedJson(path.join(bank, "checkpoint.json"), (c) => delete c.simulation.bank, () => refusedAtStart(bank, /checkpoint\.json: simulation\.bank: got undefined; allowed: the bank's accounts \(the run has the bank on\)/));
  await editedJson(path.join(bank, "checkpoint.json"), (c) => (c.simulation.bank.arrays.debt = c.simulation.bank.arrays.debt.slice(0, 8)), () => refusedAtStart(bank, /checkpoint\.json: simulation\.bank\.arrays\.debt: got "6 bytes"; allowed: 32 bytes/));
});

test("issue 18 item 3: an LLM run's transcripts.jsonl is checked against its checkpoint too", async () => {
  const server = await startFakeOpenAI((body) => ({ content: deterministicAnswer(body) }));
  try {
    const out = await interrupted("transcripts", { policy: "llm", model: "stand-in", baseUrl: server.url, cache: path.join(tmp, "transcripts-cache") });
    const file = path.join(out, "transcripts.jsonl");
    const text = fs.readFileSync(file, "utf8");
    assert.ok(JSON.parse(fs.readFileSync(path.join(out, "checkpoint.json"), "utf8")).files["transcripts.jsonl"], "the checkpoint records the transcripts");
    fs.writeFileSync(file, text.replace(/"work/, '"Work'));
    await refusedAtStart(out, /transcripts\.jsonl: \(file\): got "SHA-256 [0-9a-f]{12}… of its first \d+ bytes"; allowed: \d+ bytes with SHA-256/);
    fs.rmSync(file);
    await refusedAtStart(out, /transcripts\.jsonl: \(file\): got "missing"/);
    fs.writeFileSync(file, text);
    const r = await cliInProcess(["run", "--resume", out, "--quiet"]);
    assert.equal(r.code, 0, r.stderr);
  } finally {
    await server.close();
  }
});
