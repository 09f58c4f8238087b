/**
 * A long-lived sweep worker (forked by {@link WorkerPool}): runs one sweep run after another through the same
 * code path as `econagent run` (runExperiment / resumeExperiment), so each run directory is byte-identical to
 * that command's. Loading the code once per worker instead of once per run matters: a 100 × 240 rule-based run
 * takes a fraction of a second, less than starting Node with tsx.
 */
import { BudgetExhausted } from "../run/budget.js";
import { RunInterrupted, resumeExperiment, runExperiment } from "../run/runExperiment.js";
import { shareCallLimits } from "../llm/callLimits.js";
import { parentPermits } from "./permits.js";
import type { FromWorker, ToWorker } from "./protocol.js";

const stop = new AbortController();
// Ctrl-C reaches the whole process group: finish the month, mark the run interrupted, let the parent report it.
process.on("SIGINT", () => stop.abort());
process.on("SIGTERM", () => stop.abort());
// The parent is gone (killed): stop at the next month boundary rather than run on unobserved; a rerun resumes.
process.on("disconnect", () => stop.abort());

const send = (message: FromWorker) => process.send?.(message);
// Model calls take their slots from the parent: one limit per endpoint across every worker of the sweep.
const permits = parentPermits(send);
shareCallLimits(permits.factory);

async function execute(request: Extract<ToWorker, { type: "run" }>): Promise<void> {
  let lastStatus = 0;
  const onProgress = (p: { status?: string }) => {
    const now = Date.now();
    if (p.status && now - lastStatus > 500) {
      lastStatus = now;
      send({ type: "status", index: request.index, status: p.status });
    }
  };
  const common = { onProgress, signal: stop.signal, ...(request.budget ? { budget: request.budget } : {}) };
  try {
    if (request.resume) await resumeExperiment(request.out, common);
    else await runExperiment(request.config, { ...common, out: request.out, force: true });
    send({ type: "done", index: request.index, status: "complete" });
  } catch (error) {
    const status = error instanceof RunInterrupted ? "interrupted" : error instanceof BudgetExhausted ? "budget" : "failed";
    send({ type: "done", index: request.index, status, error: error instanceof Error ? error.message : String(error) });
  }
}

process.on("message", (message: ToWorker) => {
  if (message.type === "grant") permits.grant(message.id);
  else if (message.type === "stop") process.disconnect();
  else void execute(message);
});
send({ type: "ready" });
