import * as path from "node:path";
import { UsageError } from "../errors.js";
import { sha256Prefix } from "../files.js";
import { scenarioOf, type RunConfig } from "./config.js";
import { defaultWeightsFile } from "./createAiEconomistPolicy.js";

/**
 * SHA-256 of a file's bytes, hex.
 * @example
 * fileSha256("data/aieco/weights.json"); // the digest the manifest records for the weights
 */
export function fileSha256(file: string): string {
  return sha256Prefix(file).digest("hex");
}

/** An input file a run reads besides its configuration, and how to take its digest now. */
interface Input {
  what: string;
  file: string;
  sha256: () => string;
}

/** The run's input files by the config key naming them: the scenario file, the AI-Economist weights. */
function runInputs(config: RunConfig): Record<string, Input> {
  const inputs: Record<string, Input> = {};
  const scenario = scenarioOf(config);
  if (scenario !== null) inputs.scenario = { what: "scenario file", file: scenario.source.file, sha256: () => scenario.source.sha256 };
  if (config.policy === "aieco") {
    const file = path.resolve(config.aiecoWeights ?? defaultWeightsFile());
    inputs.aiecoWeights = { what: "AI-Economist weights file", file, sha256: () => fileSha256(file) };
  }
  return inputs;
}

/**
 * The SHA-256 of each input file a run reads, by the config key naming it (what a checkpoint seals).
 * @example
 * inputDigests(resolveConfig({ policy: "aieco" })); // { aiecoWeights: "…" }
 */
export function inputDigests(config: RunConfig): Record<string, string> {
  return Object.fromEntries(Object.entries(runInputs(config)).map(([key, input]) => [key, input.sha256()]));
}

/**
 * The input digests a manifest records (for a run stopped before its first checkpoint), keyed as {@link inputDigests}.
 * @example
 * manifestDigests(readManifest(dir, "--resume")); // { scenario: "…", aiecoWeights: undefined }
 */
export function manifestDigests(manifest: Record<string, unknown>): Record<string, unknown> {
  return {
    scenario: (manifest.scenario as { sha256?: unknown } | undefined)?.sha256,
    aiecoWeights: (manifest.households_model as { sha256?: unknown } | undefined)?.sha256,
  };
}

/**
 * A resumed run continues exactly only on the inputs it started with: refuse it when the scenario file or the
 * AI-Economist weights file no longer has the SHA-256 recorded (by the checkpoint, or by the manifest of a run
 * stopped before its first checkpoint), named by `recordedIn`.
 * @example
 * refuseChangedInputs(checkpoint.inputs, config, "checkpoint"); // throws UsageError("--resume", …) if one changed
 */
export function refuseChangedInputs(recorded: Record<string, unknown>, config: RunConfig, recordedIn: string): void {
  for (const [key, { what, file, sha256: digest }] of Object.entries(runInputs(config))) {
    const sha256 = recorded[key];
    if (typeof sha256 !== "string") throw new UsageError("--resume", file, `a run whose ${recordedIn} records the SHA-256 of its ${what}`);
    let now: string;
    try {
      now = digest();
    } catch {
      throw new UsageError("--resume", file, `the ${what} the run started with (it is no longer readable)`);
    }
    if (now !== sha256) {
      throw new UsageError("--resume", file, `the ${what} the run started with (SHA-256 ${sha256.slice(0, 12)}…; it is now ${now.slice(0, 12)}…)`);
    }
  }
}
