import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { writeTinyGguf } from "../../lib/llm/tinyGguf.js";
import { runCli } from "../support/cli.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-llama-run-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("econagent run --backend llama runs LLM households on an embedded GGUF model, deterministically", async () => {
  const model = path.join(tmp, "tiny.gguf");
  writeTinyGguf(model);
  const run = (out: string) =>
    runCli([
      "run", "--policy", "llm", "--backend", "llama", "--model-path", model, "--households", "2", "--months", "12",
      "--out", out, "--cache-mode", "off", "--reflection-max-tokens", "16", "--quiet",
    ]);
  const a = await run(path.join(tmp, "a"));
  assert.equal(a.code, 0, a.stderr);
  const b = await run(path.join(tmp, "b"));
  assert.equal(b.code, 0, b.stderr);
  for (const f of ["monthly.csv", "decisions.csv", "transcripts.jsonl"]) {
    assert.equal(fs.readFileSync(path.join(tmp, "a", f), "utf8"), fs.readFileSync(path.join(tmp, "b", f), "utf8"), f);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(tmp, "a", "manifest.json"), "utf8"));
  assert.equal(manifest.households_model.backend, "llama");
  assert.equal(manifest.households_model.model, "tiny.gguf");
  assert.equal(manifest.households_model.accounting.by_type.decision.calls, 24);
  assert.equal(manifest.households_model.accounting.total.fallbacks, 0, "grammar-constrained answers always parse");
  const decisions = fs.readFileSync(path.join(tmp, "a", "transcripts.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  for (const d of decisions.filter((x) => x.kind === "decision")) {
    assert.ok(d.work >= 0 && d.work <= 1 && d.consumption >= 0 && d.consumption <= 1);
  }
});
