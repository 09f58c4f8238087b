import type { Identities } from "../../economy/initialize.js";
import type { Decisions, HouseholdPolicy, MonthContext } from "../../economy/policy.js";
import type { Accounting } from "../../llm/accounting.js";
import type { LlmClient } from "../../llm/client.js";
import { DEFAULT_MAX_FALLBACK_SHARE, TooManyFallbacks } from "../../llm/runStops.js";
import { endpointsLine } from "../../llm/endpointsLine.js";
import { DialogueMemory, type MemorySnapshot } from "./memory.js";
import type { FieldChecks } from "../../readBack.js";
import { applyOutcome, asker, outcomeRecord } from "./asking.js";
import { decisionPrompt, REFLECTION_PROMPT, systemPrompt, type BankTerms } from "./prompts.js";
import { perceptionFacts } from "./perception.js";
import { assignPopulations, backendSettings, combinedAccounting, populationAccounting, populationsStatusLine, type PopulationOrder } from "./populations.js";

export { BANK_FALLBACK, FALLBACK } from "./asking.js";

/** The populations of a run (config `populations`): several models in one economy, households assigned once. */
export interface PopulationSetup {
  names: readonly string[];
  /** Shares of the households, summing to 1, in the order of `names` (and of the policy's clients). */
  shares: readonly number[];
  order: PopulationOrder;
  /** The run's seed: a drawn assignment comes from its own stream of it. */
  seed: number | string;
}

/** What {@link llmPolicy} needs: the model clients (one per population), who the households are, and the agent's settings (memory, reflection, perception, tokens, re-asks, the regime described). */
export interface LlmPolicyOptions {
  /** One client per population (in the order of `populations.names`); a single client without populations. */
  clients: readonly LlmClient[];
  /** Null: every household asks clients[0]. */
  populations: PopulationSetup | null;
  identities: Identities;
  city: string;
  hoursPerMonth: number;
  months: number;
  /** Months of dialogue remembered (L); 0 = the "w/o memory" ablation. */
  memory: number;
  /** Quarterly reflection on/off ("w/o reflection" ablation). */
  reflection: boolean;
  /** Perception framing on/off ("w/o perception" ablation: bare numbers only). */
  perception: boolean;
  temperature: number;
  decisionMaxTokens: number;
  reflectionMaxTokens: number;
  /** Re-asks after an unreadable answer, before the fallback. */
  maxReasks: number;
  /**
   * A month in which more than this share of the decisions fell back stops the run ({@link TooManyFallbacks}),
   * before the month is used. Default {@link DEFAULT_MAX_FALLBACK_SHARE}; 1 never stops.
   */
  maxFallbackShare?: number;
  /** Sampling seed sent with every request (backends that accept one). */
  seed: number | null;
  /** The sentence describing the redistribution scheme in force. */
  redistributionText: string;
  /** With `--bank on`, the bank's terms (system message) — households then also answer `saving` and `borrow`. */
  bank?: BankTerms | null;
  /** Receives one JSON-able record per decision and reflection, in household order. */
  transcript: (record: Record<string, unknown>) => void;
}

interface Snapshot {
  memory: MemorySnapshot;
  lastWage: number[];
  lastPrice: number;
  /** Calls and spend so far, so a resumed run's accounting (and its budget) covers the whole run. */
  accounting?: ReturnType<Accounting["toJSON"]>;
  /** With populations: each population's accounting, in order (then `accounting` is absent). */
  populations?: ReturnType<Accounting["toJSON"]>[];
}

/**
 * EconAgent's LLM households (paper §3, docs/model.md §6): each month every household gets a perception prompt built
 * from its state, answers with work and consumption propensities (parsed, snapped to the 0.02 grid, re-asked
 * when unreadable, else the counted official fallback), remembers the last L months, and reflects at each
 * quarter end. All households' calls of a month run concurrently through the client.
 * @example
 * const households = llmPolicy({ clients: [client], populations: null, identities, city, hoursPerMonth: 168, months: 240, memory: 1, reflection: true, perception: true, ...rest });
 * households.name; // "llm"; each month's decide() asks the model once per household (plus re-asks), falling back to FALLBACK = { work: 1, consumption: 0.5 }
 */
export function llmPolicy(options: LlmPolicyOptions): HouseholdPolicy {
  const { clients, identities } = options;
  /** Each household's population (index into `clients`), fixed at init; all 0 without populations. */
  let population: Uint8Array = new Uint8Array(0);
  const clientOf = (i: number) => clients[population[i]];
  const system = systemPrompt({ redistribution: options.redistributionText }, { perception: options.perception, bank: options.bank ?? null });
  const banking = Boolean(options.bank);
  const ask = asker({ ...options, banking });
  const maxFallbackShare = options.maxFallbackShare ?? DEFAULT_MAX_FALLBACK_SHARE;
  let memory = new DialogueMemory(0, options.memory);
  let lastWage = new Float64Array(0);
  let lastPrice = 0;

  const facts = (ctx: MonthContext, i: number) =>
    perceptionFacts(ctx, i, { identities, city: options.city, hoursPerMonth: options.hoursPerMonth, lastWage, lastPrice, bank: banking });

  const populations = options.populations;
  const accountings = clients.map((c) => c.accounting);
  const accounting = () => (populations ? combinedAccounting(accountings) : accountings[0].toJSON());
  return {
    name: "llm",
    init(economy) {
      population = populations ? assignPopulations(populations.shares, populations.order, economy, populations.seed) : new Uint8Array(economy.n);
      memory = new DialogueMemory(economy.n, options.memory);
      lastWage = Float64Array.from(economy.wage);
      lastPrice = economy.price;
    },

    async decide(ctx: MonthContext, out: Decisions) {
      const n = ctx.economy.n;
      if (ctx.month === 1) options.transcript({ kind: "system", content: system });
      const prompts = Array.from({ length: n }, (_, i) => decisionPrompt(facts(ctx, i), { perception: options.perception }));
      const outcomes = await Promise.all(prompts.map((prompt, i) => ask.decide(clientOf(i), memory, i, system, prompt)));
      const fellBack = outcomes.filter((o) => o.fallback);
      // Checked before anything of the month is kept: a resumed run asks this month again.
      if (fellBack.length > maxFallbackShare * n) {
        throw new TooManyFallbacks(ctx.month, fellBack.length, n, maxFallbackShare, fellBack[fellBack.length - 1].error ?? "");
      }
      outcomes.forEach((o, i) => {
        applyOutcome(out, i, o);
        memory.remember(i, { prompt: prompts[i], answer: o.answer });
        options.transcript({ month: ctx.month, household: i, kind: "decision", prompt: prompts[i], ...outcomeRecord(o) });
      });
      lastWage = Float64Array.from(ctx.economy.wage);
      lastPrice = ctx.economy.price;
    },

    async observe(ctx: MonthContext) {
      if (ctx.month % 3 !== 0 || ctx.month >= options.months) return; // quarter ends; none after the last month
      if (options.reflection) {
        const n = ctx.economy.n;
        const answers = await Promise.all(Array.from({ length: n }, (_, i) => ask.reflect(clientOf(i), memory, i, system)));
        answers.forEach((answer, i) => {
          if (answer !== null) memory.reflect(i, { prompt: REFLECTION_PROMPT, answer });
          options.transcript({ month: ctx.month, household: i, kind: "reflection", answer });
        });
      }
      memory.endQuarter();
    },

    ...(populations ? { populations: populations.names, populationOf: (i: number) => populations.names[population[i]] } : {}),
    snapshot: (): Snapshot => ({
      memory: memory.snapshot(), lastWage: Array.from(lastWage), lastPrice,
      ...(populations ? { populations: accountings.map((a) => a.toJSON()) } : { accounting: accountings[0].toJSON() }),
    }),
    restore(saved: unknown, at: FieldChecks, field: string) {
      const s = at.object(saved, field);
      const wages = at.array(s.lastWage, `${field}.lastWage`);
      if (wages.length !== lastWage.length) at.fail(`${field}.lastWage`, `${wages.length} households`, `one wage per household (${lastWage.length})`);
      wages.forEach((w, i) => at.number(w, `${field}.lastWage[${i}]`));
      const price = at.number(s.lastPrice, `${field}.lastPrice`);
      // Saved accounting, one per population (a run without populations saves one, as `accounting`).
      const accounted = populations ? at.array(s.populations, `${field}.populations`) : s.accounting === undefined ? [] : [s.accounting];
      if (populations && accounted.length !== accountings.length) at.fail(`${field}.populations`, `${accounted.length} populations`, `one accounting per population (${accountings.length})`);
      accounted.forEach((a, k) => checkAccounting(a, at, populations ? `${field}.populations[${k}]` : `${field}.accounting`));
      memory.restore(s.memory, at, `${field}.memory`);
      accounted.forEach((a, k) => accountings[k].restore(a as NonNullable<Snapshot["accounting"]>));
      lastWage = Float64Array.from(wages as number[]);
      lastPrice = price;
    },
    status: () =>
      [
        populations ? populationsStatusLine(populations.names, accountings) : accountings[0].statusLine(),
        ...clients.map((c) => endpointsLine(c.endpoints.status(), c.accounting.byEndpoint)),
      ].filter((s) => s !== "").join("  "),
    spentUsd: () => accountings.reduce((sum, a) => sum + a.costUsd(), 0),
    describe: () => ({
      backend: clients[0].kind,
      model: populations ? clients.map((c) => c.model) : clients[0].model,
      backend_settings: backendSettings(clients),
      memory: options.memory,
      reflection: options.reflection,
      perception: options.perception,
      temperature: options.temperature,
      max_concurrency_reached: clients.reduce((sum, c) => sum + c.maxActive, 0),
      endpoints: clients.flatMap((c) => c.endpoints.status()).map((e) => ({
        url: e.label, model: e.model, concurrency: e.concurrency, limit_reached: e.limitReached, limit_final: e.limit,
        max_in_flight: e.maxInFlight, taken_out: e.takenOut,
        ...(e.refusal ? { refused: `HTTP ${e.refusal.status}` } : {}),
      })),
      accounting: accounting(),
      ...(populations ? { populations: populationAccounting(populations, clients, population) } : {}),
    }),
    close: async () => {
      for (const c of clients) c.close();
      await Promise.all(clients.flatMap((c) => c.backends).map((b) => b.close?.()));
    },
  };
}

/** The counts a checkpoint carries for the accounting: per call type and per endpoint, every count a number. */
function checkAccounting(v: unknown, at: FieldChecks, field: string): void {
  const a = at.object(v, field);
  const counts = (x: unknown, f: string) => at.record(x, f, (c, g) => at.number(c, g));
  at.record(a.by_type, `${field}.by_type`, counts);
  if (a.by_endpoint !== undefined) at.record(a.by_endpoint, `${field}.by_endpoint`, counts);
}
