/**
 * What writing a run's outputs costs at scale: Composite households, 1,000,000 × 12 months, end to end
 * (initialisation, simulation, every file written), each case in a fresh process so its peak RSS (worker threads
 * included) is its own. Cases: the default options (a decision panel of 1000 above 10,000 households), every
 * decision as CSV, every decision as Parquet, and no decisions for reference. The CPU seconds (all threads) help
 * read a run on a shared machine: they grow far less than the wall time when other work takes the cores.
 * Run: `npm run bench:outputs` (`-- --households 100000` for a smaller size).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { resolveConfig } from "../lib/run/config.js";
import { runExperiment } from "../lib/run/runExperiment.js";

const CASES: Record<string, Record<string, string>> = {
  default: {},
  "all, csv": { decisions: "all" },
  "all, parquet": { decisions: "all", format: "parquet" },
  off: { decisions: "off" },
};

interface Measured {
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  decisionRows: number;
  bytes: number;
}

/** In the child process: one run into a temporary directory. */
async function measureCase(households: number, months: number, name: string): Promise<Measured> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-bench-outputs-"));
  try {
    const config = resolveConfig({ policy: "composite", households, months, seed: 1, ...CASES[name] });
    const start = process.hrtime.bigint();
    await runExperiment(config, { out, force: true });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
    const bytes = fs.readdirSync(out).reduce((sum, f) => sum + fs.statSync(path.join(out, f)).size, 0);
    const usage = process.resourceUsage();
    const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
    return { seconds, cpuSeconds, peakRssMb: usage.maxRSS / 1024, decisionRows: manifest.counts.decision_records, bytes };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

function flag(name: string, fallback: number): number {
  const k = process.argv.indexOf(name);
  return k >= 0 ? Number(process.argv[k + 1]) : fallback;
}

async function main(): Promise<void> {
  const households = flag("--households", 1_000_000);
  const months = flag("--months", 12);
  const child = process.argv.indexOf("--case");
  if (child >= 0) {
    process.stdout.write(JSON.stringify(await measureCase(households, months, process.argv[child + 1])) + "\n");
    return;
  }
  console.log(`Composite, ${households.toLocaleString("en-US")} households × ${months} months, end to end, one process per case`);
  console.log("case            seconds  cpu s  household-months/s  decision rows  rows/s      peak RSS MB  output MB");
  for (const name of Object.keys(CASES)) {
    const args = ["--import", "tsx", __filename, "--case", name, "--households", String(households), "--months", String(months)];
    const r = JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 20 }).trim().split("\n").pop()!) as Measured;
    const perSecond = (x: number) => Math.round(x / r.seconds).toLocaleString("en-US");
    console.log(
      [
        name.padEnd(14),
        r.seconds.toFixed(2).padStart(7),
        r.cpuSeconds.toFixed(1).padStart(5),
        perSecond(households * months).padStart(18),
        r.decisionRows.toLocaleString("en-US").padStart(13),
        (r.decisionRows > 0 ? perSecond(r.decisionRows) : "–").padStart(10),
        r.peakRssMb.toFixed(0).padStart(11),
        (r.bytes / 1e6).toFixed(0).padStart(9),
      ].join("  "),
    );
  }
}

main();
