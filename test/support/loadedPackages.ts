import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { runNode } from "./cli.js";

/** The packages whose loading costs start-up time, and the only commands or paths that may load them. */
export const HEAVY_PACKAGES = [
  "@tensorflow/tfjs",
  "@duckdb/node-api",
  "apache-arrow",
  "parquet-wasm",
  "openai",
  "node-llama-cpp",
  "playwright-core",
  "plotly.js-dist-min",
  "danfojs",
] as const;

/** What a command printed and every package (and file) it loaded, CommonJS and ES modules alike. */
export interface Loaded {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Package names ("apache-arrow", "@duckdb/node-api") of every module file loaded from a node_modules folder. */
  packages: Set<string>;
  /** Every module file loaded, CommonJS and ES. */
  files: string[];
}

/** The package a module file belongs to, from the last node_modules folder in its path. */
function packageOf(file: string): string | undefined {
  const at = file.lastIndexOf("node_modules/");
  if (at < 0) return undefined;
  const parts = file.slice(at + "node_modules/".length).split("/");
  return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
}

/**
 * Run `node SCRIPT ARGS` and record which modules it loaded: a `--require` hook writes `require.cache` at exit, and
 * a module-resolution hook (node:module register) appends every ES module it resolves, so a package loaded by
 * `import()` (node-llama-cpp) is seen too.
 *
 * @example
 * const { packages } = await loadedModules("bin/econagent.js", ["run", "--help"]);
 * packages.has("@tensorflow/tfjs"); // false
 */
export async function loadedModules(script: string, args: string[], options: { cwd?: string } = {}): Promise<Loaded> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-loads-"));
  try {
    const cjsLog = path.join(dir, "cjs.json");
    const esmLog = path.join(dir, "esm.log");
    const requireHook = path.join(dir, "require-hook.cjs");
    fs.writeFileSync(
      requireHook,
      `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(cjsLog)}, JSON.stringify(Object.keys(require.cache))));\n`,
    );
    const resolveHooks = path.join(dir, "resolve-hooks.mjs");
    fs.writeFileSync(
      resolveHooks,
      `import { appendFileSync } from "node:fs";\n` +
        `export async function resolve(specifier, context, next) {\n` +
        `  const result = await next(specifier, context);\n` +
        `  if (result.url.startsWith("file:")) appendFileSync(${JSON.stringify(esmLog)}, result.url + "\\n");\n` +
        `  return result;\n}\n`,
    );
    const register = path.join(dir, "register.mjs");
    fs.writeFileSync(register, `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(resolveHooks).href)});\n`);
    const result = await runNode(["--require", requireHook, "--import", pathToFileURL(register).href, script, ...args], { cwd: options.cwd });
    const cjs = JSON.parse(fs.readFileSync(cjsLog, "utf8")) as string[];
    const esm = fs.existsSync(esmLog)
      ? fs.readFileSync(esmLog, "utf8").split("\n").filter((line) => line !== "").map((url) => new URL(url).pathname)
      : [];
    const files = [...new Set([...cjs, ...esm])];
    const packages = new Set(files.map(packageOf).filter((name): name is string => name !== undefined));
    return { code: result.code, stdout: result.stdout, stderr: result.stderr, packages: packages, files: files };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
