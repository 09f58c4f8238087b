/**
 * The transports alone: our process's CPU per chat-completion call of `--transport http` (lib/llm/httpChatBackend.ts)
 * and `--transport sdk` (lib/llm/openaiBackend.ts), without households, prompts or the endpoint pool. Each sends
 * 4,000 month-2-sized decision requests (system message, one remembered month, the current prompt: ≈ 3,100
 * characters, with the structured-output schema) at 128 in flight to the benchmark endpoint (bench/fakeServer.ts,
 * its own process, 50 ms per answer), after 500 calls of warm-up; the two alternate for three rounds.
 * IN_FLIGHT, CALLS and LATENCY in the environment change the 128 in flight, the 4,000 calls and the endpoint's
 * latency as bench/fakeServer.ts takes it (e.g. IN_FLIGHT=8 CALLS=1000, or LATENCY=lognormal:800:3000:1 CALLS=1000
 * for answers that trickle in as in bench:llm's lognormal row).
 * Run: `npx tsx bench/llmTransport.bench.ts`.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { DECISION_SCHEMA } from "../lib/households/llm/prompts.js";
import type { ChatCompletionsBackend } from "../lib/llm/chatCompletions.js";
import { HttpChatBackend } from "../lib/llm/httpChatBackend.js";
import { OpenAIBackend } from "../lib/llm/openaiBackend.js";
import type { ChatRequest } from "../lib/llm/types.js";

const CALLS = Number(process.env.CALLS ?? 4000);
const WARM_UP = 500;
const IN_FLIGHT = Number(process.env.IN_FLIGHT ?? 128);
const LATENCY = process.env.LATENCY ?? "50";
const ROUNDS = 3;

/** A month-2 decision's shape: ≈ 690 + 1,180 + 1,230 characters of prompt text (679, 1,174, 1,219 here), in lines. */
const lines = (n: number, text: string) => Array.from({ length: n }, (_, i) => `${text} ${i}.`).join("\n");
const REQUEST: ChatRequest = {
  messages: [
    { role: "system", content: lines(8, "You are a 40-year-old baker in New York City, deciding how much to work and spend") },
    { role: "user", content: lines(15, "Last month you earned $4,210.55 and spent $3,020.10; prices rose 0.4 % and") },
    { role: "assistant", content: '{"work": 0.6, "consumption": 0.4}' },
    { role: "user", content: lines(15, "This month your expected income is $4,305.00; your savings are $12,050.20 and") },
  ],
  maxTokens: 100,
  temperature: 0,
  schema: DECISION_SCHEMA,
};

async function calls(backend: ChatCompletionsBackend, n: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next++ < n) await backend.complete(REQUEST);
    }),
  );
}

/** Our CPU (user + system) per call over `CALLS` calls, in ms. */
async function cpuPerCall(backend: ChatCompletionsBackend): Promise<number> {
  const before = process.cpuUsage();
  await calls(backend, CALLS);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / CALLS;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-transport-bench-"));
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "fakeServer.ts"), path.join(dir, "requests.jsonl"), LATENCY], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  try {
    const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once("line", (line) => resolve(line.trim())));
    const options = { model: "bench-model", baseURL: url, maxConnections: IN_FLIGHT };
    const transports = { http: new HttpChatBackend(options), sdk: new OpenAIBackend(options) };
    for (const backend of Object.values(transports)) await calls(backend, WARM_UP);
    const results: Record<string, number[]> = { http: [], sdk: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, backend] of Object.entries(transports)) results[name].push(await cpuPerCall(backend));
    }
    await transports.http.close();
    console.log(`\nTransports alone: our CPU ms per call, ${CALLS} calls at ${IN_FLIGHT} in flight, endpoint latency ${LATENCY} ms, ${ROUNDS} rounds\n`);
    console.log("| transport | rounds | median |");
    console.log("|---|---|---:|");
    for (const [name, xs] of Object.entries(results)) {
      const median = [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      console.log(`| ${name} | ${xs.map((x) => x.toFixed(3)).join(", ")} | ${median.toFixed(3)} |`);
    }
  } finally {
    child.stdin!.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
