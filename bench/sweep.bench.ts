/**
 * Sweep throughput and parallel speed-up, end to end (worker start-up, the runs with default outputs, collecting
 * the tables with DuckDB), each sweep from a fresh directory, with --jobs 1 and --jobs 2, REPEATS times each
 * (min–max): 200 Composite runs of 100 households × 240 months (2 arms × 100 seeds), and with `--large` 20 runs of
 * 2,000 × 240 (2 arms × 10 seeds). Goals on 2 idle cores: ≥ 50 runs/s with 2 jobs for the small runs, and a
 * 1 → 2 jobs ratio ≥ 1.7 for both. Run: `npm run bench:sweep [-- --repeats 3] [--large]`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readExperiment } from "../lib/experiment/experimentFile.js";
import { runSweep } from "../lib/experiment/sweep.js";

interface Case {
  households: number;
  seedsPerArm: number;
}

const experiment = ({ households, seedsPerArm }: Case) => ({
  name: "bench",
  base: { policy: "composite", households, months: 240 },
  arms: [{ name: "official" }, { name: "calibrated", wages: "calibrated" }],
  seeds: { from: 1, count: seedsPerArm },
});

async function timeSweep(c: Case, jobs: number, root: string, k: number): Promise<number> {
  const file = path.join(root, "bench.json");
  fs.writeFileSync(file, JSON.stringify(experiment(c)));
  const out = path.join(root, `jobs-${jobs}-${k}`);
  const started = process.hrtime.bigint();
  const result = await runSweep(readExperiment(file), { out, jobs });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const runs = 2 * c.seedsPerArm;
  if (result.completed !== runs || result.failed.length > 0) throw new Error(`sweep with --jobs ${jobs}: ${result.completed} of ${runs} runs complete, ${result.failed.length} failed`);
  fs.rmSync(out, { recursive: true, force: true });
  return seconds;
}

const span = (xs: number[], digits: number) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;

async function main(): Promise<void> {
  const at = process.argv.indexOf("--repeats");
  const repeats = at >= 0 ? Number(process.argv[at + 1]) : 3;
  const c: Case = process.argv.includes("--large") ? { households: 2_000, seedsPerArm: 10 } : { households: 100, seedsPerArm: 100 };
  const runs = 2 * c.seedsPerArm;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-bench-sweep-"));
  try {
    console.log(`${runs} runs of ${c.households} × 240, cores: ${os.availableParallelism()}, load average before ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    const seconds: Record<number, number[]> = { 1: [], 2: [] };
    for (let k = 0; k < repeats; k++) for (const jobs of [1, 2]) seconds[jobs].push(await timeSweep(c, jobs, root, k));
    console.log("jobs  seconds (min–max)  runs/s (min–max)");
    for (const jobs of [1, 2]) console.log(`${jobs}     ${span(seconds[jobs], 2).padStart(17)}  ${span(seconds[jobs].map((s) => runs / s), 1).padStart(16)}`);
    const ratios = seconds[1].map((one, k) => one / seconds[2][k]);
    const best = Math.min(...seconds[1]) / Math.min(...seconds[2]);
    console.log(`ratio 1 → 2 jobs: ${span(ratios, 2)} pair by pair, ${best.toFixed(2)} best against best (goal ≥ 1.7)`);
    console.log(`load average after ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

void main();
