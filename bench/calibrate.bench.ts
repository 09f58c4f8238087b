/**
 * Calibration speed: evaluations per second of the example calibration (Composite, 100 households × 240
 * months, 4 seeds per evaluation, 300 search evaluations in batches of 16 plus 2 × 9 profile points = 318
 * evaluations, 1,272 runs) with
 * --jobs 1 (in the calling process) and --jobs 2 (two worker processes), each from a fresh directory, timed end to
 * end (worker start-up, runs, the surrogate, files). Repeated `ECONAGENT_BENCH_REPEATS` times (default 3); prints the
 * min–max of each and the machine's load. Goal on 2 idle cores: ratio ≥ 1.7. Run: `npm run bench:calibrate`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCalibration } from "../lib/estimation/calibrate.js";
import { parseEstimation, type CalibrationProblem } from "../lib/estimation/estimationFile.js";

const FILE = {
  name: "bench",
  base: { policy: "composite", households: 100, months: 240 },
  parameters: { wageAdjustment: [0.01, 0.2], priceAdjustment: [0.01, 0.3] },
  moments: "us",
  seeds: { from: 1, count: 4 },
  budget: { evaluations: 300, batch: 16 },
  seed: 1,
};
const EVALUATIONS = 300 + 2 * 9;

async function evaluationsPerSecond(jobs: number, root: string, k: number): Promise<number> {
  const text = JSON.stringify(FILE);
  const source = { file: "bench.json", text, sha256: `bench-${jobs}-${k}`, problem: parseEstimation(FILE, "calibrate") as CalibrationProblem };
  const started = process.hrtime.bigint();
  const result = await runCalibration(source, { out: path.join(root, `jobs-${jobs}-${k}`), jobs });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!result.complete || result.evaluated !== EVALUATIONS) throw new Error(`calibration with --jobs ${jobs}: ${result.evaluated} of ${EVALUATIONS} evaluations`);
  return EVALUATIONS / seconds;
}

async function main(): Promise<void> {
  const repeats = Number(process.env.ECONAGENT_BENCH_REPEATS ?? 3);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-bench-calibrate-"));
  const rates: Record<number, number[]> = { 1: [], 2: [] };
  try {
    for (let k = 0; k < repeats; k++) for (const jobs of [1, 2]) rates[jobs].push(await evaluationsPerSecond(jobs, root, k));
    const range = (v: number[]) => `${Math.min(...v).toFixed(2)}–${Math.max(...v).toFixed(2)}`;
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
    console.log(`cores: ${os.availableParallelism()}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}, ${repeats} repeats`);
    console.log(`jobs 1: ${range(rates[1])} evaluations/s (4 runs each)`);
    console.log(`jobs 2: ${range(rates[2])} evaluations/s`);
    const ratio = median(rates[2]) / median(rates[1]);
    console.log(`ratio of medians ${ratio.toFixed(2)} (goal ≥ 1.7 on 2 idle cores: ${ratio >= 1.7 ? "met" : "not met"})`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

void main();
