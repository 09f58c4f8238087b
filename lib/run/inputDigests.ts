import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError } from "../errors.js";
import { scenarioOf, type RunConfig } from "./config.js";
import { defaultWeightsFile } from "./createAiEconomistPolicy.js";

/**
 * SHA-256 of a file's bytes, hex.
 * @example
 * fileSha256("data/aieco/weights.json"); // the digest the manifest records for the weights
 */
export function fileSha256(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** The input files a run reads besides its configuration, each with the digest its manifest records. */
interface Input {
  what: string;
  file: string;
  /** The digest the manifest recorded, and the file's now. */
  recorded: unknown;
  now: () => string;
}

function recordedInputs(manifest: Record<string, unknown>, config: RunConfig): Input[] {
  const inputs: Input[] = [];
  const scenario = scenarioOf(config);
  if (scenario !== null) {
    const recorded = (manifest.scenario as { sha256?: unknown } | undefined)?.sha256;
    inputs.push({ what: "scenario file", file: scenario.source.file, recorded, now: () => scenario.source.sha256 });
  }
  if (config.policy === "aieco") {
    const file = path.resolve(config.aiecoWeights ?? defaultWeightsFile());
    const recorded = (manifest.households_model as { sha256?: unknown } | undefined)?.sha256;
    inputs.push({ what: "AI-Economist weights file", file, recorded, now: () => fileSha256(file) });
  }
  return inputs;
}

/**
 * A resumed run continues exactly only on the inputs it started with: refuse it when the scenario file or the
 * AI-Economist weights file no longer has the SHA-256 that the run's manifest recorded.
 * @example
 * refuseChangedInputs(readManifest(dir, "--resume"), config); // throws UsageError("--resume", …) if one changed
 */
export function refuseChangedInputs(manifest: Record<string, unknown>, config: RunConfig): void {
  for (const { what, file, recorded: sha256, now: digest } of recordedInputs(manifest, config)) {
    if (typeof sha256 !== "string") throw new UsageError("--resume", file, `a run whose manifest records the SHA-256 of its ${what}`);
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
