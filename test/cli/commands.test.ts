/**
 * The `econagent` command itself: --version, help, and unknown commands.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const root = process.cwd();
const bin = path.join(root, "bin/econagent.js");
const version = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;

function cli(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: root });
}

test("econagent --version prints package.json's version", () => {
  const r = cli(["--version"]);
  assert.equal(r.status, 0);
  assert.equal(r.stdout, `${version}\n`);
  assert.equal(r.stderr, "");
});

test("econagent frobnicate → exit 2 with one line naming the command and the known ones", () => {
  const r = cli(["frobnicate"]);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, "");
  const lines = r.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, r.stderr);
  assert.ok(!r.stderr.includes("    at "));
  for (const p of ['"frobnicate"', "run", "report", "--version"]) assert.ok(lines[0].includes(p), `${p} in ${lines[0]}`);
});

test("econagent run --help prints the usage and exits 0", () => {
  const r = cli(["run", "--help"]);
  assert.equal(r.status, 0);
  assert.equal(r.stderr, "");
  assert.ok(r.stdout.startsWith("econagent"), r.stdout);
  for (const flag of ["--policy", "--households", "--months", "--seed", "--config", "--out", "--force", "--quiet"]) {
    assert.ok(r.stdout.includes(flag), `usage mentions ${flag}`);
  }
});
