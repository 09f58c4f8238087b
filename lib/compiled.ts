import { fork, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { projectRoot } from "./paths.js";

/**
 * The JavaScript build of lib/ (`npm run build`, which `npm ci` runs as the package's `prepare` script): the
 * `econagent` command and the sweep's worker processes run it instead of the TypeScript sources, so they start
 * without a transpiler. The build marks itself with {@link BUILD_STAMP}, whose modification time is when the build
 * began reading the sources; a source modified after that (an edit, a checkout) makes the build stale, and then the
 * sources run through tsx — slower to start, never out of date.
 *
 * @example
 * path.join(root, BUILD_DIR, "lib", "cli", "main.js"); // the compiled command
 */
export const BUILD_DIR = "dist";

/**
 * The stamp file under {@link BUILD_DIR} that a finished build writes.
 *
 * @example
 * path.join(root, BUILD_DIR, BUILD_STAMP); // "<root>/dist/.built"
 */
export const BUILD_STAMP = ".built";

const freshness = new Map<string, string | null>();

/**
 * `<root>/dist/lib` when the build there is complete and no `lib/**` source is newer than it, else null. Looked up
 * once per process and root (≈ 200 file stats).
 *
 * @example
 * compiledLib(projectRoot()); // "<root>/dist/lib", or null after an edit under lib/
 */
export function compiledLib(root: string): string | null {
  let answer = freshness.get(root);
  if (answer === undefined) {
    answer = isFresh(root) ? path.join(root, BUILD_DIR, "lib") : null;
    freshness.set(root, answer);
  }
  return answer;
}

/**
 * How to start lib module `relative` (a path under lib/ without extension) in a new process or worker thread: its
 * compiled file when the build is fresh, else its TypeScript source with `preload` (tsx's CommonJS loader) to be
 * required first.
 *
 * @example
 * const { file, preload } = runnableModule(projectRoot(), "experiment/worker");
 * fork(file, [], { execArgv: preload === null ? [] : ["--require", preload] });
 */
export function runnableModule(root: string, relative: string): { file: string; preload: string | null } {
  const compiled = compiledLib(root);
  if (compiled !== null) return { file: path.join(compiled, `${relative}.js`), preload: null };
  return { file: path.join(root, "lib", `${relative}.ts`), preload: require.resolve("tsx/cjs") };
}

/**
 * Start lib module `relative` as a worker process of this one ({@link runnableModule}: compiled when the build is
 * fresh): its stdout ignored, its stderr this process's, an IPC channel with structured-clone serialization (typed
 * arrays and Maps cross it as they are). The sweep's run workers and the estimation's evaluation workers.
 *
 * @example
 * const worker = forkLibModule("experiment/worker");
 * worker.on("message", (message) => console.log(message));
 */
export function forkLibModule(relative: string): ChildProcess {
  const { file, preload } = runnableModule(projectRoot(), relative);
  return fork(file, [], {
    execArgv: preload === null ? [] : ["--require", preload],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    serialization: "advanced",
  });
}

function isFresh(root: string): boolean {
  let built: number;
  try {
    built = fs.statSync(path.join(root, BUILD_DIR, BUILD_STAMP)).mtimeMs;
  } catch {
    return false;
  }
  return newestSource(path.join(root, "lib")) <= built;
}

/** The latest modification time of a .ts file under `dir` (or of a directory, which changes when a file goes). */
function newestSource(dir: string): number {
  let newest = fs.statSync(dir).mtimeMs;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return newest;
}
