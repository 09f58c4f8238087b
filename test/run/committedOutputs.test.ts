/**
 * What `npm start` writes is what is committed: its four baseline runs (data/runs/<policy>-seed1) and its figures'
 * HTML (figures/<policy>-seed1-*.html, figures/baselines-*.html). CI runs `npm start` right before `npm test` on a
 * clean checkout, so there this compares freshly written files with the commit; a figure or run that a code change
 * altered must be regenerated (`npm start`) and committed with it. Manifests are compared by their configuration
 * (they also record timings); PNGs are Chromium's pixels and are not compared.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { projectRoot } from "../../lib/paths.js";

const ROOT = projectRoot();
const POLICIES = ["len", "cats", "composite", "aieco"];

function git(args: string[]): string {
  return execFileSync("git", ["-C", ROOT, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
}

const tracked = git(["ls-files", "data/runs", "figures"]).split("\n").filter((f) => f !== "");
const startOutputs = tracked.filter(
  (f) =>
    POLICIES.some((p) => f.startsWith(`data/runs/${p}-seed1/`)) ||
    (f.endsWith(".html") && (f.startsWith("figures/baselines-") || POLICIES.some((p) => f.startsWith(`figures/${p}-seed1-`)))),
);

test("npm start's runs and figures are committed: every baseline's files are tracked", () => {
  for (const policy of POLICIES) {
    for (const file of ["annual.csv", "monthly.csv", "summary.json", "business_cycle.csv", "households.csv", "manifest.json"]) {
      assert.ok(startOutputs.includes(`data/runs/${policy}-seed1/${file}`), `data/runs/${policy}-seed1/${file} is not committed`);
    }
    for (const figure of ["annual", "phillips-okun"]) assert.ok(startOutputs.includes(`figures/${policy}-seed1-${figure}.html`), `figures/${policy}-seed1-${figure}.html is not committed`);
  }
  for (const figure of ["annual", "phillips-okun", "business-cycle"]) assert.ok(startOutputs.includes(`figures/baselines-${figure}.html`));
});

test("npm start's runs and figures in the working tree are the committed ones (CI: freshly written by npm start)", () => {
  const stale: string[] = [];
  for (const file of startOutputs) {
    const committed = git(["show", `HEAD:${file}`]);
    const current = fs.readFileSync(path.join(ROOT, file), "utf8");
    const same = file.endsWith("manifest.json") ? JSON.stringify(JSON.parse(current).config) === JSON.stringify(JSON.parse(committed).config) : current === committed;
    if (!same) stale.push(file);
  }
  assert.deepEqual(stale, [], `npm start writes these differently from the commit: run npm start and commit them`);
});
