import { fork, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { projectRoot } from "../paths.js";
import { evaluateMoments, type EvaluationRequest, type EvaluationResult } from "./evaluate.js";

/**
 * Evaluate requests on `jobs` long-lived worker processes (lib/estimation/evaluationWorker.ts), each taking the next
 * request as soon as it is done — the sweep pool's scheme (lib/experiment/pool.ts) for runs kept in memory — or, with
 * one job, in this process (no worker to start). `signal` stops handing out requests; evaluations in flight finish.
 * A worker that dies fails its evaluation (an error result) and a new one takes its place.
 *
 * @param requests the evaluations
 * @param jobs worker processes (1: in this process)
 * @param onDone called with each result as it arrives (any order)
 * @param signal stops the pool between evaluations
 * @example
 * await evaluateOnPool(requests, 2, (result) => journal.append(result));
 */
export async function evaluateOnPool(
  requests: readonly EvaluationRequest[],
  jobs: number,
  onDone: (result: EvaluationResult) => void,
  signal?: AbortSignal,
): Promise<void> {
  if (jobs <= 1 || requests.length <= 1) {
    for (const request of requests) {
      if (signal?.aborted) return;
      onDone(await evaluateMoments(request));
    }
    return;
  }
  const queue = [...requests];
  const workers = new Set<ChildProcess>();
  const current = new Map<ChildProcess, EvaluationRequest | null>();
  await new Promise<void>((resolve) => {
    const next = (worker: ChildProcess) => {
      const request = signal?.aborted ? undefined : queue.shift();
      current.set(worker, request ?? null);
      worker.send(request ?? { type: "stop" });
    };
    const spawn = () => {
      const worker = fork(path.join(projectRoot(), "lib", "estimation", "evaluationWorker.ts"), [], {
        execArgv: ["--require", require.resolve("tsx/cjs")],
        stdio: ["ignore", "ignore", "inherit", "ipc"],
        serialization: "advanced",
      });
      workers.add(worker);
      current.set(worker, null);
      worker.on("message", (message: EvaluationResult | { ready: true }) => {
        if ("index" in message) onDone(message);
        next(worker);
      });
      worker.on("exit", (code, sig) => {
        workers.delete(worker);
        const lost = current.get(worker);
        current.delete(worker);
        if (lost) onDone({ index: lost.index, perSeed: [], error: `its worker process exited (${sig ?? `code ${code}`})` });
        if (lost && queue.length > 0 && !signal?.aborted) spawn();
        if (workers.size === 0) resolve();
      });
    };
    for (let k = 0; k < Math.min(jobs, queue.length); k++) spawn();
  });
}
