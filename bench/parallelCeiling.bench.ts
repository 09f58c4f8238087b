/**
 * The ceiling of any 1 → 2 jobs ratio on this machine: the same Composite 100 × 240 runs (decisions off, as a
 * rule-based sweep writes them), written to a temporary directory by one process, then split between two
 * independent processes started together — no pool, no IPC, no collecting. Each process warms up on 10 runs first
 * and times only its share; the pair's time is the slower one's. REPEATS pairs (default 4), min–max.
 * What a sweep's ratio (`npm run bench:sweep`) can reach is at most this. Run: `npm run bench:ceiling [-- REPEATS]`.
 */
import { fork } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_CONFIG } from "../lib/run/config.js";
import { runExperiment } from "../lib/run/runExperiment.js";

const RUNS = 200;

/** In a child: warm up, then run seeds from..to-1 into dir and report the milliseconds. */
async function child(dir: string, from: number, to: number): Promise<void> {
  const run = (seed: number, out: string) => runExperiment({ ...DEFAULT_CONFIG, households: 100, months: 240, seed, decisions: "off" }, { out, force: true });
  for (let k = 0; k < 10; k++) await run(10_000 + k, path.join(dir, `warm-${from}-${k}`));
  const started = process.hrtime.bigint();
  for (let seed = from; seed < to; seed++) await run(seed, path.join(dir, `seed-${seed}`));
  process.send?.(Number(process.hrtime.bigint() - started) / 1e6);
}

/** Milliseconds of each process's share when `shares` processes split RUNS runs. */
async function timed(root: string, shares: number): Promise<number> {
  const dir = fs.mkdtempSync(path.join(root, `p${shares}-`));
  const each = RUNS / shares;
  const times = await Promise.all(
    Array.from({ length: shares }, (_, k) =>
      new Promise<number>((resolve, reject) => {
        const p = fork(__filename, ["--child", dir, String(1 + k * each), String(1 + (k + 1) * each)], { execArgv: ["--import", "tsx"] });
        p.once("message", (ms) => resolve(ms as number));
        p.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`child exited with ${code}`))));
      }),
    ),
  );
  fs.rmSync(dir, { recursive: true, force: true });
  return Math.max(...times);
}

async function main(): Promise<void> {
  const at = process.argv.indexOf("--child");
  if (at >= 0) return child(process.argv[at + 1], Number(process.argv[at + 2]), Number(process.argv[at + 3]));
  const repeats = Number(process.argv[2] ?? 4);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-bench-ceiling-"));
  try {
    console.log(`${RUNS} runs of 100 × 240, cores: ${os.availableParallelism()}, load average before ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    const one: number[] = [];
    const two: number[] = [];
    for (let k = 0; k < repeats; k++) {
      one.push(await timed(root, 1));
      two.push(await timed(root, 2));
    }
    const span = (xs: number[], digits = 0) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
    console.log(`1 process:   ${span(one)} ms (${span(one.map((ms) => ms / RUNS), 1)} ms a run)`);
    console.log(`2 processes: ${span(two)} ms`);
    console.log(`ratio: ${span(one.map((ms, k) => ms / two[k]), 2)} pair by pair`);
    console.log(`load average after ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

void main();
