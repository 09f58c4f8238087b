import type { EconomyState } from "../../economy/state.js";
import { CALL_TYPES, type Accounting, type CallStats, type EndpointStats } from "../../llm/accounting.js";
import type { LlmClient } from "../../llm/client.js";
import { createRng, shuffle } from "../../rng.js";

/**
 * How households are split among the populations: a seeded draw, or by rank of an initial attribute.
 * @example
 * POPULATION_ORDERS.includes("wage"); // true
 */
export const POPULATION_ORDERS = ["draw", "wage", "age"] as const;
/** How households are assigned to populations: one of {@link POPULATION_ORDERS}. */
export type PopulationOrder = (typeof POPULATION_ORDERS)[number];

/**
 * Exact counts for shares that sum to 1: each population gets ⌊share·N⌋ households and the households left over go,
 * one each, to the largest remainders (Hamilton's method; ties to the earlier population), so the counts sum to N
 * and no count is more than one household from share·N.
 * @example
 * populationCounts([0.3, 0.7], 100); // [30, 70]
 * populationCounts([1 / 3, 1 / 3, 1 / 3], 100); // [34, 33, 33]
 */
export function populationCounts(shares: readonly number[], households: number): number[] {
  const exact = shares.map((s) => s * households);
  const counts = exact.map((x) => Math.floor(x + 1e-9));
  const left = households - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((_, k) => k).sort((a, b) => exact[b] - counts[b] - (exact[a] - counts[a]) || a - b);
  for (let k = 0; k < left; k++) counts[byRemainder[k % byRemainder.length]]++;
  return counts;
}

/**
 * Each household's population (an index into `shares`), fixed for the run. `draw`: a uniformly random assignment
 * with exactly {@link populationCounts} members each, from its own stream of the run's seed (the simulation's draws
 * are the same with or without populations); `wage` / `age`: households ranked by their initial wage or age
 * (ties by household id), the lowest share·N to the first population, the next to the second, and so on.
 * @example
 * assignPopulations([0.3, 0.7], "wage", economy, 1); // Uint8Array: 0 for the 30 lowest initial wages, else 1
 */
export function assignPopulations(
  shares: readonly number[],
  order: PopulationOrder,
  economy: Pick<Readonly<EconomyState>, "n" | "wage" | "age">,
  seed: number | string,
): Uint8Array {
  const n = economy.n;
  const ranked = Int32Array.from({ length: n }, (_, i) => i);
  if (order === "draw") shuffle(createRng(`${String(seed)}/populations`), ranked);
  else {
    const key = order === "wage" ? economy.wage : economy.age;
    ranked.sort((a, b) => key[a] - key[b] || a - b);
  }
  const of = new Uint8Array(n);
  let next = 0;
  populationCounts(shares, n).forEach((count, p) => {
    for (let k = 0; k < count; k++) of[ranked[next++]] = p;
  });
  return of;
}

/** A population's call accounting as the manifest records it. */
export type AccountingJson = ReturnType<Accounting["toJSON"]>;

const add = <T extends object>(into: T, from: T) => {
  for (const k of Object.keys(from) as (keyof T)[]) (into[k] as number) += from[k] as number;
};

/**
 * The run's accounting over several populations' (each priced at its own model's prices): calls, tokens and
 * fallbacks per call type and per endpoint summed, the cost the sum of the populations' costs.
 * @example
 * combinedAccounting([cheap, dear]).estimated_cost_usd; // cheap.costUsd() + dear.costUsd()
 */
export function combinedAccounting(accountings: readonly Accounting[]): Omit<AccountingJson, "prices_usd_per_million"> {
  const parts = accountings.map((a) => a.toJSON());
  const byType = Object.fromEntries(CALL_TYPES.map((t) => [t, { ...parts[0].by_type[t] }])) as Record<(typeof CALL_TYPES)[number], CallStats>;
  const total = { ...parts[0].total };
  const byEndpoint: Record<string, EndpointStats> = {};
  parts.forEach((part, k) => {
    if (k > 0) {
      for (const t of CALL_TYPES) add(byType[t], part.by_type[t]);
      add(total, part.total);
    }
    for (const [url, stats] of Object.entries(part.by_endpoint)) {
      if (byEndpoint[url]) add(byEndpoint[url], stats);
      else byEndpoint[url] = { ...stats };
    }
  });
  return { by_type: byType, total, by_endpoint: byEndpoint, estimated_cost_usd: parts.reduce((sum, p) => sum + p.estimated_cost_usd, 0) };
}

/**
 * Each population's share of the run for the manifest: its model, households and own accounting (calls, tokens,
 * cost at its model's prices, fallbacks), which add up to the run's {@link combinedAccounting}.
 * @example
 * populationAccounting(setup, clients, population)[0]; // { name: "small", model: "m-small", share: 0.3, households: 30, accounting: {…} }
 */
export function populationAccounting(
  setup: { names: readonly string[]; shares: readonly number[] },
  clients: readonly LlmClient[],
  population: Uint8Array,
): { name: string; model: string; share: number; households: number; accounting: AccountingJson }[] {
  const households = new Array<number>(clients.length).fill(0);
  for (const p of population) households[p]++;
  return clients.map((c, k) => ({ name: setup.names[k], model: c.model, share: setup.shares[k], households: households[k], accounting: c.accounting.toJSON() }));
}

/**
 * The progress bar's status with several populations: each population's calls, tokens and cost.
 * @example
 * populationsStatusLine(["small", "large"], accountings); // "small: calls 120 (cached 0) …  |  large: calls 280 …"
 */
export function populationsStatusLine(names: readonly string[], accountings: readonly Accounting[]): string {
  return accountings.map((a, k) => `${names[k]}: ${a.statusLine()}`).join("  |  ");
}

/**
 * The backends' settings for the manifest: one object for a single endpoint, else one per endpoint.
 * @example
 * backendSettings([client]); // { baseURL: "http://127.0.0.1:8000/v1", … } for one endpoint
 */
export function backendSettings(clients: readonly LlmClient[]): Record<string, unknown> | Record<string, unknown>[] {
  const backends = clients.flatMap((c) => c.backends);
  return backends.length === 1 ? backends[0].settings : backends.map((b) => b.settings);
}
