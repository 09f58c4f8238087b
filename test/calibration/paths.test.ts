import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { dataPath, projectRoot } from "../../lib/paths.js";

const root = projectRoot();
const pathsModule = path.join(root, "lib", "paths.ts");
const tsx = pathToFileURL(path.join(root, "node_modules", "tsx", "dist", "loader.mjs")).href;

/** Run projectRoot() in a fresh process from outside the package; `before` runs first in that process. */
function rootFromOutside(env: NodeJS.ProcessEnv, before = ""): string {
  const code = `${before}console.log(require(${JSON.stringify(pathsModule)}).projectRoot())`;
  return execFileSync(process.execPath, ["--import", tsx, "-e", code], {
    cwd: os.tmpdir(),
    env: { ...process.env, ECONAGENT_ROOT: "", ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

test("projectRoot finds the econagent-ts package and dataPath points into data/", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { name: string };
  assert.equal(manifest.name, "econagent-ts");
  assert.equal(dataPath("names.json"), path.join(root, "data", "names.json"));
  assert.ok(fs.existsSync(dataPath("names.json")));
});

test("projectRoot honours ECONAGENT_ROOT", () => {
  assert.equal(rootFromOutside({ ECONAGENT_ROOT: root }), root);
});

test("projectRoot falls back to the running script's directory", () => {
  const script = path.join(root, "scripts", "any.ts");
  assert.equal(rootFromOutside({}, `process.argv[1] = ${JSON.stringify(script)};`), root);
});

test("projectRoot throws a clear error outside the package", () => {
  assert.throws(() => rootFromOutside({}), /cannot find the econagent-ts package root/);
});
