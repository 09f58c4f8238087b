import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UsageError } from "../errors.js";
import { errorCode } from "../files.js";
import { initializeEconomy } from "../economy/initialize.js";
import { cacheDirectory, createLlmPolicy, modelName } from "./createLlmPolicy.js";
import { PackStore } from "../llm/packStore.js";
import { CollectingStore, writeRecording, type RecordingHeader } from "../llm/recording.js";
import { createRng } from "../rng.js";
import { resolveConfig, type RunConfig } from "./config.js";
import { readManifest } from "./manifest.js";
import { RUN_FILES } from "./runDirectory.js";
import { runExperiment } from "./runExperiment.js";

/** The outputs a replay must reproduce for the recording to be the run's. */
const REPRODUCED = [RUN_FILES.monthly, RUN_FILES.annual, RUN_FILES.summary, RUN_FILES.decisions] as const;

/** What `econagent recording export` wrote: the recording's header, its size and the cache it came from. */
export interface ExportedRecording {
  header: RecordingHeader;
  /** Size of the recording file, and of the same entries as the cache stores them (their text). */
  bytes: number;
  cacheBytes: number;
  cache: string;
}

/**
 * Write the cache entries a complete LLM run used into one recording file. The entries are found by replaying the
 * run from its recorded configuration against its cache (`cacheDir` overrides where that is) and keeping every
 * entry served; the replay must reproduce the run's outputs and transcripts byte for byte, so a recording is only
 * ever written for the run it claims to be.
 * @example await exportRecording("runs/llm-paper", "llm-paper.recording.jsonl.gz");
 */
export async function exportRecording(runDir: string, file: string, cacheDir?: string): Promise<ExportedRecording> {
  const manifest = readManifest(runDir, "recording export");
  if (manifest.status !== "complete" || manifest.policy !== "llm") {
    throw new UsageError("recording export", runDir, `the directory of a complete LLM run (this one: policy ${manifest.policy}, ${manifest.status})`);
  }
  checkDestinations(file, cacheDir);
  const recorded = resolveConfig(manifest.config, {}, path.join(runDir, RUN_FILES.manifest));
  const config: RunConfig = { ...recorded, cacheMode: "replay", recording: null, maxCost: null, cache: cacheDir ?? recorded.cache };
  const cache = cacheDirectory(config);
  const store = new CollectingStore(new PackStore(cache));
  const transcript: string[] = [];
  const { identities } = initializeEconomy(config, createRng(config.seed));
  const policy = await createLlmPolicy(config, { identities, transcript: (r) => transcript.push(`${JSON.stringify(r)}\n`) }, undefined, store);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-export-"));
  try {
    await runExperiment(config, { out, force: true, policy });
    const differs = (name: string, replayed: string) => {
      const original = path.join(runDir, name);
      if (fs.existsSync(original) && fs.readFileSync(original, "utf8") !== replayed) {
        throw new Error(`replaying ${runDir} from ${cache} does not reproduce its ${name}: this cache is not the run's`);
      }
    };
    for (const name of REPRODUCED) if (fs.existsSync(path.join(out, name))) differs(name, fs.readFileSync(path.join(out, name), "utf8"));
    differs(RUN_FILES.transcripts, transcript.join(""));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
  const run = { policy: "llm", backend: config.backend, model: modelName(config), households: config.households, months: config.months, seed: config.seed };
  const header = writeRecording(file, store.used, run);
  const cacheBytes = [...store.used.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  return { header, bytes: fs.statSync(file).size, cacheBytes, cache };
}

/**
 * Before the replay: FILE must be a file that can be written (not a directory; its temporary sibling is created and
 * removed as a probe) and `--cache`, when given, an existing directory — else one line, exit 2, nothing left behind.
 */
function checkDestinations(file: string, cacheDir: string | undefined): void {
  if (cacheDir !== undefined && !(fs.existsSync(cacheDir) && fs.statSync(cacheDir).isDirectory())) {
    throw new UsageError("--cache", cacheDir, "an existing cache directory (the one the run recorded into)");
  }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new UsageError("recording export", file, "a file to write (this is a directory)");
  const probe = `${file}.${process.pid}.tmp`;
  try {
    fs.closeSync(fs.openSync(probe, "wx"));
    fs.rmSync(probe);
  } catch (error) {
    throw new UsageError("recording export", file, `a file that can be written (${errorCode(error)})`);
  }
}
