import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { runCli } from "../support/cli.js";
import { deterministicAnswer, startFakeOpenAI } from "../support/fakeOpenAI.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-llm-eng-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Body = { messages: { role: string; content: string }[] };

const OUTPUTS = ["monthly.csv", "annual.csv", "summary.json", "decisions.csv", "households.csv", "transcripts.jsonl"];
const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f), "utf8");
const manifestOf = (dir: string) => JSON.parse(read(dir, "manifest.json"));
const llmArgs = (out: string, url: string, cache: string, extra: string[] = []) => [
  "run", "--policy", "llm", "--households", "6", "--months", "12", "--seed", "5", "--out", out,
  "--base-url", url, "--model", "fake-model", "--cache", cache, ...extra,
];

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

test("record then replay: zero calls and identical outputs; a missing or damaged entry is a clear error", async () => {
  const cache = path.join(tmp, "cache-replay");
  const server = await startFakeOpenAI((body) => ({ content: deterministicAnswer(body as Body) }));
  const recorded = path.join(tmp, "recorded");
  const r1 = await runCli(llmArgs(recorded, server.url, cache));
  await server.close();
  assert.equal(r1.code, 0, r1.stderr);
  const calls = server.requests.length;
  assert.equal(calls, 6 * 12 + 6 * 3);

  // The server is gone: replay must not need it.
  const replayed = path.join(tmp, "replayed");
  const r2 = await runCli(llmArgs(replayed, server.url, cache, ["--cache-mode", "replay"]));
  assert.equal(r2.code, 0, r2.stderr);
  for (const f of OUTPUTS) assert.equal(read(replayed, f), read(recorded, f), f);
  const accounting = manifestOf(replayed).households_model.accounting;
  assert.equal(accounting.total.calls, 0);
  assert.equal(accounting.total.cacheHits, calls);

  // Another seed asks other questions: replay reports the first missing answer and stops.
  const otherSeed = llmArgs(path.join(tmp, "missing"), server.url, cache, ["--cache-mode", "replay"]).map((a, k, all) =>
    all[k - 1] === "--seed" ? "6" : a,
  );
  const missing = await runCli(otherSeed);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /replay: no recorded response/);
  assert.equal(manifestOf(path.join(tmp, "missing")).status, "failed");

  // Damage one entry (the pack's first line, which month 1 reads first): detected and reported, never used.
  const [pack] = allFiles(cache).filter((f) => f.endsWith(".jsonl"));
  const lines = fs.readFileSync(pack, "utf8").split("\n");
  lines[0] = lines[0].replace(/"content":"/, '"content":"X');
  fs.writeFileSync(pack, lines.join("\n"));
  const damaged = await runCli(llmArgs(path.join(tmp, "damaged"), server.url, cache, ["--cache-mode", "replay"]));
  assert.equal(damaged.code, 2, "a damaged cache entry is a bad input file");
  assert.match(damaged.stderr, /damaged \(checksum mismatch\)/);
  assert.ok(damaged.stderr.includes(`line 1 of ${pack}`), damaged.stderr);
});

test("the API key appears in no file, log, manifest, cache or error message", async () => {
  const key = "sk-test-SECRET-4242-do-not-leak";
  const server = await startFakeOpenAI((body, n) => (n === 3 ? { status: 500, body: "boom" } : { content: deterministicAnswer(body as Body) }));
  const out = path.join(tmp, "secret");
  const cache = path.join(tmp, "cache-secret");
  const r = await runCli(llmArgs(out, server.url, cache), { OPENAI_API_KEY: key });
  await server.close();
  assert.equal(r.code, 0, r.stderr);
  assert.equal(server.requests[0].headers.authorization, `Bearer ${key}`, "the key is sent to the endpoint");
  for (const f of [...allFiles(out), ...allFiles(cache)]) assert.ok(!fs.readFileSync(f, "utf8").includes(key), f);
  assert.ok(!r.stdout.includes(key) && !r.stderr.includes(key));
  const down = await runCli(llmArgs(path.join(tmp, "secret-down"), server.url, path.join(tmp, "c2"), ["--give-up-after", "1"]), { OPENAI_API_KEY: key });
  assert.ok(!down.stderr.includes(key));
});

test("429 with Retry-After is honoured and 5xx retried; the run completes without fallbacks", async () => {
  const seen: number[] = [];
  const server = await startFakeOpenAI((body, n) => {
    seen.push(Date.now());
    if (n === 0) return { status: 429, retryAfter: 1 };
    if (n === 1 || n === 2) return { status: 503 };
    return { content: deterministicAnswer(body as Body) };
  });
  const out = path.join(tmp, "retry");
  const r = await runCli(llmArgs(out, server.url, path.join(tmp, "cache-retry"), ["--concurrency", "1"]));
  await server.close();
  assert.equal(r.code, 0, r.stderr);
  assert.ok(seen[1] - seen[0] >= 1000, `waited ${seen[1] - seen[0]} ms after Retry-After: 1`);
  const accounting = manifestOf(out).households_model.accounting;
  assert.equal(accounting.total.fallbacks, 0);
  // A call waiting out its backoff holds no slot, so the 503s may hit its retry or other calls' first attempts.
  assert.equal(accounting.total.failures, 3);
  assert.equal(accounting.by_type.decision.failures + accounting.by_type.retry.failures, 3);
  assert.ok(accounting.by_type.decision.failures >= 1, "the first attempt met the 429");
  assert.ok(accounting.by_type.retry.calls >= 1 && accounting.by_type.retry.calls <= 3);
  assert.equal(accounting.total.calls, 6 * 12 + 6 * 3, "every decision and reflection answered once, none lost");
});

test("concurrency never exceeds --concurrency and does reach it", async () => {
  const server = await startFakeOpenAI((body) => ({ content: deterministicAnswer(body as Body), delayMs: 30 }));
  const r = await runCli([
    "run", "--policy", "llm", "--households", "40", "--months", "12", "--out", path.join(tmp, "conc"), "--base-url", server.url,
    "--model", "fake-model", "--cache-mode", "off", "--concurrency", "8", "--reflection", "off",
  ]);
  await server.close();
  assert.equal(r.code, 0, r.stderr);
  assert.equal(server.maxInFlight, 8);
});

test("an endpoint that refuses every connection stops the run after the give-up time, keeping what was done", async () => {
  const server = await startFakeOpenAI(() => ({ content: "{}" }));
  const url = server.url;
  await server.close(); // nothing listens there any more
  const out = path.join(tmp, "down");
  const started = Date.now();
  const r = await runCli(llmArgs(out, url, path.join(tmp, "cache-down"), ["--give-up-after", "2"]));
  assert.equal(r.code, 1);
  assert.ok(Date.now() - started < 30_000);
  assert.match(r.stderr, /unreachable/);
  assert.equal(r.stderr.trim().split("\n").length, 1);
  const manifest = manifestOf(out);
  assert.equal(manifest.status, "failed");
  assert.match(manifest.error, /unreachable for \d+ s/);
  assert.equal(read(out, "monthly.csv").trim().split("\n").length, 1, "no month completed, none invented");
});

test("kill -9 mid-run, then --resume: outputs byte-identical to an uninterrupted run", async () => {
  const server = await startFakeOpenAI((body) => ({ content: deterministicAnswer(body as Body), delayMs: 5 }));
  try {
    const whole = path.join(tmp, "whole");
    const r1 = await runCli(llmArgs(whole, server.url, path.join(tmp, "cache-whole"), ["--concurrency", "2"]));
    assert.equal(r1.code, 0, r1.stderr);

    const killed = path.join(tmp, "killed");
    const cacheKilled = path.join(tmp, "cache-killed");
    const r2 = await runCli(llmArgs(killed, server.url, cacheKilled, ["--concurrency", "2"]), {}, (pid) => {
      const poll = setInterval(() => {
        const monthly = path.join(killed, "monthly.csv");
        const lines = fs.existsSync(monthly) ? fs.readFileSync(monthly, "utf8").split("\n").length - 1 : 0;
        if (lines >= 6) {
          clearInterval(poll);
          process.kill(pid, "SIGKILL");
        }
      }, 2);
    });
    assert.equal(r2.signal, "SIGKILL");
    assert.equal(manifestOf(killed).status, "running");
    assert.ok(!fs.existsSync(path.join(killed, "annual.csv")));

    const r3 = await runCli(["run", "--resume", killed]);
    assert.equal(r3.code, 0, r3.stderr);
    for (const f of OUTPUTS) assert.equal(read(killed, f), read(whole, f), f);
    const manifest = manifestOf(killed);
    assert.equal(manifest.status, "complete");
    assert.equal(manifest.resumed_at.length, 1);
    assert.ok(!fs.existsSync(path.join(killed, "checkpoint.json")));
  } finally {
    await server.close();
  }
});

test("a stalled request times out and a dropped connection is retried; one call failing every attempt ends in a counted fallback", async () => {
  const dry = path.join(tmp, "names");
  await runCli(["run", "--households", "6", "--months", "12", "--seed", "5", "--out", dry, "--quiet"]);
  const firstName = read(dry, "households.csv").split("\n")[1].split(",")[1];
  let stalled = 0;
  let dropped = 0;
  const server = await startFakeOpenAI((body, n) => {
    const b = body as Body;
    const last = b.messages[b.messages.length - 1].content;
    if (n === 0) {
      stalled++;
      return { stall: true };
    }
    if (n === 1) {
      dropped++;
      return { drop: true };
    }
    // Household 0's February decision fails on every attempt.
    if (last.includes(`You're ${firstName},`) && last.includes("Now it's 2001.02.")) return { status: 500 };
    return { content: deterministicAnswer(b) };
  });
  const out = path.join(tmp, "flaky");
  const r = await runCli(llmArgs(out, server.url, path.join(tmp, "cache-flaky"), ["--timeout", "0.5", "--max-attempts", "3", "--concurrency", "1"]));
  await server.close();
  assert.equal(r.code, 0, r.stderr);
  assert.equal(stalled, 1);
  assert.equal(dropped, 1);
  const decisions = read(out, "transcripts.jsonl").trim().split("\n").map((l) => JSON.parse(l)).filter((x) => x.kind === "decision");
  const fallbacks = decisions.filter((d) => d.fallback);
  assert.equal(fallbacks.length, 1);
  assert.equal(fallbacks[0].month, 2);
  assert.equal(fallbacks[0].household, 0);
  assert.match(fallbacks[0].error, /500/);
  assert.equal(manifestOf(out).households_model.accounting.total.fallbacks, 1);
});
