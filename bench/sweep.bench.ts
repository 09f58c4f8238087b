/**
 * Parallel speed-up of a sweep: the same 40-run Composite sweep (100 households × 240 months, default outputs,
 * 2 arms × 20 seeds) with --jobs 1 and with --jobs 2, each from a fresh directory, timed end to end (worker
 * start-up, the runs, and collecting the tables with DuckDB). Goal on 2 idle cores: ratio ≥ 1.7.
 * Run: `npm run bench:sweep`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readExperiment } from "../lib/experiment/experimentFile.js";
import { runSweep } from "../lib/experiment/sweep.js";

const EXPERIMENT = {
  name: "bench",
  base: { policy: "composite", households: 100, months: 240 },
  arms: [{ name: "official" }, { name: "calibrated", wages: "calibrated" }],
  seeds: { from: 1, count: 20 },
};

async function timeSweep(jobs: number, root: string): Promise<number> {
  const file = path.join(root, "bench.json");
  fs.writeFileSync(file, JSON.stringify(EXPERIMENT));
  const source = readExperiment(file);
  const started = process.hrtime.bigint();
  const result = await runSweep(source, { out: path.join(root, `jobs-${jobs}`), jobs });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.completed !== 40 || result.failed.length > 0) throw new Error(`sweep with --jobs ${jobs}: ${result.completed} runs complete, ${result.failed.length} failed`);
  return seconds;
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-bench-sweep-"));
  try {
    const one = await timeSweep(1, root);
    const two = await timeSweep(2, root);
    const ratio = one / two;
    console.log(`cores: ${os.availableParallelism()}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    console.log("jobs  seconds  runs/s");
    console.log(`1     ${one.toFixed(2).padStart(7)}  ${(40 / one).toFixed(2)}`);
    console.log(`2     ${two.toFixed(2).padStart(7)}  ${(40 / two).toFixed(2)}`);
    console.log(`ratio ${ratio.toFixed(2)} (goal ≥ 1.7 on 2 idle cores: ${ratio >= 1.7 ? "met" : "not met"})`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

void main();
