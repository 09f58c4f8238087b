/**
 * scripts/run-tests.js, which the test command runs every file through: files start in the order given (node
 * --test would sort them by name), a failing test or a file that throws on load makes the exit code 1, and the
 * TAP summary counts every file's tests.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { projectRoot } from "../lib/paths.js";

const ROOT = projectRoot();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-run-tests-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const log = path.join(tmp, "started.txt");

/** A test file that records when it starts, then passes (or fails, or throws while loading). */
function testFile(name: string, body: "pass" | "fail" | "throw"): string {
  const file = path.join(tmp, `${name}.test.ts`);
  const statement =
    body === "throw"
      ? 'throw new Error("broken on load");'
      : `test(${JSON.stringify(name)}, () => { const n: number = ${body === "pass" ? 1 : 2}; assert.equal(n, 1); });`;
  fs.writeFileSync(
    file,
    [
      'import assert from "node:assert/strict";',
      'import * as fs from "node:fs";',
      'import { test } from "node:test";',
      `fs.appendFileSync(${JSON.stringify(log)}, ${JSON.stringify(`${name}\n`)});`,
      statement,
      "",
    ].join("\n"),
  );
  return file;
}

function runTests(concurrency: string, files: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Without the variable by which node's test runner tells a file it runs under a runner (this file does).
    const { NODE_TEST_CONTEXT: _context, ...env } = process.env;
    execFile(process.execPath, ["--require", "tsx/cjs", path.join(ROOT, "scripts", "run-tests.js"), concurrency, ...files], { cwd: ROOT, env: env }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** The TAP summary's count of passed or failed tests. */
const count = (tap: string, what: "pass" | "fail") => Number(new RegExp(`^# ${what} (\\d+)$`, "m").exec(tap)?.[1]);

test("files start in the order given, not by name, and all passing exits 0", async () => {
  fs.rmSync(log, { force: true });
  const files = [testFile("zeta", "pass"), testFile("alpha", "pass"), testFile("mu", "pass")];
  const r = await runTests("1", files);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(fs.readFileSync(log, "utf8").trim().split("\n"), ["zeta", "alpha", "mu"]);
  assert.equal(count(r.stdout, "pass"), 3);
  assert.equal(count(r.stdout, "fail"), 0);
});

test("a failing test, or a file that throws while loading, makes the exit code 1 and is counted", async () => {
  const r = await runTests("2", [testFile("good", "pass"), testFile("bad", "fail"), testFile("broken", "throw")]);
  assert.equal(r.code, 1);
  assert.equal(count(r.stdout, "pass"), 1);
  assert.equal(count(r.stdout, "fail"), 2);
  assert.match(r.stdout, /^not ok \d+ - bad$/m);
  assert.match(r.stdout, /broken on load/);
});

test("a malformed concurrency or no file is refused with the usage line, exit code 2", async () => {
  for (const [concurrency, ...files] of [["x", "a.test.ts"], ["0", "a.test.ts"], ["2"]]) {
    const r = await runTests(concurrency, files);
    assert.equal(r.code, 2, `arguments ${concurrency} ${files.join(" ")}`);
    assert.match(r.stderr, /^usage: node --require tsx\/cjs scripts\/run-tests\.js CONCURRENCY FILE\.\.\.$/m);
  }
});
