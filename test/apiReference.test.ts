/**
 * The API reference (`npm run docs`, TypeDoc over lib/) stays whole: typedoc.json turns every warning into an error
 * — an undocumented export, a {@link} that resolves to nothing, a type the reference cannot show — and this test
 * fails on any of them. It converts and validates the project without writing the HTML (`--emit none`), and
 * leaves type errors to `tsc --noEmit` (typedoc.json: `skipErrorChecking`), which makes it about twice as fast.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";

const ROOT = process.cwd();

test("npm run docs builds the API reference with zero warnings", () => {
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, "typedoc.json"), "utf8"));
  assert.equal(config.treatWarningsAsErrors, true, "typedoc.json must treat warnings as errors");
  assert.equal(config.validation?.notDocumented, true, "typedoc.json must require documentation");
  assert.equal(config.validation?.invalidLink, true, "typedoc.json must check links");
  const typedoc = path.join(ROOT, "node_modules", "typedoc", "bin", "typedoc");
  assert.ok(fs.existsSync(typedoc), "TypeDoc is not installed: run npm ci");
  const result = spawnSync(process.execPath, [typedoc, "--emit", "none"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    timeout: 600_000,
  });
  const output = `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, "");
  const problems = output.split("\n").filter((line) => /\[(warning|error)\]/.test(line));
  assert.deepEqual(problems, [], `TypeDoc reported:\n${output}`);
  assert.equal(result.status, 0, output);
});
