/**
 * Throughput of the economy with Composite households on one core: household-months per second for
 * N = 100, 10,000 and 1,000,000 (240 months each; outputs off, as for any run with --decisions off the
 * month rows are kept in memory only). Run: `npm run bench` (add `-- --quick` to skip the 1M case).
 */
import { createSimulation } from "../lib/run/createSimulation.js";

interface Result {
  households: number;
  months: number;
  repeats: number;
  seconds: number;
  householdMonthsPerSecond: number;
  msPerMonth: number;
  peakRssMb: number;
}

async function measure(households: number, months: number, repeats: number): Promise<Result> {
  let seconds = 0;
  let peak = 0;
  for (let k = 0; k < repeats; k++) {
    const { simulation } = await createSimulation({ policy: "composite", households, months, seed: k + 1, decisions: "off" });
    const start = process.hrtime.bigint();
    while (!simulation.done) {
      await simulation.step();
      if (simulation.state.month % 12 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    seconds += Number(process.hrtime.bigint() - start) / 1e9;
  }
  const hm = households * months * repeats;
  return {
    households,
    months,
    repeats,
    seconds,
    householdMonthsPerSecond: hm / seconds,
    msPerMonth: (1000 * seconds) / (months * repeats),
    peakRssMb: peak / 2 ** 20,
  };
}

async function main(): Promise<void> {
  const quick = process.argv.includes("--quick");
  const cases: [number, number][] = [[100, 500], [10_000, 10], ...(quick ? [] : ([[1_000_000, 1]] as [number, number][]))];
  console.log("households  months  repeats  seconds  household-months/s  ms/month  peak RSS MB");
  for (const [n, repeats] of cases) {
    await measure(n, 24, Math.max(1, Math.round(repeats / 5))); // warm up the JIT at this size
    const r = await measure(n, 240, repeats);
    console.log(
      [
        String(r.households).padStart(10),
        String(r.months).padStart(6),
        String(r.repeats).padStart(7),
        r.seconds.toFixed(2).padStart(7),
        Math.round(r.householdMonthsPerSecond).toLocaleString("en-US").padStart(18),
        r.msPerMonth.toFixed(3).padStart(8),
        r.peakRssMb.toFixed(0).padStart(11),
      ].join("  "),
    );
  }
}

main();
