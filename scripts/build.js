#!/usr/bin/env node
// `npm run build`, and `npm ci` by itself (the package's prepare script): lib/**/*.ts to CommonJS JavaScript under
// dist/lib with esbuild — the transform tsx would otherwise apply at every start — then the stamp that
// lib/compiled.ts checks. The stamp carries the time the build began, so a source edited during the build leaves
// it stale rather than silently out of date. Type checking is `npm run typecheck`; this only transpiles (≈ 0.3 s).
const fs = require("node:fs");
const path = require("node:path");
const esbuild = require("esbuild");

const root = path.join(__dirname, "..");
const lib = path.join(root, "lib");
const out = path.join(root, "dist");
const stamp = path.join(out, ".built");
const started = new Date();
fs.rmSync(stamp, { force: true });
fs.rmSync(path.join(out, "lib"), { recursive: true, force: true });
const entryPoints = fs
  .readdirSync(lib, { recursive: true })
  .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
  .map((file) => path.join(lib, file));
esbuild.buildSync({ entryPoints, outdir: path.join(out, "lib"), outbase: lib, format: "cjs", platform: "node", target: "node20", logLevel: "warning" });
fs.writeFileSync(stamp, "");
fs.utimesSync(stamp, started, started);
