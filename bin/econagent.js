#!/usr/bin/env node
// The `econagent` command: lib/ compiled to JavaScript under dist/ (`npm run build`, which `npm ci` runs), or — when
// there is no build, or a source under lib/ is newer than it — the TypeScript sources through tsx's CommonJS loader.
const path = require("node:path");
const root = path.join(__dirname, "..");

function compiledLib() {
  try {
    return require(path.join(root, "dist", "lib", "compiled.js")).compiledLib(root);
  } catch (error) {
    if (error.code === "MODULE_NOT_FOUND") return null;
    throw error;
  }
}

const compiled = compiledLib();
if (compiled === null) require("tsx/cjs");
require(compiled === null ? path.join(root, "lib", "cli", "main.ts") : path.join(compiled, "cli", "main.js"))
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
