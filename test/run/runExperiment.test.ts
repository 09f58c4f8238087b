import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { resolveConfig } from "../../lib/run/config.js";
import { RunInterrupted, runExperiment } from "../../lib/run/runExperiment.js";
import { BUSINESS_CYCLE_COLUMNS, businessCycleTable } from "../../lib/analysis/businessCycle.js";
import { quarterlySeries } from "../../lib/analysis/quarterlySeries.js";
import { loadRun } from "../../lib/run/loadRun.js";

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

test("a completed run writes business_cycle.csv from its quarters and the robust summary fields", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-cycle-"));
  try {
    await runExperiment(resolveConfig({ policy: "cats", households: 20, months: 48, seed: 3 }), { out });
    const text = fs.readFileSync(path.join(out, "business_cycle.csv"), "utf8");
    const lines = text.trim().split("\n");
    assert.equal(lines[0], BUSINESS_CYCLE_COLUMNS.join(","));
    assert.deepEqual(lines.slice(1).map((l) => l.split(",")[0]), ["real_gdp", "real_consumption", "price_level", "mean_wage", "unemployment"]);
    assert.ok(lines.slice(1).every((l) => l.split(",").length === BUSINESS_CYCLE_COLUMNS.length));
    assert.equal(BUSINESS_CYCLE_COLUMNS.length, 16);
    const run = loadRun(out);
    // The file is the table of the run's own monthly.csv, quarter by quarter (16 quarters).
    assert.deepEqual(run.businessCycle, businessCycleTable(quarterlySeries(run.monthly, 20)));
    assert.equal(run.businessCycle![0].relative_sd, 1);
    assert.equal(run.businessCycle![0].xcorr_p0, 1);
    for (const name of ["phillips", "okun"] as const) {
      const relation = run.summary[name];
      assert.deepEqual(Object.keys(relation.hac!), ["slope", "se", "p", "lags"]);
      assert.equal(relation.hac!.slope, relation.slope);
      assert.deepEqual([relation.bootstrap!.block, relation.bootstrap!.draws > 0], [2, true]);
      const nEff = relation.n_eff ?? null;
      assert.ok(nEff === null || (nEff >= 3 && nEff <= relation.n));
      assert.ok("rho" in relation.spearman! && "p_eff" in relation);
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
