import type { ChildProcess } from "node:child_process";
import { forkLibModule } from "../compiled.js";
import { EndpointPermits } from "./permits.js";
import type { FromWorker, ToWorker } from "./protocol.js";

/** One run a worker is asked to do: its index, directory and configuration. */
export type RunRequest = Extract<ToWorker, { type: "run" }>;
/** A worker's answer when a run ends: its index and final status. */
export type RunResult = Extract<FromWorker, { type: "done" }>;

/** What {@link runOnPool} reports as runs progress. */
export interface PoolHandlers {
  /** A run ended (complete, failed or interrupted). */
  onDone(result: RunResult): void;
  /** A live status line of a run in flight (an LLM run's calls and cost). */
  onStatus?(index: number, status: string): void;
  /**
   * Called, one at a time, before a request is handed out (`left`: requests still queued after it): the request to
   * send (e.g. with a budget), or null to hand out nothing more (a whole-sweep budget is used up).
   */
  admit?(request: RunRequest, left: number): Promise<RunRequest | null>;
}

/**
 * Run requests on `jobs` long-lived worker processes (lib/experiment/worker.ts, compiled when the build is fresh:
 * lib/compiled.ts), each taking the next request as soon as it finishes one. The parent only hands out requests and collects one message per run, so it is never the
 * bottleneck. Model calls of LLM cells take their slots from one limit per endpoint held here
 * (lib/experiment/permits.ts); the response cache is one directory in which every run appends to a pack file of
 * its own (lib/llm/packStore.ts). A worker that dies (killed, out of memory) fails its current run, and a new
 * worker takes its place while requests remain; `signal` stops handing out requests and interrupts the runs in
 * flight at their next month.
 *
 * @example
 * await runOnPool(requests, 2, { onDone: (r) => console.log(r.index, r.status) });
 */
export function runOnPool(requests: readonly RunRequest[], jobs: number, handlers: PoolHandlers, signal?: AbortSignal): Promise<void> {
  const queue = [...requests];
  const workers = new Set<ChildProcess>();
  const current = new Map<ChildProcess, RunRequest | null>();
  const permits = new EndpointPermits();
  let admitting = Promise.resolve();
  return new Promise<void>((resolve) => {
    const hand = (worker: ChildProcess, request: RunRequest | undefined) => {
      if (!workers.has(worker)) {
        if (request) queue.unshift(request); // it died while its request was being admitted
        return;
      }
      current.set(worker, request ?? null);
      if (request) worker.send(request);
      else worker.send({ type: "stop" } satisfies ToWorker);
    };
    const next = (worker: ChildProcess) => {
      const request = signal?.aborted ? undefined : queue.shift();
      const admit = handlers.admit;
      if (!request || !admit) {
        hand(worker, request);
        return;
      }
      current.set(worker, null);
      // One admission at a time, so each sees the ones before it; one that fails fails its run.
      admitting = admitting.then(async () => {
        let admitted: RunRequest | null;
        try {
          admitted = signal?.aborted ? null : await admit(request, queue.length);
        } catch (error) {
          handlers.onDone({ type: "done", index: request.index, status: "failed", error: error instanceof Error ? error.message : String(error) });
          return next(worker);
        }
        if (admitted === null) queue.length = 0;
        hand(worker, admitted ?? undefined);
      });
    };
    const spawn = () => {
      const worker = forkLibModule("experiment/worker");
      workers.add(worker);
      current.set(worker, null);
      worker.on("message", (message: FromWorker) => {
        if (message.type === "acquire") permits.acquire(worker, message);
        else if (message.type === "release") permits.release(worker, message.id);
        else if (message.type === "ready") next(worker);
        else if (message.type === "status") handlers.onStatus?.(message.index, message.status);
        else {
          handlers.onDone(message);
          next(worker);
        }
      });
      worker.on("exit", (code, sig) => {
        permits.releaseAll(worker);
        workers.delete(worker);
        const lost = current.get(worker);
        current.delete(worker);
        if (lost) handlers.onDone({ type: "done", index: lost.index, status: "failed", error: `its worker process exited (${sig ?? `code ${code}`})` });
        if (lost && queue.length > 0 && !signal?.aborted) spawn();
        if (workers.size === 0) resolve();
      });
    };
    signal?.addEventListener("abort", () => {
      for (const [worker, request] of current) if (request) worker.kill("SIGINT");
    });
    const count = Math.min(jobs, queue.length);
    if (count === 0) resolve();
    for (let k = 0; k < count; k++) spawn();
  });
}
