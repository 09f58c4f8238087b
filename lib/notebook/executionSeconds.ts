import * as fs from "node:fs";

/**
 * Wall time of a notebook's last execution, in seconds: from its first cell's start to its last cell's end, by the
 * timestamps nbclient records in each cell's metadata; null when it holds none (never executed).
 * @example
 * executionSeconds("notebooks/06-ai-economist.ipynb"); // e.g. 157.2
 */
export function executionSeconds(file: string): number | null {
  const cells = JSON.parse(fs.readFileSync(file, "utf8")).cells as { metadata?: { execution?: Record<string, string> } }[];
  const times = cells.flatMap((c) => Object.values(c.metadata?.execution ?? {})).map((t) => Date.parse(t)).filter((t) => Number.isFinite(t));
  return times.length === 0 ? null : (Math.max(...times) - Math.min(...times)) / 1000;
}
