import assert from "node:assert/strict";
import * as path from "node:path";
import { resolveConfig } from "../../lib/run/config.js";
import { RunInterrupted, runExperiment } from "../../lib/run/runExperiment.js";

/** A 4-household, 24-month run under `dir`/`name` stopped cleanly after month `month` (3), so its checkpoint and manifest stay for --resume. */
export async function interruptedRun(dir: string, name: string, options: Record<string, unknown>, month = 3): Promise<string> {
  const out = path.join(dir, name);
  const controller = new AbortController();
  const config = resolveConfig({ households: 4, months: 24, seed: 2, ...options });
  await assert.rejects(
    runExperiment(config, { out, signal: controller.signal, onProgress: (p) => p.month === month && controller.abort() }),
    RunInterrupted,
  );
  return out;
}
