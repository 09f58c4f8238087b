import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { resolveConfig } from "../../lib/run/config.js";
import { RunInterrupted, runExperiment } from "../../lib/run/runExperiment.js";

test("an aborted run stops at the month boundary, keeps its months and says 'interrupted'", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-interrupt-"));
  try {
    const stop = new AbortController();
    const run = runExperiment(resolveConfig({ households: 10, months: 24 }), {
      out,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.month === 5) stop.abort();
      },
    });
    await assert.rejects(run, RunInterrupted);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
    assert.equal(manifest.status, "interrupted");
    assert.equal(manifest.counts.months_completed, 5);
    assert.equal(fs.readFileSync(path.join(out, "monthly.csv"), "utf8").trim().split("\n").length, 1 + 5);
    assert.equal(fs.readFileSync(path.join(out, "decisions.csv"), "utf8").trim().split("\n").length, 1 + 5 * 10);
    assert.ok(!fs.existsSync(path.join(out, "annual.csv")) && !fs.existsSync(path.join(out, "summary.json")));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test("a policy that fails mid-run leaves a 'failed' manifest and the months before the failure", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-fail-"));
  try {
    let month = 0;
    const broken = {
      name: "broken",
      decide(_: unknown, decisions: { work: Float64Array; consumption: Float64Array }) {
        if (++month === 3) throw new Error("model endpoint vanished");
        decisions.work.fill(1);
        decisions.consumption.fill(0.5);
      },
    };
    await assert.rejects(runExperiment(resolveConfig({ households: 10, months: 24 }), { out, policy: broken }), /vanished/);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
    assert.equal(manifest.status, "failed");
    assert.equal(manifest.error, "model endpoint vanished");
    assert.equal(manifest.counts.months_completed, 2);
    assert.equal(fs.readFileSync(path.join(out, "monthly.csv"), "utf8").trim().split("\n").length, 3);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
