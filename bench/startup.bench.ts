/**
 * What a user waits for at the command line, through the package's bin entry (bin/econagent.js, the compiled build
 * when it is fresh: `npm run build` first): `econagent run --help`, and a Composite 100 × 240 run with default
 * outputs end to end, each timed as a whole process, min–max over REPEATS runs (default 10 and 5). Goals on an idle
 * machine: ≤ 0.3 s and ≤ 0.5 s. Run: `npm run bench:startup [-- REPEATS]`.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { compiledLib } from "../lib/compiled.js";
import { projectRoot } from "../lib/paths.js";

const root = projectRoot();
const bin = path.join(root, "bin", "econagent.js");

/** Wall seconds of `node bin/econagent.js ARGS`, which must succeed. */
function time(args: string[]): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`econagent ${args.join(" ")} failed:\n${r.stderr}`);
  return seconds;
}

function range(label: string, seconds: number[], goal: number): void {
  const [min, max] = [Math.min(...seconds), Math.max(...seconds)];
  console.log(`${label.padEnd(44)} ${min.toFixed(3)}–${max.toFixed(3)} s over ${seconds.length} (goal ≤ ${goal} s: ${max <= goal ? "met" : min <= goal ? "met at best" : "not met"})`);
}

function main(): void {
  const repeats = Number(process.argv[2] ?? 10);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-bench-startup-"));
  try {
    console.log(`build: ${compiledLib(root) === null ? "none or stale (the sources run through tsx: npm run build)" : "fresh"}`);
    console.log(`load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    time(["run", "--help"]); // the file system's cache warm, as for a user's second command
    range("econagent run --help", Array.from({ length: repeats }, () => time(["run", "--help"])), 0.3);
    const runs = Array.from({ length: Math.max(1, Math.round(repeats / 2)) }, (_, k) =>
      time(["run", "--policy", "composite", "--households", "100", "--months", "240", "--seed", String(k + 1), "--out", path.join(tmp, `run-${k}`), "--quiet"]),
    );
    range("econagent run --policy composite (100 × 240)", runs, 0.5);
    console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
