/**
 * The endpoint of the LLM plumbing benchmark (bench/llm.bench.ts), run as its own process so that its CPU is
 * not counted as ours: the test suite's fake OpenAI server on 127.0.0.1, answering every chat completion after
 * a delay — fixed, or seeded lognormal draws (bench/latency.ts) — with a valid decision, or a short text for
 * reflection prompts, and appending every request's messages and drawn delay (one JSON per line, in arrival order)
 * to the log file named on the command line. Prints its base URL as one line on stdout;
 * answers each line read on stdin with a line `cpu MICROSECONDS` (its own CPU time so far, so that a benchmark
 * can tell whether the endpoint was the bottleneck); exits when stdin closes (its parent ended it or died), and
 * in any case after a hard time limit.
 *
 * With `reader` as the third argument, the answers are the prompt-reading stand-in's (test/support/promptReader.ts),
 * so households in different situations get different answers (bench/llmScale.bench.ts).
 *
 * Run: `node --import tsx bench/fakeServer.ts LOG_FILE [DELAY_MS | lognormal:MEDIAN:P95:SEED] [reader]`
 */
import * as fs from "node:fs";
import { createInterface } from "node:readline";
import { startFakeOpenAI } from "../test/support/fakeOpenAI.js";
import { promptReaderAnswer } from "../test/support/promptReader.js";
import { latencySource } from "./latency.js";

const DECISION = JSON.stringify({ work: 0.5, consumption: 0.3 });
const REFLECTION = "Prices rose a little and jobs held steady; I will keep working and save a bit more.";
/** Never outlive a benchmark that forgot to close stdin. */
const HARD_LIMIT_MS = 40 * 60 * 1000;

async function main(): Promise<void> {
  const log = process.argv[2];
  let delay: () => number;
  try {
    delay = latencySource(process.argv[3] ?? "50");
  } catch (error) {
    console.error(`usage: fakeServer.ts LOG_FILE [DELAY_MS | lognormal:MEDIAN:P95:SEED]: ${(error as Error).message}`);
    process.exit(2);
  }
  if (!log) {
    console.error("usage: fakeServer.ts LOG_FILE [DELAY_MS | lognormal:MEDIAN:P95:SEED]");
    process.exit(2);
  }
  const reader = process.argv[4] === "reader";
  fs.writeFileSync(log, "");
  const fd = fs.openSync(log, "a");
  const server = await startFakeOpenAI((body) => {
    const messages = (body as { messages?: { content?: unknown }[] } | null)?.messages ?? [];
    const delayMs = delay();
    // Synchronous, so the log is complete and in arrival order whenever the process exits.
    fs.writeSync(fd, JSON.stringify({ delayMs, messages }) + "\n");
    const last = messages[messages.length - 1]?.content;
    const reflection = typeof last === "string" && last.startsWith("Given the previous quarter");
    if (reader) return { content: promptReaderAnswer(body), delayMs };
    return { content: reflection ? REFLECTION : DECISION, delayMs };
  });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await server.close();
    fs.closeSync(fd);
    process.exit(code);
  };
  createInterface({ input: process.stdin }).on("line", () => {
    const cpu = process.cpuUsage();
    process.stdout.write(`cpu ${cpu.user + cpu.system}\n`);
  });
  process.stdin.on("end", () => void stop(0));
  process.stdin.on("close", () => void stop(0));
  process.stdin.on("error", () => void stop(0));
  setTimeout(() => void stop(3), HARD_LIMIT_MS).unref();

  process.stdout.write(server.url + "\n");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
