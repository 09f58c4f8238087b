/** A policy's snapshot inside a checkpoint is validated when read back: a damaged one names the file and the field. */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { DialogueMemory } from "../../lib/households/llm/memory.js";
import { fields } from "../../lib/readBack.js";
import { checkpointSha256 } from "../../lib/run/checkpoint.js";
import { billingModel } from "../support/billingModel.js";
import { runCli } from "../support/cli.js";
import { interruptedRun } from "../support/interruptedRun.js";
import { startFakeOpenAI } from "../support/fakeOpenAI.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-policy-snapshot-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const interrupted = (name: string, options: Record<string, unknown>) => interruptedRun(tmp, name, options);

/** Damage the checkpoint's policy part (and seal it again), resume through the CLI: exit 2 and one line matching `pattern`. */
async function refused(out: string, edit: (policy: any) => unknown, pattern: RegExp): Promise<void> {
  const file = path.join(out, "checkpoint.json");
  const good = fs.readFileSync(file, "utf8");
  const c = JSON.parse(good);
  const replaced = edit(c.simulation.policy);
  if (replaced !== undefined) c.simulation.policy = replaced;
  // Sealed again, so the policy's own checks are reached (an edit left unsealed is refused by the seal first).
  c.sha256 = checkpointSha256(c);
  fs.writeFileSync(file, JSON.stringify(c));
  const r = await runCli(["run", "--resume", out]);
  fs.writeFileSync(file, good);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
}

test("rule households: a damaged rule assignment is refused naming checkpoint.json and the field, exit 2", async () => {
  const out = await interrupted("composite", { policy: "composite" });
  await refused(out, (p) => void (p[2] = 7), /checkpoint\.json: simulation\.policy\[2\]: got 7; allowed: 0 \(LEN\) or 1 \(CATS\)/);
  await refused(out, () => [0, 1], /checkpoint\.json: simulation\.policy: got "2 households"; allowed: one rule per household \(4\)/);
  await refused(out, () => ({ cats: true }), /checkpoint\.json: simulation\.policy: got .*; allowed: an array/);
  const resumed = await runCli(["run", "--resume", out]); // undamaged again: the run completes
  assert.equal(resumed.code, 0, resumed.stderr);
});

test("LLM households: damaged memory, wages or accounting are refused naming checkpoint.json and the field, exit 2", async () => {
  const server = await startFakeOpenAI(billingModel);
  try {
    const out = await interrupted("llm", { policy: "llm", model: "gpt-4o-mini", baseUrl: server.url, cache: path.join(tmp, "cache") });
    await refused(out, (p) => void (p.memory.recent[1][0].answer = 5), /checkpoint\.json: simulation\.policy\.memory\.recent\[1\]\[0\]\.answer: got 5; allowed: a string/);
    await refused(out, (p) => void p.memory.quarter.pop(), /checkpoint\.json: simulation\.policy\.memory\.quarter: got "3 households"; allowed: one entry per household \(4\)/);
    await refused(out, (p) => void (p.memory.reflection[0] = { prompt: "p" }), /checkpoint\.json: simulation\.policy\.memory\.reflection\[0\]\.answer: got undefined; allowed: a string/);
    await refused(out, (p) => void (p.lastWage[3] = "high"), /checkpoint\.json: simulation\.policy\.lastWage\[3\]: got "high"; allowed: a finite number/);
    await refused(out, (p) => void delete p.lastPrice, /checkpoint\.json: simulation\.policy\.lastPrice: got undefined; allowed: a finite number/);
    await refused(out, (p) => void (p.accounting.by_type.decision.calls = "many"), /checkpoint\.json: simulation\.policy\.accounting\.by_type\.decision\.calls: got "many"/);
    const resumed = await runCli(["run", "--resume", out]); // undamaged again: the run completes
    assert.equal(resumed.code, 0, resumed.stderr);
  } finally {
    await server.close();
  }
});

test("a memory restored from a valid snapshot continues it; a damaged one leaves the memory unchanged", () => {
  const at = fields("run/checkpoint.json");
  const memory = new DialogueMemory(2, 1);
  const e = { prompt: "month 1", answer: '{"work": 1, "consumption": 0.5}' };
  memory.restore({ recent: [[e], []], quarter: [[e], []], reflection: [null, e] }, at, "simulation.policy.memory");
  assert.deepEqual(memory.snapshot(), { recent: [[e], []], quarter: [[e], []], reflection: [null, e] });
  assert.throws(
    () => memory.restore({ recent: [[], []], quarter: [[], []], reflection: [null] }, at, "m"),
    /run\/checkpoint\.json: m\.reflection: got "1 households"; allowed: one entry per household \(2\)/,
  );
  assert.deepEqual(memory.snapshot().recent, [[e], []]);
});
