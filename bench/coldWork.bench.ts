/**
 * What waking up costs on this machine, without any HTTP or econagent code: one fixed unit of JavaScript work
 * (`JSON.stringify` and `JSON.parse` of a month-2-sized request, ≈ 3 KB, 4 times: about what handling one answer costs warm) timed in our CPU, run back to
 * back and after sleeping 1, 5, 17 and 50 ms before each unit. 17 ms is the mean gap between answers in bench:llm's
 * lognormal row (1,000 answers in ≈ 17 s); a process that wakes for each answer pays the slower figures. The
 * back-to-back round runs first and again last; the ratio is to the faster of the two.
 * Run: `npx tsx bench/coldWork.bench.ts`.
 */

const REQUEST = {
  model: "bench-model",
  messages: Array.from({ length: 4 }, (_, i) => ({ role: i % 2 ? "assistant" : "user", content: `Month ${i}: your income was $4,210.55. `.repeat(20) })),
  temperature: 0,
  max_tokens: 100,
};
const WARM_UP = 20_000;
const UNITS_BACK_TO_BACK = 2000;
const UNITS_AFTER_SLEEP = 200;
const GAPS_MS = [0, 1, 5, 17, 50, 0];

function unit(): number {
  let n = 0;
  for (let k = 0; k < 4; k++) n += (JSON.parse(JSON.stringify(REQUEST)) as typeof REQUEST).messages.length;
  return n;
}

/** Mean CPU µs of one unit when each starts `gapMs` after the previous one ended (0: at once, via setImmediate). */
function cpuPerUnit(gapMs: number, units: number): Promise<number> {
  return new Promise((resolve) => {
    let done = 0;
    let cpuUs = 0;
    const step = () => {
      const before = process.cpuUsage();
      unit();
      const used = process.cpuUsage(before);
      cpuUs += used.user + used.system;
      if (++done === units) resolve(cpuUs / units);
      else if (gapMs === 0) setImmediate(step);
      else setTimeout(step, gapMs);
    };
    step();
  });
}

async function main(): Promise<void> {
  for (let k = 0; k < WARM_UP; k++) unit(); // the JIT's optimized code, as in a long run
  const rounds: { gap: number; units: number; us: number }[] = [];
  for (const gap of GAPS_MS) {
    const units = gap === 0 ? UNITS_BACK_TO_BACK : UNITS_AFTER_SLEEP;
    rounds.push({ gap, units, us: await cpuPerUnit(gap, units) });
  }
  const backToBack = Math.min(...rounds.filter((r) => r.gap === 0).map((r) => r.us));
  console.log("\nOne unit of JSON work, our CPU µs, after a sleep before each unit\n");
  console.log("| sleep before each unit | units | CPU µs per unit | × back to back |");
  console.log("|---:|---:|---:|---:|");
  for (const r of rounds) console.log(`| ${r.gap} ms | ${r.units} | ${r.us.toFixed(1)} | ${(r.us / backToBack).toFixed(2)} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
