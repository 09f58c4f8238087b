/**
 * LLM households at population scale (docs/llm-at-scale.md): `econagent run --policy llm` end to end against a
 * loopback endpoint in its own process (bench/fakeServer.ts answering as the prompt-reading stand-in, no delay),
 * one run process per case measured by /usr/bin/time (wall, our CPU = user + system, peak RSS):
 * - 1,000,000 households × 12 months with `--archetypes 500 --audit 200` (default decision panel of 1,000);
 * - 1,000 households × 12 months asked one by one, the per-household cost it is compared with.
 * From each run's transcripts the decision calls of every month (archetypes + audited households) and the re-asks;
 * from the endpoint its own CPU. Prints one JSON document.
 *
 * Run: `npm run bench:llm-scale` (or `npx tsx bench/llmScale.bench.ts HOUSEHOLDS` for a smaller archetype case).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { projectRoot } from "../lib/paths.js";

const MONTHS = 12;
const BIG = Number(process.argv[2] ?? 1_000_000);

interface Endpoint {
  url: string;
  cpuSeconds(): Promise<number>;
  stop(): void;
}

async function startEndpoint(log: string): Promise<Endpoint> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(projectRoot(), "bench/fakeServer.ts"), log, "0", "reader"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    const next = waiting.shift();
    if (next) next(line.trim());
    else lines.push(line.trim());
  });
  const nextLine = () => new Promise<string>((resolve) => (lines.length > 0 ? resolve(lines.shift()!) : waiting.push(resolve)));
  const url = await nextLine();
  return {
    url,
    cpuSeconds: async () => {
      child.stdin!.write("cpu\n");
      return Number((await nextLine()).slice("cpu ".length)) / 1e6;
    },
    stop: () => child.stdin!.end(),
  };
}

interface Measured {
  case: string;
  households: number;
  months: number;
  wall_s: number;
  cpu_s: number;
  cpu_us_per_household_month: number;
  peak_rss_mb: number;
  decision_calls_per_month: number[];
  reasks: number;
  reflections: number;
  endpoint_cpu_s: number;
}

async function measure(name: string, households: number, extra: string[], endpoint: Endpoint, dir: string): Promise<Measured> {
  const out = path.join(dir, name);
  const timing = path.join(dir, `${name}.time`);
  const args = [
    "-f", "%e %U %S %M", "-o", timing, process.execPath, path.join(projectRoot(), "bin/econagent.js"), "run", "--policy", "llm",
    "--households", String(households), "--months", String(MONTHS), "--seed", "1", "--model", "gpt-4o-mini", "--base-url", endpoint.url,
    "--cache-mode", "off", "--out", out, "--quiet", ...extra,
  ];
  const endpointBefore = await endpoint.cpuSeconds();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn("/usr/bin/time", args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, OPENAI_API_KEY: "" } });
    child.on("close", resolve);
  });
  if (code !== 0) throw new Error(`${name}: the run exited with ${code}`);
  const [wall, user, system, rssKb] = fs.readFileSync(timing, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
  const perMonth = new Array<number>(MONTHS).fill(0);
  let reasks = 0;
  let reflections = 0;
  for (const line of fs.readFileSync(path.join(out, "transcripts.jsonl"), "utf8").split("\n")) {
    if (line === "") continue;
    const record = JSON.parse(line) as { kind: string; month: number; reasks?: number };
    if (record.kind === "decision") {
      perMonth[record.month - 1]++;
      reasks += record.reasks ?? 0;
    } else if (record.kind === "reflection") reflections++;
  }
  return {
    case: name,
    households,
    months: MONTHS,
    wall_s: wall,
    cpu_s: user + system,
    cpu_us_per_household_month: ((user + system) * 1e6) / (households * MONTHS),
    peak_rss_mb: Math.round(rssKb / 1024),
    decision_calls_per_month: perMonth,
    reasks,
    reflections,
    endpoint_cpu_s: (await endpoint.cpuSeconds()) - endpointBefore,
  };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-llm-scale-"));
  const endpoint = await startEndpoint(path.join(dir, "requests.jsonl"));
  try {
    const load = os.loadavg()[0];
    const rows = [
      await measure("per-household", 1000, [], endpoint, dir),
      await measure("archetypes", BIG, ["--archetypes", "500", "--audit", "200"], endpoint, dir),
    ];
    console.log(JSON.stringify({ load_before: load, load_after: os.loadavg()[0], rows }, null, 2));
  } finally {
    endpoint.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
