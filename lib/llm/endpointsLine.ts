import type { EndpointStats } from "./accounting.js";
import type { EndpointStatus } from "./endpointPool.js";

/**
 * The endpoints' part of the progress bar: per endpoint its host, calls in flight / limit (or "out", or "refused"), answered
 * calls and failures; nothing for a single endpoint at a fixed limit with no failures, where it would say nothing new.
 * @example
 * endpointsLine(pool.status(), accounting.byEndpoint); // "gpu1:8000 12/16 340 calls 2 failed | gpu2:8000 out 120 calls 9 failed"
 */
export function endpointsLine(status: readonly EndpointStatus[], stats: Readonly<Record<string, EndpointStats>>): string {
  const quiet = status.length === 1 && status[0].up && !status[0].concurrency.startsWith("auto") && !(stats[status[0].label]?.failures > 0);
  if (quiet) return "";
  return status
    .map((e) => {
      const s = stats[e.label];
      const host = /^\w+:\/\/([^/]+)/.exec(e.label)?.[1] ?? e.label;
      return `${host} ${e.up ? `${e.inFlight}/${e.limit}` : e.refusal ? `refused (HTTP ${e.refusal.status})` : "out"} ${s?.calls ?? 0} calls ${s?.failures ?? 0} failed`;
    })
    .join(" | ");
}
