/**
 * The report's section for a run with config `populations` (several models in one economy): each population's
 * households, model, outcomes over the run and what its calls cost.
 */
import type { PopulationRow } from "../run/populationRows.js";
import { formatTable, type TableRow } from "./table.js";

/** A population as the manifest describes it (lib/households/llm/populations.ts `populationAccounting`). */
interface DescribedPopulation {
  name: string;
  model: string;
  accounting?: { total?: { calls?: number; fallbacks?: number }; estimated_cost_usd?: number };
}

/**
 * One row per population: households, model, the mean over the run of its monthly unemployment rate (its
 * unemployed household-months over all its household-months), income and consumption propensity, and its calls,
 * fallbacks and cost from the manifest's per-population accounting.
 * @example
 * populationSummaryRows(run.populations, run.manifest)[0]; // { population: "small", model: "m-small", households: 30, unemployment_rate: 0.06, … }
 */
export function populationSummaryRows(rows: readonly PopulationRow[], manifest: Record<string, unknown>): TableRow[] {
  const described = ((manifest.households_model as { populations?: DescribedPopulation[] } | undefined)?.populations ?? []);
  const names = [...new Set(rows.map((r) => String(r.population)))];
  return names.map((name) => {
    const own = rows.filter((r) => r.population === name);
    const mean = (key: keyof PopulationRow) => own.reduce((s, r) => s + Number(r[key]), 0) / own.length;
    const d = described.find((p) => p.name === name);
    return {
      population: name, model: d?.model ?? null, households: Number(own[0].households),
      unemployment_rate: mean("unemployment_rate"), mean_income: mean("mean_income"),
      mean_consumption_propensity: mean("mean_consumption_propensity"),
      calls: d?.accounting?.total?.calls ?? null, fallbacks: d?.accounting?.total?.fallbacks ?? null, cost_usd: d?.accounting?.estimated_cost_usd ?? null,
    };
  });
}

/**
 * The section as text: a title and the table of {@link populationSummaryRows}.
 * @example
 * formatPopulations(run.populations, run.manifest); // "By population (config populations; monthly rows in populations.csv):\n…"
 */
export function formatPopulations(rows: readonly PopulationRow[], manifest: Record<string, unknown>): string {
  return [
    "By population (config populations; monthly rows in populations.csv):",
    formatTable(populationSummaryRows(rows, manifest), [
      { key: "population", header: "Population", format: "str" },
      { key: "model", header: "Model", format: "str" },
      { key: "households", header: "Households", format: "int" },
      { key: "unemployment_rate", header: "Unemp %", format: "pct" },
      { key: "mean_income", header: "Mean income", format: "money" },
      { key: "mean_consumption_propensity", header: "Cons. prop.", format: "num" },
      { key: "calls", header: "Calls", format: "int" },
      { key: "fallbacks", header: "Fallbacks", format: "int" },
      { key: "cost_usd", header: "Cost $", format: "num" },
    ]),
  ].join("\n");
}
