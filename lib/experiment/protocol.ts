import type { RunConfig } from "../run/config.js";

/**
 * Parent → worker: run (or resume) one sweep run into `out` (under `budget`: its share of a whole-sweep --max-cost); `grant` a model-call slot the worker asked for;
 * `stop` finishes the worker.
 */
export type ToWorker =
  | { type: "run"; index: number; out: string; config: RunConfig; resume: boolean; budget?: { maxCostUsd: number; monthlyCostUsd: readonly number[] } }
  | { type: "grant"; id: number }
  | { type: "stop" };

/**
 * Worker → parent: ready for a run; a run finished (complete, failed, interrupted, or stopped by its budget); its live status line (LLM
 * calls, cost); `acquire`/`release` a slot of an endpoint's shared call limit.
 */
export type FromWorker =
  | { type: "ready" }
  | { type: "done"; index: number; status: "complete" | "failed" | "interrupted" | "budget"; error?: string }
  | { type: "status"; index: number; status: string }
  | { type: "acquire"; id: number; endpoint: string; concurrency: number }
  | { type: "release"; id: number };
