import * as fs from "node:fs";
import * as path from "node:path";

/** The `name` in the project's package.json; how the root is recognised. */
export const PACKAGE_NAME = "econagent-ts";

let cachedRoot: string | undefined;

/**
 * The econagent-ts package root, found without `__dirname` (notebooks compile `lib` in their own way):
 * 1. the environment variable `ECONAGENT_ROOT`, if set;
 * 2. else the nearest ancestor of `process.cwd()` whose package.json is named "econagent-ts";
 * 3. else the same search from the directory of the running script (`process.argv[1]`).
 * The answer is cached for the life of the process.
 *
 * @example
 * projectRoot(); // the directory of econagent-ts's package.json, from anywhere inside the package
 */
export function projectRoot(): string {
  if (cachedRoot === undefined) cachedRoot = findRoot();
  return cachedRoot;
}

/**
 * A path under the package's `data/` directory.
 *
 * @example
 * dataPath("tax_schedules.json"); // "<root>/data/tax_schedules.json"
 */
export function dataPath(...parts: string[]): string {
  return path.join(projectRoot(), "data", ...parts);
}

function findRoot(): string {
  const fromEnv = process.env.ECONAGENT_ROOT;
  if (fromEnv !== undefined && fromEnv !== "") {
    const root = path.resolve(fromEnv);
    if (!fs.existsSync(path.join(root, "package.json"))) {
      throw new Error(`ECONAGENT_ROOT=${fromEnv} has no package.json; point it at the econagent-ts package root`);
    }
    return root;
  }
  const starts = [process.cwd()];
  if (process.argv[1]) starts.push(path.dirname(path.resolve(process.argv[1])));
  for (const start of starts) {
    const found = searchUp(start);
    if (found !== undefined) return found;
  }
  throw new Error(
    `cannot find the ${PACKAGE_NAME} package root above ${starts.join(" or ")}; ` +
      "run from inside the package or set ECONAGENT_ROOT",
  );
}

function searchUp(start: string): string | undefined {
  let dir = start;
  for (;;) {
    if (isPackageRoot(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isPackageRoot(dir: string): boolean {
  const manifest = path.join(dir, "package.json");
  if (!fs.existsSync(manifest)) return false;
  try {
    return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}
