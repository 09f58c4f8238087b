import * as fs from "node:fs";
import type { EvaluationResult } from "./evaluate.js";

/** One finished evaluation as journaled: where it sits (batch, sampler), its parameter values and its moments. */
export interface JournalEntry extends EvaluationResult {
  batch: number;
  sampler: string;
  values: number[];
}

/** An open journal: the entries read back, and how to add one. */
export interface Journal {
  /** Finished evaluations by index. */
  entries: Map<number, JournalEntry>;
  /** Append an entry (written at once: a killed process loses nothing appended). */
  append(entry: JournalEntry): void;
}

/**
 * The evaluations an estimation has finished, one JSON line each, written as each finishes (in any order), so a
 * `kill -9` loses at most the evaluations in flight. Not fsync'ed: the kernel keeps what a killed process wrote,
 * and only a machine crash can lose the last entries, which a resumed estimation then evaluates again (an fsync per
 * evaluation cost a 318-evaluation calibration half a second of its serial part). Reading it back drops a line cut
 * short (and cuts the file back to the last whole line), so a resumed estimation appends after whole entries only.
 *
 * @example
 * const journal = openJournal("out/cal/evaluations.jsonl");
 * journal.entries.size; // evaluations already done
 * journal.append(entry);
 */
export function openJournal(file: string): Journal {
  const entries = new Map<number, JournalEntry>();
  if (fs.existsSync(file)) {
    const text = fs.readFileSync(file, "utf8");
    let good = 0;
    for (let start = 0; start < text.length; ) {
      const end = text.indexOf("\n", start);
      if (end < 0) break;
      let entry: JournalEntry;
      try {
        entry = JSON.parse(text.slice(start, end)) as JournalEntry;
      } catch {
        break;
      }
      entries.set(entry.index, entry);
      start = good = end + 1;
    }
    if (good < text.length) fs.truncateSync(file, Buffer.byteLength(text.slice(0, good)));
  }
  const fd = fs.openSync(file, "a");
  return {
    entries,
    append(entry) {
      fs.writeSync(fd, JSON.stringify(entry) + "\n");
      entries.set(entry.index, entry);
    },
  };
}
