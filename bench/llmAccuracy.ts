/**
 * What archetypes cost in fidelity (docs/llm-at-scale.md): with the prompt-reading stand-in model
 * (test/support/promptReader.ts, in-process, no network), the same economy run with LLM households asked one by
 * one and with `--archetypes K` (+ `--audit A`), over several seeds. For each K: calls and cost (the run's own
 * accounting at the model's list price, tokens counted as characters / 4 by the stand-in), and for mean
 * unemployment, mean price inflation and the Phillips and Okun r, the mean over seeds of the archetype run's value
 * minus the per-household runs' mean, in units of the per-household runs' across-seed standard deviation, plus
 * whether the archetype runs' seed-mean lies inside the per-household runs' 10–90 % band, and the seed-paired
 * difference with its 95 % t-interval in the same units; beside the audit's mean gaps. Prints one JSON document.
 *
 * Run: `npx tsx bench/llmAccuracy.ts [HOUSEHOLDS] [MONTHS] [SEEDS] [AUDIT] [K,K,…]` (defaults 2000 60 10 100 50,100,200;
 * AUDIT 0: no audit panel)
 */
import { summarizeRun } from "../lib/analysis/summarizeRun.js";
import { initializeEconomy } from "../lib/economy/initialize.js";
import { resolveConfig } from "../lib/run/config.js";
import { createLlmPolicy } from "../lib/run/createLlmPolicy.js";
import { buildSimulation } from "../lib/run/createSimulation.js";
import { createRng } from "../lib/rng.js";
import { describeSample } from "../lib/stats/describeSample.js";
import { pairedEffect } from "../lib/stats/pairedEffect.js";
import { promptReaderBackend } from "../test/support/promptReader.js";

const [households, months, seeds, auditSize] = [2000, 60, 10, 100].map((d, k) => Number(process.argv[2 + k] ?? d));
const ks = (process.argv[6] ?? "50,100,200").split(",").map(Number);
const MODEL = "gpt-4o-mini";

interface Outcome {
  unemployment: number;
  inflation: number;
  phillips: number | null;
  okun: number | null;
  calls: number;
  costUsd: number;
  /** Mean over months of audit.csv's four measures. */
  audit: number[] | null;
  seconds: number;
}

async function run(seed: number, archetypes: number | null): Promise<Outcome> {
  const started = Date.now();
  const config = resolveConfig({
    policy: "llm", households, months, seed, model: MODEL, cacheMode: "off", concurrency: 4096, checkpointEvery: 0,
    ...(archetypes === null ? {} : { archetypes, audit: auditSize === 0 ? null : auditSize }),
  });
  const { identities } = initializeEconomy(config, createRng(config.seed));
  const rows: number[][] = [];
  const policy = await createLlmPolicy(config, { identities, transcript: () => undefined, auditRow: (row) => rows.push(row) }, promptReaderBackend(MODEL));
  const { simulation } = await buildSimulation(config, policy);
  await simulation.run();
  const summary = summarizeRun(simulation.annual);
  const annual = simulation.annual;
  const mean = (xs: (number | null)[]) => {
    const defined = xs.filter((x): x is number => x !== null);
    return defined.reduce((a, b) => a + b, 0) / defined.length;
  };
  const accounting = policy.describe!().accounting as { total: { calls: number } };
  await policy.close?.();
  return {
    unemployment: mean(annual.map((r) => r.unemployment_rate)),
    inflation: mean(annual.map((r) => r.price_inflation)),
    phillips: summary.phillips.r,
    okun: summary.okun.r,
    calls: accounting.total.calls,
    costUsd: policy.spentUsd!(),
    audit: rows.length === 0 ? null : [3, 4, 5, 6].map((c) => rows.reduce((a, r) => a + r[c], 0) / rows.length),
    seconds: (Date.now() - started) / 1000,
  };
}

async function main(): Promise<void> {
  const results: Record<string, Outcome[]> = {};
  for (const k of [null, ...ks]) {
    const name = k === null ? "per-household" : `K=${k}`;
    results[name] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      results[name].push(await run(seed, k));
      process.stderr.write(`${name} seed ${seed}: ${results[name][seed - 1].seconds.toFixed(1)} s\n`);
    }
  }
  const reference = results["per-household"];
  const METRICS = ["unemployment", "inflation", "phillips", "okun"] as const;
  const spread = Object.fromEntries(METRICS.map((m) => [m, describeSample(reference.map((o) => o[m]))]));
  const table = Object.entries(results).map(([name, outcomes]) => {
    const calls = outcomes.reduce((a, o) => a + o.calls, 0) / outcomes.length;
    const costUsd = outcomes.reduce((a, o) => a + o.costUsd, 0) / outcomes.length;
    const deviation = Object.fromEntries(
      METRICS.map((m) => {
        const s = spread[m];
        const d = describeSample(outcomes.map((o) => o[m]));
        const z = s.sd && d.mean !== null && s.mean !== null ? (d.mean - s.mean) / s.sd : null;
        const inside = d.mean !== null && s.q10 !== null && s.q90 !== null ? d.mean >= s.q10 && d.mean <= s.q90 : null;
        // Paired by seed (the same economy's draws): the mean difference and its 95 % t-interval, in units of the reference's sd.
        const paired = pairedEffect(
          new Map(outcomes.map((o, k) => [k, o[m]])),
          new Map(reference.map((o, k) => [k, o[m]])),
          { seed: 1 },
        );
        const inSd = (x: number | null | undefined) => (x === null || x === undefined || !s.sd ? null : x / s.sd);
        return [m, { mean: d.mean, sd: d.sd, deviation_in_sd: z, inside_10_90: inside, paired_in_sd: inSd(paired.mean), paired_ci95_in_sd: paired.tCi ? paired.tCi.map(inSd) : null, per_seed: outcomes.map((o) => o[m]) }];
      }),
    );
    const audits = outcomes.map((o) => o.audit).filter((a): a is number[] => a !== null);
    const audit =
      audits.length === 0
        ? null
        : Object.fromEntries(["work_gap", "consumption_gap", "work_bias", "consumption_bias"].map((m, j) => [m, audits.reduce((a, x) => a + x[j], 0) / audits.length]));
    return { name, calls, cost_usd: costUsd, seconds: outcomes.reduce((a, o) => a + o.seconds, 0) / outcomes.length, deviation, audit };
  });
  console.log(JSON.stringify({ households, months, seeds, audit: auditSize, model: MODEL, reference_spread: spread, table }, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
