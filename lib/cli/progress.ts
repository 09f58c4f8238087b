import type { SweepProgress } from "../experiment/sweep.js";
import type { Progress } from "../run/runExperiment.js";

const WIDTH = 30;

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

function bar(done: number): string {
  const filled = Math.round(done * WIDTH);
  return `[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ${(100 * done).toFixed(0).padStart(3)}%`;
}

/** One progress-bar line: bar, percent, month, elapsed time and ETA extrapolated from the pace so far. */
export function progressLine(p: Progress): string {
  const eta = p.month > 0 ? (p.elapsedMs / p.month) * (p.months - p.month) : 0;
  const line = `${bar(p.month / p.months)} month ${p.month}/${p.months}  elapsed ${duration(p.elapsedMs)}  ETA ${duration(eta)}`;
  return p.status ? `${line}  ${p.status}` : line;
}

/** A run's progress bar. */
export interface ProgressBar {
  /** Show the run's progress after a month. */
  update(p: Progress): void;
  /** Leave the bar's last state on its own line. */
  end(): void;
}

/**
 * A progress bar on a terminal (redrawn in place at most ~10 times a second), silent when stderr is not a TTY
 * so logs and CI output stay clean.
 * @example
 * const bar = progressBar();
 * bar.update({ month: 12, months: 240, elapsedMs: 500 }); // ███░░░… month 12/240 …
 * bar.end();
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const line = liveLine(stream);
  return { update: (p) => line.draw(progressLine(p), p.month >= p.months), end: line.end };
}

/** Sweep progress: runs done of the total, skipped (complete before), failed, elapsed, ETA from the pace so far. */
export function sweepProgressLine(p: SweepProgress): string {
  const finished = p.skipped + p.done + p.failed;
  const pending = p.total - p.skipped;
  const ran = p.done + p.failed;
  const eta = ran > 0 ? (p.elapsedMs / ran) * (pending - ran) : 0;
  const skipped = p.skipped > 0 ? ` (${p.skipped} already complete)` : "";
  const line = `${bar(p.total > 0 ? finished / p.total : 1)} runs ${finished}/${p.total}${skipped}  failed ${p.failed}  elapsed ${duration(p.elapsedMs)}  ETA ${duration(eta)}`;
  return p.status ? `${line}  ${p.status}` : line;
}

/** A line of text redrawn in place. */
export interface LiveLine {
  /** Replace the line's text (skipped if the last draw was under ~0.1 s ago, unless `force`). */
  draw(text: string, force?: boolean): void;
  /** End the line, keeping its text. */
  end(): void;
}

/**
 * A line redrawn in place on a terminal, at most ~10 times a second unless `force`; nothing off a terminal.
 * @example
 * const line = liveLine();
 * line.draw("runs 3/40"); // overwrites the line on a terminal
 * line.end();
 */
export function liveLine(stream: NodeJS.WriteStream = process.stderr): LiveLine {
  if (!stream.isTTY) return { draw: () => undefined, end: () => undefined };
  let last = 0;
  let drawn = false;
  return {
    draw(text, force = false) {
      const now = Date.now();
      if (now - last < 100 && !force) return;
      last = now;
      drawn = true;
      stream.write(`\r${text}\x1b[K`);
    },
    end() {
      if (drawn) stream.write("\n");
    },
  };
}
