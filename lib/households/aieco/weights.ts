import * as fs from "node:fs";
import { CONSUMPTION_CHOICES, CONSUMPTION_STEP } from "./actions.js";
import { writeFileAtomic } from "../../files.js";
import type { DenseJson } from "./network.js";
import { OBSERVATION_FEATURES } from "./observation.js";
import type { UtilityParameters } from "./reward.js";

/** A trained AI-Economist household policy as stored in `data/aieco/weights.json` (deterministic content). */
export interface AiEconomistWeights {
  format: 1;
  kind: "aieco-policy";
  /** The observation the network reads, in input order. */
  observation: string[];
  actions: { work: "bernoulli"; consumption: { step: number; choices: number } };
  /** Layer sizes (inputs first), tanh hidden layers, linear output [work logit, 51 consumption logits]. */
  network: { sizes: number[]; activation: "tanh"; layers: DenseJson[] };
  /** The utility (seed eq. 18) the policy was trained on. */
  utility: UtilityParameters;
  /** The training options (seed, iterations, PPO settings) that produced these weights. */
  training: Record<string, unknown>;
}

/**
 * The weights document for a trained network: its layer sizes and layers, the utility and the training options,
 * with this version's observation features and action spaces.
 * @example
 * const doc = weightsDocument(policy.sizes, policy.toJson(), utility, { seed: 1, iterations: 200 });
 * // { format: 1, kind: "aieco-policy", observation: [12 feature names], actions: { work: "bernoulli", consumption: { step: 0.02, choices: 51 } }, network: { sizes, activation: "tanh", layers }, utility, training }
 */
export function weightsDocument(
  sizes: number[],
  layers: DenseJson[],
  utility: UtilityParameters,
  training: Record<string, unknown>,
): AiEconomistWeights {
  return {
    format: 1,
    kind: "aieco-policy",
    observation: [...OBSERVATION_FEATURES],
    actions: { work: "bernoulli", consumption: { step: CONSUMPTION_STEP, choices: CONSUMPTION_CHOICES } },
    network: { sizes, activation: "tanh", layers },
    utility,
    training,
  };
}

/**
 * Write a weights file: indented JSON with every array of numbers on one line (a network row per line).
 * @example
 * writeWeights("data/aieco/weights.json", weightsDocument(policy.sizes, policy.toJson(), utility, training)); // written atomically; readWeights reads it back
 */
export function writeWeights(file: string, doc: AiEconomistWeights): void {
  const text = JSON.stringify(doc, null, 2).replace(/\[\s*(-?\d[\d.e+-]*(?:,\s*-?\d[\d.e+-]*)*)\s*\]/g, (_, body: string) => `[${body.split(/,\s*/).join(",")}]`);
  writeFileAtomic(file, text + "\n");
}

/**
 * Read and check a weights file; the error names the file and what is wrong.
 * @example
 * readWeights("data/aieco/weights.json").network.sizes; // [12, 64, 64, 52]
 * readWeights("missing.json"); // throws "cannot read AI-Economist weights missing.json: …; train them with npm run train:aieco"
 */
export function readWeights(file: string): AiEconomistWeights {
  let doc: AiEconomistWeights;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8")) as AiEconomistWeights;
  } catch (error) {
    throw new Error(`cannot read AI-Economist weights ${file}: ${error instanceof Error ? error.message : String(error)}; train them with npm run train:aieco`);
  }
  const problem = checkWeights(doc);
  if (problem) throw new Error(`${file} is not an AI-Economist weights file: ${problem}`);
  return doc;
}

function checkWeights(doc: AiEconomistWeights): string | null {
  if (doc?.kind !== "aieco-policy" || doc.format !== 1) return 'expected "kind": "aieco-policy", "format": 1';
  if (JSON.stringify(doc.observation) !== JSON.stringify(OBSERVATION_FEATURES)) return "its observation features differ from this version's";
  const { sizes, layers } = doc.network;
  if (sizes[0] !== OBSERVATION_FEATURES.length || sizes[sizes.length - 1] !== 1 + CONSUMPTION_CHOICES) return `network sizes ${sizes.join("-")} do not fit the observation and actions`;
  if (layers.length !== sizes.length - 1) return "layer count does not match the sizes";
  for (let k = 0; k < layers.length; k++) {
    const { weights, bias } = layers[k];
    if (weights.length !== sizes[k] || bias.length !== sizes[k + 1] || weights.some((row) => row.length !== sizes[k + 1])) {
      return `layer ${k + 1} is not ${sizes[k]} × ${sizes[k + 1]}`;
    }
  }
  return null;
}
