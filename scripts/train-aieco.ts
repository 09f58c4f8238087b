/**
 * `npm run train:aieco`: train the AI-Economist households from scratch with PPO (lib/training/train.ts) and write
 * data/aieco/weights.json (the policy `--policy aieco` uses), data/aieco/training.csv (the training curve, one
 * block of rows per training seed) and data/aieco/evaluation.json (the 100 × 240, seed 1 run of the new weights,
 * which the tests reproduce). With several `--seed`s the first one's weights are `weights.json`, the others'
 * `weights-seed<S>.json`: independent trainings, to tell convergence from the luck of one seed.
 *
 *   npm run train:aieco -- [--iterations 150] [--seed 1[,2,3]] [--households 100] [--hidden 64,64]
 *     [--learning-rate 1e-3] [--final-learning-rate 0] [--out data/aieco]
 *
 * The defaults are the recipe of the committed weights ({@link COMMITTED_RECIPE}): 150 iterations with Adam's step
 * annealed linearly from 1e-3 to 0, so `npm run train:aieco -- --seed 1,2,3` rewrites data/aieco exactly.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { projectRoot } from "../lib/paths.js";
import { evaluateAiEconomist } from "../lib/training/evaluate.js";
import { CURVE_COLUMNS, DEFAULT_TRAINING, trainAiEconomist, type IterationRecord } from "../lib/training/train.js";
import { writeWeights } from "../lib/households/aieco/weights.js";
import { csvTable } from "../lib/run/csv.js";
import { integer, parseOption, real, seedSpec } from "../lib/run/options.js";
import { writeFileAtomic, writeJsonAtomic } from "../lib/files.js";

/** How data/aieco/weights.json was trained: long enough for work rate and utility to plateau (notebook 06). */
const COMMITTED_RECIPE = { iterations: 150, finalLearningRate: 0 } as const;

const fixed = (v: number, digits: number) => v.toFixed(digits).padStart(digits + 6);

function progressLine(r: IterationRecord, iterations: number): string {
  return (
    `iteration ${String(r.iteration).padStart(String(iterations).length)}/${iterations}` +
    `  mean reward ${fixed(r.mean_reward, 1)}  work ${r.work_rate.toFixed(3)}  consumption ${r.consumption_share.toFixed(3)}` +
    `  entropy ${r.entropy.toFixed(2)}  kl ${r.approx_kl.toFixed(4)}  ${r.elapsed_seconds.toFixed(0)} s`
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      iterations: { type: "string" },
      seed: { type: "string" },
      households: { type: "string" },
      hidden: { type: "string" },
      "learning-rate": { type: "string" },
      "final-learning-rate": { type: "string" },
      out: { type: "string" },
    },
  });
  // The run options' own validation, so a bad flag reads as it does for `econagent run`.
  const positive = integer(1, "a positive integer");
  const count = (flag: string, raw: string | undefined, fallback: number) => (raw === undefined ? fallback : parseOption(flag, positive, raw));
  const stepSize = real(0, 1, "an Adam step size in [0, 1]");
  const rate = (flag: string, raw: string | undefined, fallback: number) => (raw === undefined ? fallback : parseOption(flag, stepSize, raw));
  const iterations = count("--iterations", values.iterations, COMMITTED_RECIPE.iterations);
  const learningRate = rate("--learning-rate", values["learning-rate"], DEFAULT_TRAINING.learningRate);
  const seeds = values.seed === undefined ? [DEFAULT_TRAINING.seed] : values.seed.split(",").map((s) => parseOption("--seed", seedSpec, s));
  const options = {
    iterations,
    households: count("--households", values.households, DEFAULT_TRAINING.households),
    hidden: values.hidden === undefined ? DEFAULT_TRAINING.hidden : values.hidden.split(",").map((h) => parseOption("--hidden", positive, h)),
    learningRate,
    finalLearningRate: rate("--final-learning-rate", values["final-learning-rate"], COMMITTED_RECIPE.finalLearningRate),
  };
  const out = path.resolve(projectRoot(), values.out ?? path.join("data", "aieco"));
  fs.mkdirSync(out, { recursive: true });
  process.stdout.write(
    `training AI-Economist households: PPO, ${options.households} households, seed ${seeds.join(", ")}, ` +
      `${iterations} iterations, Adam ${options.learningRate} → ${options.finalLearningRate}, network ${options.hidden.join("×")} tanh\n`,
  );
  const curves: (IterationRecord & { seed: number | string })[] = [];
  let seconds = 0;
  for (const [k, seed] of seeds.entries()) {
    const result = await trainAiEconomist({ ...options, seed }, (r) => process.stdout.write(`seed ${seed}  ${progressLine(r, iterations)}\n`));
    writeWeights(path.join(out, k === 0 ? "weights.json" : `weights-seed${seed}.json`), result.weights);
    curves.push(...result.curve.map((r) => ({ seed, ...r })));
    seconds += result.seconds;
  }
  const weightsFile = path.join(out, "weights.json");
  writeFileAtomic(path.join(out, "training.csv"), csvTable(["seed", ...CURVE_COLUMNS], curves));
  const cpu = process.cpuUsage();
  process.stdout.write(
    `trained in ${seconds.toFixed(0)} s (${((cpu.user + cpu.system) / 1e6).toFixed(0)} s of CPU); ` +
      "evaluating 100 households × 240 months, seed 1\n",
  );
  const evaluation = await evaluateAiEconomist({ aiecoWeights: weightsFile });
  writeJsonAtomic(path.join(out, "evaluation.json"), evaluation);
  const { unemployment_rate: u, price_inflation: p } = evaluation.summary;
  const pct = (v: number | null) => (v === null ? "–" : (100 * v).toFixed(1));
  process.stdout.write(
    `unemployment ${pct(u.mean)} % (${pct(u.min)} … ${pct(u.max)}), price inflation ${pct(p.mean)} % (${pct(p.min)} … ${pct(p.max)})\n` +
      `wrote ${path.relative(process.cwd(), weightsFile)}, training.csv, evaluation.json\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`train:aieco: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
