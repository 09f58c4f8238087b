import type { Progress } from "../run/runExperiment.js";

const WIDTH = 30;

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/** One progress-bar line: bar, percent, month, elapsed time and ETA extrapolated from the pace so far. */
export function progressLine(p: Progress): string {
  const done = p.month / p.months;
  const filled = Math.round(done * WIDTH);
  const eta = p.month > 0 ? (p.elapsedMs / p.month) * (p.months - p.month) : 0;
  const line = `[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ${(100 * done).toFixed(0).padStart(3)}% month ${p.month}/${p.months}  elapsed ${duration(p.elapsedMs)}  ETA ${duration(eta)}`;
  return p.status ? `${line}  ${p.status}` : line;
}

/**
 * A progress bar on a terminal (redrawn in place at most ~10 times a second), silent when stderr is not a TTY
 * so logs and CI output stay clean.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): { update(p: Progress): void; end(): void } {
  if (!stream.isTTY) return { update: () => undefined, end: () => undefined };
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100 && p.month < p.months) return;
      last = now;
      drawn = true;
      stream.write(`\r${progressLine(p)}\x1b[K`);
    },
    end() {
      if (drawn) stream.write("\n");
    },
  };
}
