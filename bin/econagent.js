#!/usr/bin/env node
// The `econagent` command: the TypeScript sources run through tsx's CommonJS loader (no build step).
require("tsx/cjs");
require("../lib/cli/main.ts")
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
