/**
 * When a run checkpoints: by elapsed time by default (a run shorter than the interval writes none; a long run's
 * checkpoints are at most the interval apart), every N months with --checkpoint-every, every month for LLM
 * households; and kill -9 of a run checkpointed by time, then --resume, gives byte-identical outputs.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { CHECKPOINT_FILE, checkpointDue, checkpointSchedule, DEFAULT_CHECKPOINT_SECONDS } from "../../lib/run/checkpoint.js";
import { resolveConfig } from "../../lib/run/config.js";
import { runExperiment } from "../../lib/run/runExperiment.js";
import { runCli } from "../support/cli.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-checkpoint-schedule-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The month of the run's checkpoint on disk (written atomically: whole or absent), or null when there is none. */
function checkpointMonth(dir: string): number | null {
  const file = path.join(dir, CHECKPOINT_FILE);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as { month: number }).month : null;
}

test("the schedule: by time (30 s) by default, every month for LLM households, --checkpoint-every wins", () => {
  const schedule = (options: Record<string, unknown>) => checkpointSchedule(resolveConfig(options));
  assert.equal(DEFAULT_CHECKPOINT_SECONDS, 30);
  assert.deepEqual(schedule({ policy: "composite" }), { seconds: 30 });
  assert.deepEqual(schedule({ policy: "composite", households: 1_000_000 }), { seconds: 30 });
  assert.deepEqual(schedule({ policy: "llm" }), { months: 1 });
  assert.deepEqual(schedule({ policy: "llm", checkpointSeconds: 120 }), { seconds: 120 });
  assert.deepEqual(schedule({ policy: "len", checkpointSeconds: 5, checkpointEvery: 12 }), { months: 12 });
  assert.deepEqual(schedule({ policy: "len", checkpointEvery: 0 }), { months: 0 });
  assert.equal(checkpointDue({ seconds: 30 }, 7, 29_999), false);
  assert.equal(checkpointDue({ seconds: 30 }, 7, 30_000), true);
  assert.equal(checkpointDue({ seconds: 0 }, 7, 0), true, "0 s: every month boundary");
  assert.equal(checkpointDue({ months: 12 }, 24, 0), true);
  assert.equal(checkpointDue({ months: 12 }, 25, 1e9), false, "a month schedule ignores the clock");
  assert.equal(checkpointDue({ months: 0 }, 24, 1e9), false, "0 months: never");
});

test("--checkpoint-seconds is checked like every option: one line naming the flag, the value and what is allowed", async () => {
  const r = await runCli(["run", "--checkpoint-seconds", "-1", "--out", path.join(tmp, "bad")]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^econagent: --checkpoint-seconds: got "-1"; allowed: a non-negative number\n$/);
});

/** Run `options` in-process and note, at each month, the month of the checkpoint on disk (null: none yet). */
async function checkpointMonths(name: string, options: Record<string, unknown>, monthMs = 0): Promise<(number | null)[]> {
  const out = path.join(tmp, name);
  const seen: (number | null)[] = [];
  await runExperiment(resolveConfig(options), {
    out,
    onProgress: () => {
      seen.push(checkpointMonth(out));
      // A slower economy: each month takes at least `monthMs` of wall time.
      const until = Date.now() + monthMs;
      while (Date.now() < until);
    },
  });
  assert.equal(checkpointMonth(out), null, "a complete run keeps no checkpoint");
  return seen;
}

test("a run shorter than the interval writes no checkpoint", async () => {
  const seen = await checkpointMonths("short", { policy: "composite", households: 20, months: 36, seed: 4 });
  assert.equal(seen.length, 36);
  assert.deepEqual(seen.filter((month) => month !== null), []);
});

test("a long run's checkpoints are at most the interval apart", async () => {
  // Months of ≥ 20 ms and a 50 ms interval. A boundary is checked before that month's 20 ms wait, so on an idle
  // machine the first checkpoint comes at month 4 (the clock starts before month 1: checks at 0, 20, 40, 60 ms) and
  // each later one three boundaries after the last (a slower machine only brings them earlier): at most four apart.
  const seen = await checkpointMonths("long", { policy: "len", households: 20, months: 48, seed: 4, checkpointSeconds: 0.05 }, 20);
  const saved = [...new Set(seen.filter((month): month is number => month !== null))];
  assert.ok(saved.length >= 10, `checkpoints at months ${saved.join(", ")}`);
  let last = 0;
  for (const month of saved) {
    assert.ok(month - last <= 4, `a checkpoint at month ${month}, the one before at month ${last}`);
    last = month;
  }
  assert.ok(48 - last <= 4);
  seen.forEach((month, i) => assert.ok(month === null || month <= i + 1, "a checkpoint is never ahead of the run"));
});

test("--checkpoint-every keeps month boundaries whatever the clock", async () => {
  const seen = await checkpointMonths("every", { policy: "len", households: 10, months: 36, seed: 4, checkpointEvery: 12 });
  assert.deepEqual(seen.slice(10, 14), [null, 12, 12, 12]);
  assert.deepEqual(seen.slice(22, 26), [12, 24, 24, 24]);
});

test("kill -9 of a run checkpointed by time, then --resume: byte-identical outputs", { timeout: 300_000 }, async () => {
  const base = ["run", "--policy", "composite", "--households", "3000", "--months", "120", "--seed", "12"];
  const whole = path.join(tmp, "whole");
  assert.equal((await runCli([...base, "--out", whole, "--quiet"])).code, 0);
  const killed = path.join(tmp, "killed");
  let checkpointAtKill: number | null = null;
  const r = await runCli([...base, "--checkpoint-seconds", "0.2", "--out", killed, "--quiet"], {}, (pid) => {
    const poll = setInterval(() => {
      let checkpoint: number | null;
      try {
        checkpoint = checkpointMonth(killed);
      } catch {
        return; // removed between the check and the read: the run has just completed
      }
      const monthly = path.join(killed, "monthly.csv");
      const rows = fs.existsSync(monthly) ? fs.readFileSync(monthly, "utf8").split("\n").length - 2 : 0;
      // Killed between two checkpoints: months written after the last one must be dropped and run again.
      if (checkpoint !== null && rows > checkpoint) {
        clearInterval(poll);
        checkpointAtKill = checkpoint;
        process.kill(pid, "SIGKILL");
      }
    }, 1);
  });
  assert.equal(r.signal, "SIGKILL", "the run was killed before it finished");
  assert.ok(checkpointAtKill !== null && checkpointAtKill < 120);
  const resumed = await runCli(["run", "--resume", killed, "--quiet"]);
  assert.equal(resumed.code, 0, resumed.stderr);
  for (const file of ["monthly.csv", "annual.csv", "summary.json", "decisions.csv", "households.csv", "business_cycle.csv"]) {
    assert.ok(fs.readFileSync(path.join(killed, file)).equals(fs.readFileSync(path.join(whole, file))), file);
  }
  assert.deepEqual(fs.readdirSync(killed).sort(), fs.readdirSync(whole).sort());
});
