/**
 * The main job (`npm start`): the paper's rule-based baselines — LEN, CATS and Composite, 100 households × 240
 * months, seed 1 — written to data/runs/, their comparison figures to figures/, and a comparison table.
 */
import * as path from "node:path";
import { progressBar } from "../lib/cli/progress.js";
import { resolveConfig } from "../lib/run/config.js";
import { loadRun } from "../lib/run/loadRun.js";
import { comparisonTable, writeComparisonFigures, writeRunFigures } from "../lib/run/report.js";
import { runExperiment } from "../lib/run/runExperiment.js";
import { projectRoot } from "../lib/paths.js";

const POLICIES = ["len", "cats", "composite"] as const;

async function main(): Promise<void> {
  const root = projectRoot();
  const figures = path.join(root, "figures");
  const runs = [];
  for (const policy of POLICIES) {
    const out = path.join(root, "data", "runs", `${policy}-seed1`);
    const bar = progressBar();
    process.stdout.write(`${policy}: 100 households × 240 months, seed 1\n`);
    await runExperiment(resolveConfig({ policy, households: 100, months: 240, seed: 1 }), {
      out,
      force: true,
      onProgress: (p) => bar.update(p),
    });
    bar.end();
    const run = loadRun(out);
    writeRunFigures(run, figures);
    runs.push(run);
  }
  const written = writeComparisonFigures(runs, figures, "baselines");
  process.stdout.write(`\n${comparisonTable(runs)}\n\nruns: data/runs/  figures: ${written.map((f) => path.relative(root, f)).join(", ")}\n`);
}

main().catch((error) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
