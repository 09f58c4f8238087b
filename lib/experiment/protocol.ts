import type { RunConfig } from "../run/config.js";

/** Parent → worker: run (or resume) one sweep run into `out`; `stop` finishes the worker. */
export type ToWorker = { type: "run"; index: number; out: string; config: RunConfig; resume: boolean } | { type: "stop" };

/** Worker → parent: a run finished (complete, failed or interrupted), or its live status line (LLM calls, cost). */
export type FromWorker =
  | { type: "ready" }
  | { type: "done"; index: number; status: "complete" | "failed" | "interrupted"; error?: string }
  | { type: "status"; index: number; status: string };
