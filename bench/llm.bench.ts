/**
 * The LLM plumbing (prompts, memory, cache key, endpoint pool, retry, OpenAI SDK, HTTP) against a loopback endpoint
 * in its own process. Two measurements:
 * - *overhead*: the endpoint answers every request after a fixed 50 ms; for N = 100 and 1,000 households and
 *   concurrency C = 8, 32, 128, the wall time of a month (the mean of months 2–4; month 1 warms up and fills the
 *   one-month memory) against the ideal ceil(N/C) × 50 ms, and our CPU time per call (the endpoint's CPU is not
 *   ours; over three months, 3,000 calls at N = 1,000, rather than one). At
 *   50 ms our own CPU per wave of C calls is a large share of the wave, so these rows measure our overhead.
 * - *realistic latency*: the endpoint's latency is lognormal (median 800 ms, p95 3 s, seeded); N = 1,000 and
 *   C = 128, month 2 against the ideal schedule of the same draws on C slots (bench/latency.ts).
 * From the endpoint's request log also the input size of a decision call and the share of it that repeats a prefix
 * sent before (what a provider's prompt cache could serve). Two last rows record every answer in a response cache on
 * the project's disk, as a default run does (`--cache-mode record`), at C = 32 and 128. 127.0.0.1 only; stops by itself.
 * Run: `npm run bench:llm`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { createSimulation } from "../lib/run/createSimulation.js";
import { projectRoot } from "../lib/paths.js";
import { idealSchedule } from "./latency.js";

const DELAY_MS = 50;
/** Median 800 ms, p95 3 s, seed 1. */
const LOGNORMAL = "lognormal:800:3000:1";
const SIZES = [100, 1000];
const CONCURRENCIES = [8, 32, 128];
/** The recording rows: N = 1,000 at these concurrencies. */
const RECORDING_CONCURRENCIES = [32, 128];
/** The whole benchmark is cut off after this long, whatever happens. */
const TIME_LIMIT_MS = 6 * 60 * 1000;

interface Message {
  role: string;
  content: string;
}

interface Endpoint {
  url: string;
  log: string;
  child: ChildProcess;
  /** The endpoint's own CPU time so far, in ms. */
  cpuMs(): Promise<number>;
}

/** The fake endpoint as a child process (its own CPU); resolves once it prints its URL. */
async function startEndpoint(log: string, latency: string): Promise<Endpoint> {
  const script = path.join(__dirname, "fakeServer.ts");
  const child = spawn(process.execPath, ["--import", "tsx", script, log, latency], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const buffered: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    const next = waiting.shift();
    if (next) next(line.trim());
    else buffered.push(line.trim());
  });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      if (buffered.length > 0) return resolve(buffered.shift()!);
      waiting.push(resolve);
      child.once("exit", (code) => reject(new Error(`the fake endpoint exited (code ${code})`)));
    });
  child.once("error", (error) => {
    throw error;
  });
  const url = await nextLine();
  if (!/^http:\/\/127\.0\.0\.1:\d+\/v1$/.test(url)) throw new Error(`unexpected endpoint URL ${JSON.stringify(url)}`);
  const cpuMs = async () => {
    child.stdin!.write("cpu\n");
    const match = /^cpu (\d+)$/.exec(await nextLine());
    if (!match) throw new Error("the fake endpoint did not report its CPU time");
    return Number(match[1]) / 1000;
  };
  return { url, log, child, cpuMs };
}

/** Close its stdin and wait until it has exited (its log is then complete). */
async function stopEndpoint(endpoint: Endpoint): Promise<void> {
  const { child } = endpoint;
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.stdin!.end();
  });
}

function readLog(file: string): { delayMs: number; messages: Message[] }[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as { delayMs: number; messages: Message[] });
}

/** A request's messages as one string, role and content in order: request A's is a prefix of B's when B extends A's dialogue. */
const serialize = (messages: Message[]): string => messages.map((m) => `<|${m.role}|>\n${m.content}\n`).join("");

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/**
 * For each request in arrival order, the longest prefix it shares with ANY earlier request, as a share of its
 * length. Among strings in sorted order, the longest common prefix with a new string is reached at one of its
 * two neighbours, so a sorted array of earlier strings suffices.
 */
function cacheableShares(requests: string[]): number[] {
  const sorted: string[] = [];
  return requests.map((s) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < s) lo = mid + 1;
      else hi = mid;
    }
    const lcp = Math.max(lo > 0 ? commonPrefix(sorted[lo - 1], s) : 0, lo < sorted.length ? commonPrefix(sorted[lo], s) : 0);
    sorted.splice(lo, 0, s);
    return s.length === 0 ? 0 : lcp / s.length;
  });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

interface Result {
  latency: string;
  households: number;
  concurrency: number;
  memory: number;
  monthMs: number;
  decideMs: number;
  idealMs: number;
  calls: number;
  meanLatencyMs: number;
  cpuMsPerCall: number;
  endpointCpuMsPerCall: number;
  maxActive: number;
  fallbacks: number;
  /** Month 2's decision calls, from the endpoint's log. */
  inputChars: number;
  systemChars: number;
  rememberedChars: number;
  currentChars: number;
  cacheable: number;
  cacheableMonth1: number;
}

/**
 * `cache`: a directory to record the answers in (`--cache-mode record`, the run default), or null for cache off;
 * `months`: how many months after the first are measured.
 */
async function measure(households: number, concurrency: number, memory: number, dir: string, latency = String(DELAY_MS), cache: string | null = null, months = 3): Promise<Result> {
  const endpoint = await startEndpoint(path.join(dir, `requests-${households}-${concurrency}-${memory}-${latency.replace(/:/g, "_")}.jsonl`), latency);
  try {
    const { simulation } = await createSimulation({
      policy: "llm",
      households,
      months: 12,
      seed: 1,
      baseUrl: endpoint.url,
      model: "bench-model",
      cacheMode: cache === null ? "off" : "record",
      cache,
      reflection: false,
      memory,
      concurrency,
      decisions: "off",
    });
    const policy = simulation.policy;
    // Time the decide phase on its own too (the rest of the month is the economy).
    const decide = policy.decide.bind(policy);
    let decideMs = 0;
    policy.decide = async (ctx, out) => {
      const t = process.hrtime.bigint();
      await decide(ctx, out);
      decideMs += Number(process.hrtime.bigint() - t) / 1e6;
    };
    const stats = () => {
      const d = (policy.describe?.() ?? {}) as { accounting?: { total: { calls: number; latencyMs: number; fallbacks: number } }; max_concurrency_reached?: number };
      const t = d.accounting!.total;
      return { calls: t.calls, latencyMs: t.latencyMs, fallbacks: t.fallbacks, maxActive: d.max_concurrency_reached ?? 0 };
    };

    await simulation.step(); // month 1: warm-up (JIT, sockets) and fills the one-month memory
    decideMs = 0;
    const before = stats();
    const endpointCpu = await endpoint.cpuMs();
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let m = 0; m < months; m++) await simulation.step(); // months 2, 3, …: measured
    const monthMs = Number(process.hrtime.bigint() - start) / 1e6 / months;
    const used = process.cpuUsage(cpu);
    const after = stats();
    const endpointCpuMs = (await endpoint.cpuMs()) - endpointCpu;
    await policy.close?.();
    await stopEndpoint(endpoint);

    const calls = after.calls - before.calls;
    const entries = readLog(endpoint.log);
    if (entries.length !== (1 + months) * households) throw new Error(`expected ${(1 + months) * households} requests in the log, found ${entries.length}`);
    const log = entries.map((e) => e.messages);
    const shares = cacheableShares(log.map(serialize));
    const month2 = log.slice(households, 2 * households);
    const chars = (ms: Message[]) => ms.reduce((a, m) => a + m.content.length, 0);
    return {
      latency,
      households,
      concurrency,
      memory,
      monthMs,
      decideMs: decideMs / months,
      // Each measured month's draws in arrival order on C slots (for a fixed delay ceil(N/C) × delay), averaged.
      idealMs: mean(Array.from({ length: months }, (_, m) => idealSchedule(entries.slice((1 + m) * households, (2 + m) * households).map((e) => e.delayMs), concurrency))),
      calls,
      meanLatencyMs: (after.latencyMs - before.latencyMs) / Math.max(1, calls),
      cpuMsPerCall: (used.user + used.system) / 1000 / Math.max(1, calls),
      endpointCpuMsPerCall: endpointCpuMs / Math.max(1, calls),
      maxActive: after.maxActive,
      fallbacks: after.fallbacks,
      inputChars: mean(month2.map(chars)),
      systemChars: mean(month2.map((ms) => chars(ms.filter((m) => m.role === "system")))),
      rememberedChars: mean(month2.map((ms) => chars(ms.slice(1, -1).filter((m) => m.role !== "system")))),
      currentChars: mean(month2.map((ms) => ms[ms.length - 1].content.length)),
      cacheable: mean(shares.slice(households, 2 * households)),
      cacheableMonth1: mean(shares.slice(0, households)),
    };
  } finally {
    endpoint.child.kill(); // only if still running (a failure above)
  }
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`bench:llm: stopped after ${TIME_LIMIT_MS / 1000} s`);
    process.exit(1);
  }, TIME_LIMIT_MS);
  watchdog.unref();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-llm-bench-"));
  try {
    await measure(100, 32, 1, dir); // warm up the JIT and the SDK before the first measured case
    const results: Result[] = [];
    for (const n of SIZES) for (const c of CONCURRENCIES) results.push(await measure(n, c, 1, dir));
    const noMemory = await measure(100, 128, 0, dir); // L = 0, for the prefix comparison only
    const realistic = await measure(1000, 128, 1, dir, LOGNORMAL, null, 1);
    // Recording, as a default run does, into a directory on the project's disk (where data/llm-cache lives).
    const recording: Result[] = [];
    for (const c of RECORDING_CONCURRENCIES) {
      const cacheDir = fs.mkdtempSync(path.join(projectRoot(), ".bench-llm-cache-"));
      try {
        recording.push({ ...(await measure(1000, c, 1, dir, String(DELAY_MS), cacheDir)), latency: `${DELAY_MS}, recording` });
      } finally {
        fs.rmSync(cacheDir, { recursive: true, force: true });
      }
    }

    console.log(`\nLLM plumbing (months 2–4 of 12, month 2 in the lognormal row; memory L=1, reflection off, cache off except the last rows). Rows "${DELAY_MS}": a loopback endpoint answering after ${DELAY_MS} ms (measures our overhead); row "${LOGNORMAL}": lognormal latency, median 800 ms, p95 3 s, seed 1 (measures scheduling efficiency); rows "${DELAY_MS}, recording": every answer recorded in a response cache on the project's disk (--cache-mode record, the run default)\n`);
    console.log("| latency ms | N | C | ms/month | decide ms | ideal ms | efficiency | mean call latency ms | calls | our CPU ms/call | endpoint CPU ms/call | max in flight | fallbacks |");
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const r of [...results, realistic, ...recording]) {
      console.log(
        `| ${r.latency} | ${r.households} | ${r.concurrency} | ${r.monthMs.toFixed(0)} | ${r.decideMs.toFixed(0)} | ${r.idealMs.toFixed(0)} | ${pct(r.idealMs / r.monthMs)} | ` +
          `${r.meanLatencyMs.toFixed(1)} | ${r.calls} | ${r.cpuMsPerCall.toFixed(3)} | ${r.endpointCpuMsPerCall.toFixed(3)} | ${r.maxActive} | ${r.fallbacks} |`,
      );
    }

    const r = results[results.length - 1];
    console.log("\nInput of a month-2 decision call (N=1000, C=128; tokens estimated as chars / 4):\n");
    console.log("| memory L | input chars | ≈ tokens | system | remembered month(s) | current prompt | cacheable share (month 2) | (month 1) |");
    console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const x of [r, noMemory]) {
      console.log(
        `| ${x.memory}${x === noMemory ? " (N=100)" : ""} | ${x.inputChars.toFixed(0)} | ${(x.inputChars / 4).toFixed(0)} | ` +
          `${x.systemChars.toFixed(0)} | ${x.rememberedChars.toFixed(0)} | ${x.currentChars.toFixed(0)} | ${pct(x.cacheable)} | ${pct(x.cacheableMonth1)} |`,
      );
    }
    console.log(
      "\ncacheable share: mean over the month's requests of (longest prefix shared with any earlier request) / length, " +
        "on role + content serialized in order. Efficiency = ideal / ms per month; CPU = process.cpuUsage() over the measured months " +
        "(economy step included, endpoint excluded) / calls; ideal = the month's latency draws in arrival order on C slots (list scheduling); endpoint CPU = the fake server's own over the same months " +
        `(it also logs every request body; the two processes share ${os.cpus().length} CPU cores).`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
