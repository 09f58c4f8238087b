/**
 * Runs test files under node's test runner in the order given, `concurrency` at a time, and prints TAP.
 * Usage: node --require tsx/cjs scripts/run-tests.js CONCURRENCY FILE...
 *
 * `node --test FILE...` sorts its files by name, so the files that take minutes (the notebooks) started after
 * everything from test/analysis to test/llm and were the last to finish: 4.3 minutes later than they could have.
 * node's own `run()` keeps the order it is given. Each file still runs in its own process, with this process's
 * `--require tsx/cjs`: tsx's CommonJS hook alone, enough for this CommonJS package, starts a file in 0.14 s of
 * CPU where `--import tsx`, which also runs ESM loader hooks on a thread of their own, took 0.33 s (150 files).
 * The exit code is 1 when any test failed.
 */
const { run } = require("node:test");
const { tap } = require("node:test/reporters");

const [concurrency, ...files] = process.argv.slice(2);
if (!/^[1-9][0-9]*$/.test(concurrency ?? "") || files.length === 0) {
  console.error("usage: node --require tsx/cjs scripts/run-tests.js CONCURRENCY FILE...");
  process.exit(2);
}
const stream = run({ files: files, concurrency: Number(concurrency) });
stream.on("test:fail", (event) => {
  if (!event.todo) process.exitCode = 1;
});
stream.compose(tap).pipe(process.stdout);
