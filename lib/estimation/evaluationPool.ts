import type { ChildProcess } from "node:child_process";
import { forkLibModule } from "../compiled.js";
import { evaluateMoments, type EvaluationRequest, type EvaluationResult } from "./evaluate.js";

/**
 * Long-lived evaluation workers (lib/estimation/evaluationWorker.ts, compiled when the build is fresh: lib/compiled.ts) kept across the batches of an estimation — the
 * sweep pool's scheme (lib/experiment/pool.ts) for runs kept in memory. Each worker takes the next request as soon
 * as it is done; with one job, requests run in this process (no worker to start). Starting a worker costs more than
 * a small evaluation, so a calibration starts them once, not once per batch. A worker that dies fails its evaluation
 * (an error result) and is replaced while requests remain.
 *
 * @example
 * const pool = new EvaluationPool(2);
 * try {
 *   await pool.run(requests, (result) => journal.append(result));
 * } finally {
 *   pool.close();
 * }
 */
export class EvaluationPool {
  private readonly idle: ChildProcess[] = [];
  private readonly all = new Set<ChildProcess>();

  /** @param jobs worker processes (1: evaluate in this process) */
  constructor(readonly jobs: number) {}

  /**
   * Evaluate `requests`, calling `onDone` with each result as it arrives (any order); `signal` stops handing out
   * requests (evaluations in flight finish).
   */
  async run(requests: readonly EvaluationRequest[], onDone: (result: EvaluationResult) => void, signal?: AbortSignal): Promise<void> {
    if (this.jobs <= 1) {
      for (const request of requests) {
        if (signal?.aborted) return;
        onDone(await evaluateMoments(request));
      }
      return;
    }
    const queue = [...requests];
    let running = 0;
    await new Promise<void>((resolve) => {
      const finish = () => running === 0 && (queue.length === 0 || signal?.aborted) && resolve();
      const feed = (worker: ChildProcess) => {
        const request = signal?.aborted ? undefined : queue.shift();
        if (!request) {
          this.idle.push(worker);
          return finish();
        }
        running++;
        const onMessage = (message: EvaluationResult | { ready: true }) => {
          if (!("index" in message)) return;
          cleanup();
          running--;
          onDone(message);
          feed(worker);
        };
        const onExit = (code: number | null, sig: string | null) => {
          cleanup();
          running--;
          this.all.delete(worker);
          onDone({ index: request.index, perSeed: [], error: `its worker process exited (${sig ?? `code ${code}`})` });
          if (queue.length > 0 && !signal?.aborted) this.spawn().then(feed);
          else finish();
        };
        const cleanup = () => {
          worker.off("message", onMessage);
          worker.off("exit", onExit);
        };
        worker.on("message", onMessage);
        worker.on("exit", onExit);
        worker.send(request);
      };
      const wanted = Math.min(this.jobs, queue.length);
      if (wanted === 0) return resolve();
      while (this.all.size < wanted) void this.spawn().then(feed);
      for (const worker of this.idle.splice(0, wanted)) feed(worker);
    });
  }

  /** Stop every worker. */
  close(): void {
    for (const worker of this.all) if (worker.connected) worker.send({ type: "stop" });
    this.all.clear();
    this.idle.length = 0;
  }

  /** Start a worker; resolves when it is ready for a request. */
  private spawn(): Promise<ChildProcess> {
    const worker = forkLibModule("estimation/evaluationWorker");
    this.all.add(worker);
    return new Promise((resolve) => worker.once("message", () => resolve(worker)));
  }
}
