import { CONFIG_KEYS, DEFAULT_CONFIG, flagOf } from "../run/config.js";
import { DEFAULT_CHECKPOINT_SECONDS } from "../run/checkpoint.js";
import { ALL_DECISIONS_UP_TO, DEFAULT_PANEL } from "../run/decisionRecording.js";
import { thousands } from "../thousands.js";

/** Defaults that are not a plain value. */
const DEFAULT_TEXT: Partial<Record<string, string>> = {
  decisions: `all up to ${thousands(ALL_DECISIONS_UP_TO)} households, else panel:${DEFAULT_PANEL} (all, off or panel:K)`,
  format: `"csv" (or parquet)`,
  checkpointEvery: "none: by time, --checkpoint-seconds (MONTHS: every MONTHS months; 0 = never)",
  checkpointSeconds: `${DEFAULT_CHECKPOINT_SECONDS}, every month for LLM households (S: at the first month boundary S seconds after the last)`,
};

const optionLines = CONFIG_KEYS.filter((k) => !["policy", "households", "months", "seed", "work", "consumption"].includes(k))
  .map((k) => `  ${flagOf(k).padEnd(26)} default ${DEFAULT_TEXT[k] ?? JSON.stringify(DEFAULT_CONFIG[k])}`)
  .join("\n");

/**
 * The help text of `econagent` (`econagent --help`).
 * @example
 * process.stdout.write(USAGE); // what `econagent --help` prints
 */
export const USAGE = `econagent — EconAgent economies with rule-based, LLM and AI-Economist (RL) households

Usage:
  econagent run --policy <fixed|len|cats|composite|llm|aieco> --households N --months M --seed S --out DIR [options]
  econagent estimate [run options] [--rates-from RUN_DIR] [--json]   (or: econagent run --dry-run …)
  econagent recording export RUN_DIR FILE [--cache CACHE_DIR]
  econagent report DIR [--figures DIR] [--seeds N]
  econagent sweep FILE --out DIR [--jobs N] [--shard I/N] [--emit slurm|k8s]   (econagent sweep --help)
  econagent collect DIR
  econagent calibrate FILE --out DIR [--jobs N]        (econagent calibrate --help; docs/estimation.md)
  econagent sensitivity FILE --out DIR [--jobs N]
  econagent validate RUN_OR_SWEEP_DIR [--targets FILE]
  econagent --version

run:
  --policy P                 household policy: fixed, len, cats, composite, llm (language model), aieco
                             (PPO-trained, data/aieco/weights.json) (default composite)
  --households N             number of households (default 100)
  --months M                 months to simulate, a multiple of 12 (default 240)
  --seed S                   the run's seed; same seed and options give byte-identical outputs (default 1)
  --work P --consumption C   propensities for --policy fixed
  --config FILE.json         any option below as {"key": value}; flags override the file
  --out DIR                  where the run's files go (manifest.json, monthly.csv, annual.csv, summary.json,
                             business_cycle.csv, households.csv, decisions.csv; .parquet instead of .csv for
                             the tables with --format parquet)
  --force                    overwrite an earlier run in DIR
  --quiet                    no progress bar or summary line
Economy and rule options (config-file key = flag without dashes, camelCase):
${optionLines}

estimate: LLM households' decision, reflection and expected re-ask calls, tokens (the model's tokenizer) and cost,
from their prompts rendered on a Composite-rule economy of the same options; --rates-from takes the re-ask rate
and reflection length from a recorded run (default: 0.02 re-asks per decision, reflections of max length).

recording export: the response-cache entries an LLM run used, as one gzip file of JSON lines with a SHA-256 per
entry; replay it with --cache-mode replay --recording FILE (byte-identical to replaying the cache directory).

report: prints the annual table, the Phillips/Okun statistics (naive and robust to autocorrelated years) and the
business-cycle table against the US 2001–2020 of a run and writes its two figures as standalone HTML (default: the
project's figures/ directory). --seeds N reruns its configuration on seeds 1..N in memory and adds the across-seed
distribution of r and of the business-cycle statistics, with a figure (not for llm runs).

Bad input exits with code 2 and one line naming the option, the value and what is allowed. A run stopped by
--max-cost exits with code 3 (manifest status "budget"); econagent run --resume DIR --max-cost HIGHER continues it.
A run whose every endpoint refuses its requests (401, 403, 404, a repeated 400) exits with code 4 (status
"rejected"), one whose month passed --max-fallback-share with code 5 (status "fallbacks"); both keep the months up
to their last checkpoint: fix the key, model or server and continue with econagent run --resume DIR (which also
takes --max-fallback-share).
`;
