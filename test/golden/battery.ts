/**
 * The golden battery: a set of small runs covering every policy and option that changes values (bank, scenarios,
 * redistribution schemes, wage sources, tax years, LLM households against a deterministic loopback model, a
 * checkpoint), and the fingerprint of each run's outputs. A refactor must leave every fingerprint unchanged.
 *
 * Fingerprints are additive-safe: a CSV or JSONL file is fingerprinted column by column (a new column is not a
 * change), a JSON file leaf by leaf with arrays hashed whole (a new key is not a change); only what was recorded is
 * compared. Record again with `npx tsx scripts/record-golden.ts [entry …]` (all entries when none is named).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { resolveConfig } from "../../lib/run/config.js";
import { RunInterrupted, runExperiment } from "../../lib/run/runExperiment.js";
import { runCli } from "../support/cli.js";
import { startFakeOpenAI, type FakeOpenAI } from "../support/fakeOpenAI.js";

/** One recorded value per column (CSV, JSONL) or per leaf path (JSON), by file name. */
export type Fingerprint = Record<string, Record<string, unknown>>;

export interface Entry {
  name: string;
  /** CLI arguments after `run` (without `--out`); `{url}` and `{cache}` are replaced by the fake endpoint and a cache dir. */
  args?: string[];
  /** Instead of a CLI run: an in-process run stopped after this month, so its checkpoint is kept. */
  checkpointAfter?: { month: number; config: Record<string, unknown> };
}

const SMALL = ["--households", "8", "--months", "36", "--seed", "7"];
const LLM = ["--policy", "llm", "--households", "3", "--months", "12", "--seed", "5", "--base-url", "{url}", "--model", "fake-model", "--cache", "{cache}"];

export const ENTRIES: Entry[] = [
  { name: "fixed", args: ["--policy", "fixed", "--work", "0.8", "--consumption", "0.4", ...SMALL] },
  { name: "len", args: ["--policy", "len", ...SMALL] },
  { name: "cats", args: ["--policy", "cats", ...SMALL] },
  { name: "composite", args: ["--policy", "composite", ...SMALL] },
  { name: "composite-bank", args: ["--policy", "composite", "--bank", "on", ...SMALL] },
  { name: "len-bank-terms", args: ["--policy", "len", "--bank", "on", "--loan-spread", "0.05", "--credit-multiple", "5", "--loan-term", "6", "--default-after", "1", "--credit-freeze", "6", ...SMALL] },
  { name: "welfare-optimal", args: ["--policy", "composite", "--redistribution", "welfare-optimal", ...SMALL] },
  { name: "marginal-utility", args: ["--policy", "composite", "--redistribution", "marginal-utility", "--redistribution-eta", "2", ...SMALL] },
  { name: "calibrated-2022", args: ["--policy", "composite", "--wages", "calibrated", "--tax-year", "2022", ...SMALL] },
  { name: "official-sampled-2018", args: ["--policy", "cats", "--wages", "official-sampled", "--tax-year", "2018", ...SMALL] },
  { name: "economy-options", args: ["--policy", "len", "--hours-per-month", "160", "--productivity", "1.2", "--wage-adjustment", "0.08", "--price-adjustment", "0.2", "--initial-rate", "0.05", "--taylor-from-year", "3", "--work-gamma", "0.2", "--len-beta", "0.2", "--cats-h", "2", ...SMALL] },
  { name: "scenario-2008", args: ["--policy", "composite", "--scenario", "data/scenarios/2008-financial-crisis.json", "--start-year", "2008", "--households", "8", "--months", "24", "--seed", "7"] },
  { name: "scenario-2015", args: ["--policy", "len", "--scenario", "data/scenarios/2015-shock.json", "--start-year", "2015", "--households", "8", "--months", "24", "--seed", "7"] },
  { name: "scenario-2020", args: ["--policy", "composite", "--scenario", "data/scenarios/2020-pandemic.json", "--start-year", "2019", "--households", "8", "--months", "24", "--seed", "7"] },
  { name: "scenario-2020-bank", args: ["--policy", "composite", "--bank", "on", "--scenario", "data/scenarios/2020-pandemic.json", "--start-year", "2019", "--households", "8", "--months", "24", "--seed", "7"] },
  { name: "scenario-top-tax-ubi", args: ["--policy", "cats", "--scenario", "data/scenarios/policy-top-tax-ubi.json", "--start-year", "2011", "--households", "5", "--months", "120", "--seed", "7"] },
  { name: "aieco", args: ["--policy", "aieco", ...SMALL] },
  { name: "aieco-greedy", args: ["--policy", "aieco", "--aieco-actions", "greedy", ...SMALL] },
  { name: "aieco-bank", args: ["--policy", "aieco", "--bank", "on", ...SMALL] },
  { name: "llm", args: LLM },
  { name: "llm-bank", args: [...LLM, "--bank", "on"] },
  { name: "llm-ablations", args: [...LLM, "--perception", "off", "--memory", "0", "--reflection", "off", "--structured-output", "off"] },
  { name: "llm-scenario", args: [...LLM, "--scenario", "data/scenarios/2020-pandemic.json", "--start-year", "2020", "--redistribution", "welfare-optimal"] },
  { name: "checkpoint-composite-bank", checkpointAfter: { month: 17, config: { policy: "composite", bank: "on", households: 6, months: 36, seed: 3 } } },
  { name: "checkpoint-len-scenario", checkpointAfter: { month: 5, config: { policy: "len", scenario: "data/scenarios/2020-pandemic.json", startYear: 2020, households: 6, months: 24, seed: 3 } } },
];

/** A deterministic "model": its answer depends only on the prompt (as in test/llm/llmRun.test.ts), four keys with the bank. */
export function fakeAnswer(body: unknown): string {
  const messages = (body as { messages: { content: string }[] }).messages;
  const last = messages[messages.length - 1].content;
  if (last.startsWith("Given the previous quarter")) return `Reflection on ${messages.length} messages.`;
  const h = createHash("sha256").update(last).digest();
  const answer: Record<string, number> = { work: (h[0] % 51) / 50, consumption: (h[1] % 51) / 50 };
  if (/'saving'/.test(messages[0].content)) Object.assign(answer, { saving: (h[2] % 51) / 50, borrow: (h[3] % 51) / 50 });
  return JSON.stringify(answer);
}

export const startFakeModel = (): Promise<FakeOpenAI> => startFakeOpenAI((body) => ({ content: fakeAnswer(body) }));

const sha = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 32);

/** Manifest leaves that are not values of the run: clocks, the machine, paths and ports of this test, accounting. */
const VOLATILE =
  /^(started_at|finished_at|duration_s|resumed_at|runtime|files|version|error|scenario\.file|households_model\.(accounting|backend_settings\.baseURL|max_concurrency_reached)|config\.(baseUrl|cache|scenario|aiecoWeights|modelPath))$/;

/** Column by column: each column's values joined, hashed. */
export function csvFingerprint(text: string): Record<string, unknown> {
  const lines = text.split("\n").filter((l) => l !== "");
  const header = lines[0].split(",");
  const rows = lines.slice(1).map((l) => l.split(","));
  const out: Record<string, unknown> = { rows: rows.length };
  header.forEach((column, c) => (out[column] = sha(rows.map((r) => r[c]).join("\n"))));
  return out;
}

/** JSON lines: per key (one level deep), the values across lines hashed. */
export function jsonlFingerprint(text: string): Record<string, unknown> {
  const records = text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Record<string, unknown>);
  const keys = [...new Set(records.flatMap((r) => Object.keys(r)))].sort();
  const out: Record<string, unknown> = { rows: records.length };
  for (const key of keys) out[key] = sha(records.map((r) => JSON.stringify(r[key] ?? null)).join("\n"));
  return out;
}

/** JSON: primitives by leaf path, arrays hashed whole; `skip` drops paths that are not values. */
export function jsonFingerprint(value: unknown, skip: RegExp | null = null, prefix = "", out: Record<string, unknown> = {}): Record<string, unknown> {
  if (skip && prefix !== "" && skip.test(prefix)) return out;
  if (Array.isArray(value)) out[prefix] = `sha:${sha(JSON.stringify(value))}`;
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) jsonFingerprint(v, skip, prefix === "" ? k : `${prefix}.${k}`, out);
  } else out[prefix] = value;
  return out;
}

/**
 * The response cache: its entries' keys and texts, in key order. Entry paths are written as the earlier
 * one-file-per-entry layout named them (`ab/<key>.json`), so fingerprints recorded then still compare: the pack
 * files hold byte for byte the entries those files held.
 */
function cacheFingerprint(dir: string): Record<string, unknown> {
  const entries = new Map<string, string>();
  for (const pack of fs.readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort()) {
    for (const line of fs.readFileSync(path.join(dir, pack), "utf8").split("\n")) {
      const key = line === "" ? undefined : (JSON.parse(line) as { key: string }).key;
      if (key !== undefined && !entries.has(key)) entries.set(key, line);
    }
  }
  const keys = [...entries.keys()].sort();
  return {
    entries: keys.length,
    keys: sha(keys.map((k) => `${k.slice(0, 2)}/${k}.json`).join("\n")),
    contents: sha(keys.map((k) => entries.get(k)).join("\n")),
  };
}

/** A manifest with its endpoints' URLs (this test's random ports) replaced by the `{url}` the entries name. */
function withoutPorts(manifest: { households_model?: { endpoints?: { url?: string }[] } }): unknown {
  for (const endpoint of manifest.households_model?.endpoints ?? []) endpoint.url = "{url}";
  return manifest;
}

/** Fingerprint every output file a run directory holds. */
export function fingerprintRun(dir: string): Fingerprint {
  const out: Fingerprint = {};
  for (const file of fs.readdirSync(dir).sort()) {
    const text = () => fs.readFileSync(path.join(dir, file), "utf8");
    if (file.endsWith(".csv")) out[file] = csvFingerprint(text());
    else if (file.endsWith(".jsonl")) out[file] = jsonlFingerprint(text());
    else if (file === "manifest.json") out[file] = jsonFingerprint(withoutPorts(JSON.parse(text())), VOLATILE);
    // The checkpoint's copy of the configuration is the manifest's (fingerprinted there); its seal changes with it.
    else if (file === "checkpoint.json") out[file] = jsonFingerprint(JSON.parse(text()), /^(files|config|inputs|sha256)$/);
    else if (file.endsWith(".json")) out[file] = jsonFingerprint(JSON.parse(text()));
  }
  return out;
}

/** Run one entry into `root/<name>` and fingerprint what it wrote. */
export async function runEntry(entry: Entry, root: string, model: FakeOpenAI): Promise<Fingerprint> {
  const out = path.join(root, entry.name);
  const cache = path.join(root, `${entry.name}-cache`);
  if (entry.checkpointAfter) {
    const { month, config } = entry.checkpointAfter;
    const controller = new AbortController();
    const resolved = resolveConfig(config, {}, "golden battery");
    await runExperiment(resolved, { out, signal: controller.signal, onProgress: (p) => p.month === month && controller.abort() }).then(
      () => Promise.reject(new Error(`${entry.name}: the run was not interrupted`)),
      (error: unknown) => (error instanceof RunInterrupted ? undefined : Promise.reject(error)),
    );
    return fingerprintRun(out);
  }
  const args = entry.args!.map((a) => a.replace("{url}", model.url).replace("{cache}", cache));
  const r = await runCli(["run", ...args, "--out", out]);
  if (r.code !== 0) throw new Error(`${entry.name}: exit ${r.code}: ${r.stderr}`);
  const print = fingerprintRun(out);
  if (fs.existsSync(cache)) print["llm-cache"] = cacheFingerprint(cache);
  return print;
}

/** Run entries two at a time (the machine is shared), in order of the list. */
export async function runEntries(entries: Entry[], root: string, onDone?: (name: string, ms: number) => void): Promise<Record<string, Fingerprint>> {
  const model = await startFakeModel();
  try {
    const results: Record<string, Fingerprint> = {};
    const queue = [...entries];
    const worker = async () => {
      for (let e = queue.shift(); e; e = queue.shift()) {
        const started = Date.now();
        results[e.name] = await runEntry(e, root, model);
        onDone?.(e.name, Date.now() - started);
      }
    };
    await Promise.all([worker(), worker()]);
    return results;
  } finally {
    await model.close();
  }
}

export const FIXTURE = path.join(__dirname, "fixture.json");
