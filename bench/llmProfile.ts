/**
 * Where our CPU goes per LLM call: 1,000 LLM households at concurrency 128 against the benchmark endpoint (its own
 * process, 50 ms per answer), V8's CPU profiler (node:inspector, a sample every 250 µs) running over months 2–3 only,
 * and the samples summed by self time per area (node:http, our LLM plumbing, the LLM households, GC, …), per file and
 * per function, plus inclusive time of the top frames. Prints the tables and writes the .cpuprofile (open it in
 * Chrome DevTools) to the directory given, default the OS temp directory.
 * Another concurrency or endpoint latency (as bench/fakeServer.ts takes it) can be given after the directory, and
 * `record` last to record every answer in a response cache on the project's disk, as a default run does.
 * Run: `npx tsx bench/llmProfile.ts [OUT_DIR] [CONCURRENCY=128] [LATENCY=50] [off|record]`.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { Session, type Profiler, type Runtime } from "node:inspector";
import * as os from "node:os";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { projectRoot } from "../lib/paths.js";
import { createSimulation } from "../lib/run/createSimulation.js";

const HOUSEHOLDS = 1000;

/** Profiler sampling interval: finer than V8's 1 ms default, so that a 0.3 ms call gets samples of its own. */
const SAMPLING_US = 250;

function post<T>(session: Session, method: string, params: object = {}): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
}

/** Self and inclusive microseconds by key over a profile's samples. */
function summarize(profile: Profiler.Profile, key: (frame: Runtime.CallFrame) => string): { self: Map<string, number>; inclusive: Map<string, number>; total: number } {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  (profile.samples ?? []).forEach((id, k) => {
    const us = deltas[k + 1] ?? 0; // a sample lasts until the next one
    total += us;
    const own = key(nodes.get(id)!.callFrame);
    self.set(own, (self.get(own) ?? 0) + us);
    const seen = new Set<string>();
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const k2 = key(nodes.get(x)!.callFrame);
      if (seen.has(k2)) continue;
      seen.add(k2);
      inclusive.set(k2, (inclusive.get(k2) ?? 0) + us);
    }
  });
  return { self, inclusive, total };
}

const fileOf = (f: Runtime.CallFrame) => (f.url || "(native)").replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(lib|bench|test)\//, "$1/");
/** The area a frame belongs to: V8's own (GC, idle, the writev syscall), Node's HTTP and streams, a folder of ours, a package. */
function areaOf(f: Runtime.CallFrame): string {
  if (!f.url) return ["(garbage collector)", "(idle)", "writev"].includes(f.functionName) ? f.functionName : "(other native)";
  if (f.url.startsWith("node:")) return /http|net|stream|socket/.test(f.url) ? "node: http, net, streams" : "node: other";
  const ours = /\/(lib|bench|test)\/(.*)\/[^/]*$/.exec(f.url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  return f.url.replace(/^.*node_modules\//, "").split("/")[0];
}
const functionOf = (f: Runtime.CallFrame) => `${f.functionName || "(anonymous)"} ${fileOf(f)}:${f.lineNumber + 1}`;

function table(title: string, values: Map<string, number>, total: number, calls: number, rows: number): string {
  const lines = [...values].sort((a, b) => b[1] - a[1]).slice(0, rows).map(([name, us]) =>
    `${(us / 1000 / calls).toFixed(3).padStart(8)} ms/call ${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`);
  return `\n${title}\n${lines.join("\n")}`;
}

async function main(): Promise<void> {
  const outDir = process.argv[2] ?? os.tmpdir();
  const concurrency = Number(process.argv[3] ?? 128);
  const latency = process.argv[4] ?? "50";
  const cacheMode = process.argv[5] === "record" ? "record" : "off";
  const cache = cacheMode === "record" ? fs.mkdtempSync(path.join(projectRoot(), ".bench-llm-cache-")) : null;
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "econagent-llm-profile-")), "requests.jsonl");
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "fakeServer.ts"), log, latency], { stdio: ["pipe", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once("line", (line) => resolve(line.trim())));
  try {
    const { simulation } = await createSimulation({
      policy: "llm", households: HOUSEHOLDS, months: 12, seed: 1, baseUrl: url, model: "bench-model", cacheMode, cache,
      reflection: false, memory: 1, concurrency, decisions: "off",
    });
    await simulation.step(); // warm-up: JIT, sockets, the one-month memory
    const session = new Session();
    session.connect();
    await post(session, "Profiler.enable");
    await post(session, "Profiler.setSamplingInterval", { interval: SAMPLING_US });
    await post(session, "Profiler.start");
    const cpu = process.cpuUsage();
    await simulation.step();
    await simulation.step();
    const used = process.cpuUsage(cpu);
    const { profile } = await post<{ profile: Profiler.Profile }>(session, "Profiler.stop");
    session.disconnect();
    await simulation.policy.close?.();
    const calls = 2 * HOUSEHOLDS;
    const file = path.join(outDir, `llm-${HOUSEHOLDS}x${concurrency}-${latency.replace(/:/g, "_")}-${cacheMode}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    const byFile = summarize(profile, fileOf);
    const byFunction = summarize(profile, functionOf);
    const byArea = summarize(profile, areaOf);
    console.log(`months 2–3, ${calls} calls: process CPU ${((used.user + used.system) / 1000 / calls).toFixed(3)} ms/call ` +
      `(user ${(used.user / 1000 / calls).toFixed(3)}, system ${(used.system / 1000 / calls).toFixed(3)}); main-thread profile ${(byFile.total / 1000 / calls).toFixed(3)} ms/call; ${file}`);
    console.log(table("self time by area", byArea.self, byArea.total, calls, 15));
    console.log(table("self time by file", byFile.self, byFile.total, calls, 25));
    console.log(table("self time by function", byFunction.self, byFunction.total, calls, 30));
    console.log(table("inclusive time by function", byFunction.inclusive, byFunction.total, calls, 40));
  } finally {
    child.stdin!.end();
    fs.rmSync(path.dirname(log), { recursive: true, force: true });
    if (cache !== null) fs.rmSync(cache, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
