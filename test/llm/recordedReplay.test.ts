import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { runCli } from "../support/cli.js";

test("the committed recording in data/recorded replays byte for byte with zero calls and no model file", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-recorded-"));
  try {
    const r = await runCli([
      "run", "--policy", "llm", "--backend", "llama", "--model-path", "/nonexistent/tiny.gguf", "--households", "4",
      "--months", "12", "--seed", "1", "--perception", "off", "--reflection-max-tokens", "24",
      "--recording", "data/recorded/tiny-llama.recording.jsonl.gz", "--cache-mode", "replay", "--out", out, "--force", "--quiet",
    ]);
    assert.equal(r.code, 0, r.stderr);
    for (const f of ["monthly.csv", "annual.csv", "summary.json", "decisions.csv", "transcripts.jsonl"]) {
      assert.equal(fs.readFileSync(path.join(out, f), "utf8"), fs.readFileSync(path.join("data/recorded/tiny-llama", f), "utf8"), f);
    }
    const accounting = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8")).households_model.accounting;
    assert.equal(accounting.total.calls, 0);
    assert.equal(accounting.total.cacheHits, 60);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
