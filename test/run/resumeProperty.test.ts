/**
 * Property (issue 18's proof): a checkpoint or a manifest mutated at random — a field deleted, a number changed,
 * an array shortened, two entries swapped; seeded — is either refused at start (exit 2, one line naming the file,
 * not a byte of the run directory changed) or, only when the mutation left the configuration the run started
 * with as it was (every manifest field outside `config`, and config's RESUMABLE_KEYS, are free to edit), resumed
 * to outputs byte-identical to the uninterrupted run's (a config key deleted takes its default: free when that is
 * the value the run started with). No field of a checkpoint is free to edit.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { createRng, type Rng } from "../../lib/rng.js";
import { RESUMABLE_KEYS } from "../../lib/run/resumeChecks.js";
import { resolveConfig } from "../../lib/run/config.js";
import { runExperiment } from "../../lib/run/runExperiment.js";
import { cliInProcess } from "../support/inProcessCli.js";
import { interruptedRun } from "../support/interruptedRun.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-resume-property-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const ECONOMY = { policy: "composite", households: 8, months: 36, seed: 5 };
const OUTPUTS = ["monthly.csv", "annual.csv", "summary.json", "business_cycle.csv", "households.csv", "decisions.csv"];
const TRIALS = 80;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Key = string | number;

/** Every node below the root, as the keys leading to it. */
function nodes(value: Json, at: Key[] = [], out: Key[][] = []): Key[][] {
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const key = Array.isArray(value) ? Number(k) : k;
      out.push([...at, key]);
      nodes(v, [...at, key], out);
    }
  }
  return out;
}

const parentOf = (root: Json, at: Key[]) => at.slice(0, -1).reduce<any>((o, k) => o[k], root);
const valueAt = (root: Json, at: Key[]) => parentOf(root, at)[at[at.length - 1]] as Json;

/** The four mutations, each applicable to some nodes; returns what it did, for the failure message. */
const MUTATIONS: Record<string, { applies: (v: Json, parent: Json) => boolean; apply: (root: Json, at: Key[], rng: Rng) => string }> = {
  delete: {
    applies: (_, parent) => parent !== null && typeof parent === "object" && !Array.isArray(parent),
    apply: (root, at) => {
      delete parentOf(root, at)[at[at.length - 1]];
      return "deleted";
    },
  },
  number: {
    applies: (v) => typeof v === "number",
    apply: (root, at, rng) => {
      const v = valueAt(root, at) as number;
      const changed = [v + 1, -v - 1, v * 1.5 + 0.25, v / 2 + 0.125, Math.round(v) + 7][rng.int(5)];
      parentOf(root, at)[at[at.length - 1]] = changed;
      return `${v} → ${changed}`;
    },
  },
  shorten: {
    applies: (v) => Array.isArray(v) && v.length > 0,
    apply: (root, at) => {
      (valueAt(root, at) as Json[]).pop();
      return "last entry removed";
    },
  },
  swap: {
    applies: (v) => v !== null && typeof v === "object" && Object.keys(v).length >= 2,
    apply: (root, at, rng) => {
      const o = valueAt(root, at) as Record<string, Json>;
      const keys = Object.keys(o);
      const i = rng.int(keys.length);
      const j = (i + 1 + rng.int(keys.length - 1)) % keys.length;
      [o[keys[i]], o[keys[j]]] = [o[keys[j]], o[keys[i]]];
      return `entries ${keys[i]} and ${keys[j]} swapped`;
    },
  },
};

/** A manifest's configuration as the run resolves it, without the keys a resumed run may change (null: not a configuration). */
const fixedConfig = (manifest: Json): string | null => {
  try {
    const config: Record<string, unknown> = { ...resolveConfig((manifest as Record<string, any>).config) };
    for (const key of RESUMABLE_KEYS) delete config[key];
    return JSON.stringify(config);
  } catch {
    return null;
  }
};

const dirBytes = (dir: string) => Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f)).toString("base64")]));

test(`${TRIALS} random mutations each of a checkpoint and a manifest: refused naming the file, or (free fields only) the uninterrupted run's outputs`, async () => {
  const whole = path.join(tmp, "whole");
  await runExperiment(resolveConfig(ECONOMY), { out: whole });
  const pristine = await interruptedRun(tmp, "pristine", ECONOMY, 17);
  const work = path.join(tmp, "work");
  const fresh = () => {
    fs.rmSync(work, { recursive: true, force: true });
    fs.cpSync(pristine, work, { recursive: true });
  };
  fresh();
  const rng = createRng("issue 18 resume property");
  const outcomes: Record<string, number> = {};
  for (const name of ["checkpoint.json", "manifest.json"]) {
    const file = path.join(work, name);
    const good = fs.readFileSync(file, "utf8");
    for (let trial = 0; trial < TRIALS; trial++) {
      const root = JSON.parse(good) as Json;
      const kinds = Object.keys(MUTATIONS);
      const kind = kinds[rng.int(kinds.length)];
      const candidates = nodes(root).filter((at) => MUTATIONS[kind].applies(valueAt(root, at), parentOf(root, at)));
      const at = candidates[rng.int(candidates.length)];
      const what = `${name} ${at.join(".")}: ${MUTATIONS[kind].apply(root, at, rng)}`;
      const text = JSON.stringify(root);
      if (text === JSON.stringify(JSON.parse(good))) continue; // swapped two equal values: nothing changed
      fs.writeFileSync(file, text);
      const before = dirBytes(work);
      const r = await cliInProcess(["run", "--resume", work, "--quiet"]);
      if (r.code === 2) {
        assert.equal(r.stderr.trim().split("\n").length, 1, `${what}: ${r.stderr}`);
        assert.ok(r.stderr.includes(name), `${what}: the message names ${name}: ${r.stderr}`);
        assert.deepEqual(dirBytes(work), before, `${what}: a refused resume changes nothing`);
        fs.writeFileSync(file, good);
        outcomes.refused = (outcomes.refused ?? 0) + 1;
        continue;
      }
      assert.equal(r.code, 0, `${what}: exit ${r.code}: ${r.stderr}`);
      const same = name === "manifest.json" && fixedConfig(root) !== null && fixedConfig(root) === fixedConfig(JSON.parse(good));
      assert.ok(same, `${what}: resumed, but it is not free to edit`);
      for (const f of OUTPUTS) assert.ok(fs.readFileSync(path.join(work, f)).equals(fs.readFileSync(path.join(whole, f))), `${what}: ${f} differs`);
      outcomes.identical = (outcomes.identical ?? 0) + 1;
      fresh();
    }
  }
  // Both outcomes occur: the property is not satisfied by refusing everything.
  assert.ok((outcomes.refused ?? 0) > TRIALS && (outcomes.identical ?? 0) > 5, JSON.stringify(outcomes));
});
