import { readExperiment } from "./lib/experiment/experimentFile.js";
import { runSweep } from "./lib/experiment/sweep.js";
async function main() {
  const t = Date.now();
  const r = await runSweep(readExperiment("/tmp/t11/exp.json"), { out: "/tmp/t11/out", jobs: 2, onProgress: (p) => process.stderr.write(`${p.done}/${p.total} `) });
  console.log("\n", r.completed, r.skipped, r.failed, r.collected, Date.now() - t);
}
main();
