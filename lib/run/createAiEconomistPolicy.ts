import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { HouseholdPolicy } from "../economy/policy.js";
import { dataPath, projectRoot } from "../paths.js";
import type { RunConfig } from "./config.js";
import { aiEconomistPolicy } from "../households/aieco/aiEconomistPolicy.js";
import { readWeights } from "../households/aieco/weights.js";

/**
 * The committed weights that `--policy aieco` uses unless `--aieco-weights` names others.
 * @example
 * defaultWeightsFile(); // "<project root>/data/aieco/weights.json"
 */
export const defaultWeightsFile = () => dataPath("aieco", "weights.json");

/**
 * `--policy aieco`: the trained policy from `config.aiecoWeights` (default data/aieco/weights.json).
 * @example
 * const policy = await createAiEconomistPolicy(resolveConfig({ policy: "aieco" }));
 */
export async function createAiEconomistPolicy(config: RunConfig): Promise<HouseholdPolicy> {
  const file = path.resolve(config.aiecoWeights ?? defaultWeightsFile());
  const weights = readWeights(file);
  const sha256 = createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  const shown = path.relative(projectRoot(), file);
  return aiEconomistPolicy(weights, config.hoursPerMonth, config.aiecoActions, {
    weights: shown.startsWith("..") ? file : shown,
    sha256,
  });
}
