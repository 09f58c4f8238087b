import type { SeedRun } from "../analysis/acrossSeeds.js";
import type { RunConfig } from "./config.js";
import { createSimulation } from "./createSimulation.js";

/**
 * Run one configuration once per seed, in memory (no files), and return each seed's annual and monthly rows — the input of
 * the across-seed analyses ({@link "analysis/acrossSeeds"!annualBand}, {@link "analysis/acrossSeeds"!seedStatistics}, {@link "analysis/acrossSeeds"!summarizeSeeds}). Runs are
 * sequential, so a policy that calls a model is never run concurrently with itself.
 *
 * @param options the run configuration (as for {@link createSimulation}); its `seed` is replaced by each seed
 * @param seeds the seeds, in the order of the result
 * @returns one {@link SeedRun} per seed
 * @throws the configuration's UsageError for an invalid option
 * @example
 * const runs = await runSeeds({ policy: "cats", households: 100, months: 240 }, [1, 2, 3, 4, 5]);
 * runs[0].annual.length; // 20
 */
export async function runSeeds(
  options: Partial<RunConfig>,
  seeds: readonly (number | string)[],
): Promise<SeedRun[]> {
  const runs: SeedRun[] = [];
  for (const seed of seeds) {
    const { simulation } = await createSimulation({ ...options, seed });
    await simulation.run();
    runs.push({ seed, annual: simulation.annual, monthly: simulation.monthly });
  }
  return runs;
}
