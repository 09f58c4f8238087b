/**
 * Start-up: the command loads only what a command needs. `econagent run --help` and a rule-based run load none of
 * the heavy packages; the paths that use one load it (the detector is not blind); and the command runs the compiled
 * build when it is fresh, the TypeScript sources otherwise (lib/compiled.ts).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { compiledLib } from "../../lib/compiled.js";
import { HEAVY_PACKAGES, loadedModules } from "../support/loadedPackages.js";

const root = process.cwd();
const bin = path.join(root, "bin", "econagent.js");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-startup-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function heavyLoaded(packages: Set<string>): string[] {
  return HEAVY_PACKAGES.filter((name) => packages.has(name));
}

test("econagent run --help loads none of the heavy packages", async () => {
  const r = await loadedModules(bin, ["run", "--help"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Usage:/m);
  assert.deepEqual(heavyLoaded(r.packages), []);
});

test("the command runs the compiled build when it is fresh, else the sources through tsx", async () => {
  const r = await loadedModules(bin, ["--version"]);
  assert.equal(r.code, 0, r.stderr);
  const compiled = compiledLib(root);
  if (compiled !== null) {
    assert.ok(r.files.includes(path.join(compiled, "cli", "main.js")), "the compiled main module runs");
    assert.ok(!r.packages.has("tsx") && !r.packages.has("esbuild"), "no transpiler is loaded");
  } else {
    assert.ok(r.files.includes(path.join(root, "lib", "cli", "main.ts")), "without a fresh build the sources run");
    assert.ok(r.packages.has("tsx"));
  }
});

test("a rule-based run with CSV outputs loads none of the heavy packages", async () => {
  const out = path.join(tmp, "composite");
  const r = await loadedModules(bin, ["run", "--policy", "composite", "--households", "10", "--months", "12", "--seed", "3", "--out", out, "--quiet"]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(fs.existsSync(path.join(out, "monthly.csv")));
  assert.deepEqual(heavyLoaded(r.packages), []);
});

test("the paths that need a heavy package load it: Parquet outputs load Arrow and parquet-wasm, AI-Economist households TensorFlow.js", async () => {
  const parquet = await loadedModules(bin, ["run", "--households", "10", "--months", "12", "--format", "parquet", "--out", path.join(tmp, "parquet"), "--quiet"]);
  assert.equal(parquet.code, 0, parquet.stderr);
  assert.deepEqual(heavyLoaded(parquet.packages), ["apache-arrow", "parquet-wasm"]);
  const aieco = await loadedModules(bin, ["run", "--policy", "aieco", "--households", "10", "--months", "12", "--out", path.join(tmp, "aieco"), "--quiet"]);
  assert.equal(aieco.code, 0, aieco.stderr);
  assert.deepEqual(heavyLoaded(aieco.packages), ["@tensorflow/tfjs"]);
});
