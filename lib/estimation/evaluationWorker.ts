/**
 * A long-lived evaluation worker (forked by lib/estimation/evaluationPool.ts): evaluates one parameter vector after
 * another in memory and sends back each seed's moments. Like the sweep workers (lib/experiment/worker.ts), it loads
 * the code once: an evaluation of a small economy takes less time than starting Node with tsx.
 */
import { evaluateMoments, type EvaluationRequest } from "./evaluate.js";

process.on("disconnect", () => process.exit(0));
process.on("message", (message: EvaluationRequest | { type: "stop" }) => {
  if ("type" in message) process.disconnect();
  else void evaluateMoments(message).then((result) => process.send?.(result));
});
process.send?.({ ready: true });
