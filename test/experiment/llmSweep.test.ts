/**
 * LLM cells of a sweep share one concurrency limit per endpoint across workers (the parent hands out the slots)
 * and one response cache directory: two workers running LLM runs at once never have more than `concurrency`
 * calls in flight at the endpoint, and a replay of the sweep makes no call and gives identical outputs.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../support/cli.js";
import { startFakeOpenAI } from "../support/fakeOpenAI.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-llm-sweep-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("two workers' LLM runs share the endpoint's limit, and the shared cache replays the sweep with zero calls", async () => {
  let n = 0;
  const server = await startFakeOpenAI(() => ({ content: JSON.stringify({ work: (n++ % 5) / 4, consumption: 0.5 }), delayMs: 40 }));
  try {
    const cache = path.join(tmp, "cache");
    const base = { policy: "llm", households: 6, months: 12, baseUrl: server.url, model: "fake-model", cache, concurrency: 4, reflection: "off" };
    const write = (name: string, extra: Record<string, unknown>) => {
      const file = path.join(tmp, `${name}.json`);
      fs.writeFileSync(file, JSON.stringify({ name, base: { ...base, ...extra }, seeds: [1, 2, 3, 4] }));
      return file;
    };
    const recorded = path.join(tmp, "recorded");
    const first = await runCli(["sweep", write("record", {}), "--out", recorded, "--jobs", "2"]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(server.requests.length, 4 * 6 * 12, "every decision called once");
    assert.equal(server.maxInFlight, 4, "at most the one shared limit in flight, and the limit is used");
    const replayed = path.join(tmp, "replayed");
    const second = await runCli(["sweep", write("replay", { cacheMode: "replay" }), "--out", replayed, "--jobs", "2"]);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(server.requests.length, 4 * 6 * 12, "the replay made no call");
    for (const seed of [1, 2, 3, 4]) {
      for (const file of ["monthly.csv", "annual.csv", "decisions.csv", "transcripts.jsonl"]) {
        const a = fs.readFileSync(path.join(recorded, "runs", "base", `seed-${seed}`, file), "utf8");
        const b = fs.readFileSync(path.join(replayed, "runs", "base", `seed-${seed}`, file), "utf8");
        assert.equal(b, a, `seed ${seed} ${file}`);
      }
    }
  } finally {
    await server.close();
  }
});
