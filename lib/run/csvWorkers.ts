/**
 * Worker threads that turn decision chunks into CSV bytes while the main thread simulates the next month.
 * Formatting twelve shortest-round-trip numbers per row is the expensive part of writing decisions.csv (a
 * CPU profile of 200,000 × 12 with one thread: 55 % of the time in number → text, 16 % in garbage collection),
 * so with N households per month above {@link WORKERS_FROM} the chunks go round-robin to a few workers and the
 * bytes come back, in order, to be appended by the main thread.
 */
import * as os from "node:os";
import { Worker } from "node:worker_threads";
import { formatDecisionCsv, type CsvLayout, type DecisionChunk } from "./decisionRows.js";

/** Below this many rows a month, starting threads costs more than it saves: the main thread formats. */
export const WORKERS_FROM = 50_000;

/**
 * The worker's program: {@link formatDecisionCsv}'s own source text (so both paths write the same bytes) and a
 * message loop. Chunks arrive with their buffer transferred; the UTF-8 bytes go back transferred.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const formatDecisionCsv = ${formatDecisionCsv.toString()};
parentPort.on("message", (m) => {
  const bytes = formatDecisionCsv(new Float64Array(m.buffer), m.rows, m.columns, workerData.jobColumn, workerData.jobCells);
  parentPort.postMessage({ id: m.id, buffer: bytes.buffer, length: bytes.length }, [bytes.buffer]);
});
`;

/**
 * A pool of formatting threads; {@link format} resolves with the chunk's CSV bytes.
 * @example
 * const workers = new CsvWorkers(csvLayout(["month", "job", "hours"]), 2);
 * const bytes = await workers.format({ rows: 2, columns: 3, values: new Float64Array([1, 1, 1, -1, 160, 0]) });
 * new TextDecoder().decode(bytes); // "1,cashier,160\n1,,0\n"
 * await workers.close();
 */
export class CsvWorkers {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>();
  private next = 0;

  /** `threads` defaults to the machine's cores (at most 4): the main thread mostly waits for them. */
  constructor(layout: CsvLayout, threads = Math.min(4, os.availableParallelism())) {
    this.workers = Array.from({ length: Math.max(1, threads) }, () => {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: layout });
      worker.on("message", (m: { id: number; buffer: ArrayBuffer; length: number }) => {
        const pending = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        pending?.resolve(new Uint8Array(m.buffer, 0, m.length));
      });
      worker.on("error", (error) => this.failAll(error));
      return worker;
    });
  }

  /** Number of threads. */
  get size(): number {
    return this.workers.length;
  }

  /** The chunk's CSV bytes; the chunk's buffer is handed over to the worker (unusable afterwards). */
  format(chunk: DecisionChunk): Promise<Uint8Array> {
    const id = this.next++;
    const worker = this.workers[id % this.workers.length];
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const buffer = chunk.values.buffer as ArrayBuffer;
      worker.postMessage({ id, buffer, rows: chunk.rows, columns: chunk.columns }, [buffer]);
    });
  }

  /** Stop the worker threads. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private failAll(error: Error): void {
    for (const pending of this.waiting.values()) pending.reject(error);
    this.waiting.clear();
  }
}
