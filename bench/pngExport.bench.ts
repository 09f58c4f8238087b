/**
 * What a process pays for its first PNG figure (lib/report/png.ts): starting Chromium, loading plotly.min.js into a
 * page and drawing one small scatter, in a fresh process each time, for each Debian browser installed (the
 * headless shell and the desktop Chromium, chosen through ECONAGENT_CHROMIUM); then ten more figures on the same
 * page. CPU is counted over the whole process tree — Node and every Chromium process, read from /proc while the
 * browser is still running, because Chromium's processes are not children that `time` would count — so it says
 * what the first figure costs the machine, whatever else is running. Min–max over REPEATS processes (default 3).
 * Run: `npx tsx bench/pngExport.bench.ts [REPEATS]` (Linux).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import { DESKTOP_CHROMIUM, HEADLESS_SHELL, figurePngs } from "../lib/report/png.js";
import type { Figure } from "../lib/report/plotly.js";
import { projectRoot } from "../lib/paths.js";

/** Clock ticks per second of /proc/<pid>/stat's times. */
const TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

const figure = {
  data: [{ type: "scatter", mode: "lines", name: "line", x: [1, 2, 3], y: [2, 1, 3], xaxis: "x", yaxis: "y" }],
  layout: { title: { text: "A line" }, width: 400, height: 300 },
} as unknown as Figure;

/** CPU seconds (user + system, with what each reaped) of process `root` and all its live descendants. */
function treeCpuSeconds(root: number): number {
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    // Fields after the command name (which may hold spaces): state, ppid, …, utime (14), stime, cutime, cstime.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    parent.set(Number(entry), Number(fields[1]));
    cpu.set(Number(entry), (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / TICKS);
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    total += cpu.get(pid) ?? 0;
    for (const [child, p] of parent) if (p === pid) stack.push(child);
  }
  return total;
}

/** In the child: one figure, then ten, timed; CPU of the first from before the call to after it. */
async function child(): Promise<void> {
  const cpuBefore = treeCpuSeconds(process.pid);
  let started = process.hrtime.bigint();
  await figurePngs([{ figure: figure }]);
  const firstSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const firstCpu = treeCpuSeconds(process.pid) - cpuBefore;
  started = process.hrtime.bigint();
  await figurePngs(Array.from({ length: 10 }, () => ({ figure: figure })));
  const tenSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(JSON.stringify({ firstSeconds, firstCpu, tenSeconds }));
}

function range(values: number[]): string {
  return `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
}

function main(): void {
  const repeats = Number(process.argv[2] ?? 3);
  console.log(`load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  for (const browser of [HEADLESS_SHELL, DESKTOP_CHROMIUM]) {
    if (!fs.existsSync(browser)) {
      console.log(`${browser}: not installed`);
      continue;
    }
    const runs = Array.from({ length: repeats }, () => {
      const r = spawnSync(process.execPath, ["--import", "tsx", __filename, "--child"], {
        cwd: projectRoot(),
        env: { ...process.env, ECONAGENT_CHROMIUM: browser },
        encoding: "utf8",
      });
      if (r.status !== 0) throw new Error(`the child drawing with ${browser} failed:\n${r.stderr}`);
      return JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as { firstSeconds: number; firstCpu: number; tenSeconds: number };
    });
    console.log(
      `${browser}: first figure ${range(runs.map((r) => r.firstSeconds))} s wall, ${range(runs.map((r) => r.firstCpu))} s CPU; ` +
        `ten more ${range(runs.map((r) => r.tenSeconds))} s wall (${repeats} processes)`,
    );
  }
  console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
}

if (process.argv[2] === "--child") {
  child().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  main();
}
