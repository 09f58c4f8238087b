import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { runCli } from "../support/cli.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-resume-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const OUTPUTS = ["monthly.csv", "annual.csv", "summary.json", "decisions.csv", "households.csv"];
const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f), "utf8");

test("rule households: SIGKILL mid-run, --resume gives byte-identical outputs", async () => {
  // A checkpoint every month, so the kill lands just after one whatever the machine's speed (test/run/checkpointSchedule.test.ts kills a run checkpointed by time).
  const base = ["run", "--policy", "composite", "--households", "3000", "--months", "120", "--seed", "11", "--checkpoint-every", "1"];
  const whole = path.join(tmp, "whole");
  assert.equal((await runCli([...base, "--out", whole])).code, 0);
  const killed = path.join(tmp, "killed");
  const r = await runCli([...base, "--out", killed], {}, (pid) => {
    const poll = setInterval(() => {
      const file = path.join(killed, "monthly.csv");
      if (fs.existsSync(file) && fs.readFileSync(file, "utf8").split("\n").length > 40) {
        clearInterval(poll);
        process.kill(pid, "SIGKILL");
      }
    }, 1);
  });
  assert.equal(r.signal, "SIGKILL");
  // What a kill between an atomic write and its rename leaves behind; the resumed run must not keep it.
  fs.writeFileSync(path.join(killed, "manifest.json.99999.tmp"), "{");
  const resumed = await runCli(["run", "--resume", killed]);
  assert.equal(resumed.code, 0, resumed.stderr);
  for (const f of OUTPUTS) assert.equal(read(killed, f), read(whole, f), f);
  assert.deepEqual(fs.readdirSync(killed).sort(), fs.readdirSync(whole).sort());
});

test("--resume refuses a complete run, a missing directory and extra options", async () => {
  const done = path.join(tmp, "done");
  assert.equal((await runCli(["run", "--households", "5", "--months", "12", "--out", done])).code, 0);
  const complete = await runCli(["run", "--resume", done]);
  assert.equal(complete.code, 2);
  assert.match(complete.stderr, /--resume: .*did not complete/);
  const missing = await runCli(["run", "--resume", path.join(tmp, "nope")]);
  assert.equal(missing.code, 2);
  const extra = await runCli(["run", "--resume", done, "--seed", "2"]);
  assert.equal(extra.code, 2);
  assert.match(extra.stderr, /--resume/);
});

test("issue 18 item 19: --resume without checkpoint.json says so in one line and starts again from month 1", async () => {
  const args = ["--households", "5", "--months", "24", "--seed", "3"];
  const whole = path.join(tmp, "restart-whole");
  assert.equal((await runCli(["run", ...args, "--out", whole])).code, 0);
  const out = path.join(tmp, "restart");
  assert.equal((await runCli(["run", ...args, "--out", out])).code, 0);
  // What a run stopped before its first checkpoint leaves: no checkpoint, a manifest that is not "complete".
  fs.rmSync(path.join(out, "checkpoint.json"), { force: true });
  const manifest = path.join(out, "manifest.json");
  fs.writeFileSync(manifest, JSON.stringify({ ...JSON.parse(read(out, "manifest.json")), status: "interrupted" }));
  const r = await runCli(["run", "--resume", out, "--quiet"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, `econagent: --resume ${out}: no checkpoint.json (the run stopped before its first checkpoint); starting again from month 1\n`);
  for (const f of OUTPUTS) assert.equal(read(out, f), read(whole, f), f);
});
