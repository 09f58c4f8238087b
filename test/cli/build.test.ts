/**
 * The build: nothing compiled is committed; a fresh clone works before it is built (the sources through tsx), its
 * prepare script (which `npm ci` runs) writes the build git ignores, the command then runs the compiled code with
 * the same outputs byte for byte, and an edited source makes the command go back to the sources.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { loadedModules } from "../support/loadedPackages.js";

const root = process.cwd();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-build-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function sh(command: string, args: string[], cwd: string): string {
  const r = spawnSync(command, args, { cwd, encoding: "utf8" });
  assert.equal(r.status, 0, `${command} ${args.join(" ")} failed:\n${r.stderr}`);
  return r.stdout;
}

test("a fresh clone runs from its sources, builds with its prepare script, then runs the build with the same outputs", { timeout: 300_000 }, async () => {
  const clone = path.join(tmp, "clone");
  sh("git", ["clone", "--quiet", root, clone], tmp);
  assert.equal(sh("git", ["ls-files", "dist"], clone), "", "nothing under dist/ is committed");
  assert.ok(!fs.existsSync(path.join(clone, "dist")));
  fs.symlinkSync(path.join(root, "node_modules"), path.join(clone, "node_modules"));
  const bin = path.join(clone, "bin", "econagent.js");
  const run = (name: string) => loadedModules(bin, ["run", "--households", "20", "--months", "24", "--seed", "7", "--out", path.join(tmp, name), "--quiet"], { cwd: clone });

  const unbuilt = await run("unbuilt");
  assert.equal(unbuilt.code, 0, unbuilt.stderr);
  assert.ok(unbuilt.files.includes(path.join(clone, "lib", "cli", "main.ts")), "without a build the sources run");

  sh("npm", ["run", "--silent", "prepare"], clone);
  assert.ok(fs.existsSync(path.join(clone, "dist", "lib", "cli", "main.js")), "the prepare script writes the build");
  assert.equal(sh("git", ["status", "--porcelain"], clone), "", "git ignores the build (and the node_modules link)");

  const built = await run("built");
  assert.equal(built.code, 0, built.stderr);
  assert.ok(built.files.includes(path.join(clone, "dist", "lib", "cli", "main.js")), "the build runs");
  assert.ok(!built.packages.has("tsx") && !built.packages.has("esbuild"), "no transpiler is loaded");
  for (const file of ["monthly.csv", "annual.csv", "summary.json", "decisions.csv"]) {
    assert.ok(fs.readFileSync(path.join(tmp, "built", file)).equals(fs.readFileSync(path.join(tmp, "unbuilt", file))), `${file}: the build's bytes are the sources'`);
  }

  const later = new Date(Date.now() + 60_000);
  fs.utimesSync(path.join(clone, "lib", "rng.ts"), later, later);
  const edited = await run("edited");
  assert.equal(edited.code, 0, edited.stderr);
  assert.ok(edited.files.includes(path.join(clone, "lib", "cli", "main.ts")), "a source newer than the build: the sources run");
});
