/**
 * LLM households asked once per archetype (`--archetypes K`, docs/llm-at-scale.md): each month the households are
 * grouped (archetypes.ts), each non-empty group's prompt is the perception prompt of its representative — a real
 * member — asked in the group's own dialogue memory, and the answer's propensities govern every member; each
 * member's work draw, income, tax and spending stay its own (the economy does those, docs/model.md §3). An audit
 * panel (`--audit A`) of households are full EconAgent households asked individually with their own memory and
 * reflections; their own answers govern them, and the gap between their answers and their archetype's is the
 * run's measure of what grouping costs (`audit.csv`, `summary.json`).
 */
import { jStat } from "jstat";
import type { Decisions, HouseholdPolicy, MonthContext } from "../../economy/policy.js";
import type { FieldChecks } from "../../readBack.js";
import { groupHouseholds, type Archetypes } from "./archetypes.js";
import { applyOutcome, asker, outcomeRecord, type Outcome } from "./asking.js";
import { llmPolicy, type LlmPolicyOptions } from "./llmPolicy.js";
import { DialogueMemory, type MemorySnapshot } from "./memory.js";
import { perceptionFacts } from "./perception.js";
import { assignPopulations, populationAccounting } from "./populations.js";
import { decisionPrompt, REFLECTION_PROMPT, systemPrompt } from "./prompts.js";

/**
 * The columns of `audit.csv`, one row per month: the archetypes asked, the audited households, and the mean
 * absolute (gap) and mean signed (bias: own − archetype) differences of the audited households' own propensities
 * from their archetype's.
 * @example
 * AUDIT_COLUMNS[3]; // "work_gap"
 */
export const AUDIT_COLUMNS = ["month", "archetypes", "audited", "work_gap", "consumption_gap", "work_bias", "consumption_bias"] as const;

/** The four audit measures, in the order of {@link AUDIT_COLUMNS} after `audited`. */
const MEASURES = ["work_gap", "consumption_gap", "work_bias", "consumption_bias"] as const;

/** The LLM households' options, plus the archetypes' and the audit's. */
export interface ArchetypeOptions extends LlmPolicyOptions {
  /** K: at most this many archetypes a month (more only when there are more populations). */
  archetypes: number;
  /** The audit panel, increasing household indices (empty: no audit). */
  audit: Int32Array;
  /** Receives each month's audit row (the values of {@link AUDIT_COLUMNS}); called only with an audit panel. */
  auditRow: (row: number[]) => void;
}

interface Snapshot {
  /** The per-household policy's snapshot: its accounting (its memory and wages are empty, never used). */
  base: unknown;
  lastWage: number[];
  lastPrice: number;
  groupMemory: MemorySnapshot;
  auditMemory: MemorySnapshot;
  previousGroup: number[];
  gapSums: number[];
  auditMonths: number;
}

/**
 * LLM households grouped into archetypes, with an optional audit panel (see the module comment).
 * @example
 * const households = archetypePolicy({ ...llmOptions, archetypes: 100, audit: Int32Array.of(3, 17), population: null, auditRow: (row) => console.log(row) });
 * // each month: at most 100 archetype decisions plus 2 audited households' own decisions
 */
export function archetypePolicy(options: ArchetypeOptions): HouseholdPolicy {
  const { clients, identities, audit, populations } = options;
  /** Each household's population (index into `clients`), fixed at init as llmPolicy assigns it; all 0 without populations. */
  let population: Uint8Array = new Uint8Array(0);
  const base = llmPolicy(options);
  const banking = Boolean(options.bank);
  const system = systemPrompt({ redistribution: options.redistributionText }, { perception: options.perception, bank: options.bank ?? null });
  const ask = asker({ ...options, banking });
  let groupMemory = new DialogueMemory(0, options.memory);
  const auditMemory = new DialogueMemory(audit.length, options.memory);
  let audited: Uint8Array = new Uint8Array(0);
  let previousGroup: Int32Array = new Int32Array(0);
  let groups: Archetypes | null = null;
  /** The population of each of the current groups (a group never mixes populations). */
  let groupPopulation = new Uint8Array(0);
  let lastWage = new Float64Array(0);
  let lastPrice = 0;
  /** Per audited household: the sums over months of each measure (abs and signed, work and consumption). */
  const gapSums = new Float64Array(audit.length * MEASURES.length);
  let auditMonths = 0;

  const promptOf = (ctx: MonthContext, i: number) =>
    decisionPrompt(
      perceptionFacts(ctx, i, { identities, city: options.city, hoursPerMonth: options.hoursPerMonth, lastWage, lastPrice, bank: banking }),
      { perception: options.perception },
    );

  /** Each new group continues the dialogue of the previous month's group most of its members were in (lowest on a tie). */
  function predecessors(next: Archetypes): Int32Array {
    const from = new Int32Array(next.count).fill(-1);
    if (groups === null) return from;
    const before = groups.count;
    const counts = new Int32Array(next.count * before);
    for (let i = 0; i < next.group.length; i++) counts[next.group[i] * before + previousGroup[i]]++;
    for (let g = 0; g < next.count; g++) {
      let best = 0;
      for (let p = 1; p < before; p++) if (counts[g * before + p] > counts[g * before + best]) best = p;
      from[g] = best;
    }
    return from;
  }

  function recordAudit(month: number, now: Archetypes, outcomes: Outcome[], own: Outcome[]): void {
    const row = [0, 0, 0, 0];
    own.forEach((o, a) => {
      const g = outcomes[now.group[audit[a]]];
      const dw = o.work - g.work;
      const dc = o.consumption - g.consumption;
      const values = [Math.abs(dw), Math.abs(dc), dw, dc];
      values.forEach((v, m) => {
        row[m] += v;
        gapSums[a * MEASURES.length + m] += v;
      });
    });
    auditMonths++;
    options.auditRow([month, now.count, audit.length, ...row.map((v) => v / audit.length)]);
  }

  return {
    ...base,
    name: "llm",
    init(economy) {
      population = populations ? assignPopulations(populations.shares, populations.order, economy, populations.seed) : new Uint8Array(economy.n);
      audited = new Uint8Array(economy.n);
      for (const i of audit) audited[i] = 1;
      previousGroup = new Int32Array(economy.n);
      lastWage = Float64Array.from(economy.wage);
      lastPrice = economy.price;
    },

    async decide(ctx: MonthContext, out: Decisions) {
      if (ctx.month === 1) options.transcript({ kind: "system", content: system });
      const debt = ctx.bank ? ctx.bank.state.debt : null;
      const source = { economy: ctx.economy, month: ctx.month, hoursPerMonth: options.hoursPerMonth, debt, population: populations ? population : null };
      const now = groupHouseholds(source, options.archetypes, audited);
      groupMemory.inherit(predecessors(now));
      const prompts = Array.from(now.representative, (i) => promptOf(ctx, i));
      const auditPrompts = Array.from(audit, (i) => promptOf(ctx, i));
      const [outcomes, own] = await Promise.all([
        Promise.all(prompts.map((prompt, g) => ask.decide(clients[population[now.representative[g]]], groupMemory, g, system, prompt))),
        Promise.all(auditPrompts.map((prompt, a) => ask.decide(clients[population[audit[a]]], auditMemory, a, system, prompt))),
      ]);
      for (let i = 0; i < ctx.economy.n; i++) applyOutcome(out, i, outcomes[now.group[i]]);
      own.forEach((o, a) => applyOutcome(out, audit[a], o));
      outcomes.forEach((o, g) => {
        groupMemory.remember(g, { prompt: prompts[g], answer: o.answer });
        options.transcript({
          month: ctx.month, archetype: g, label: now.labels[g], members: now.size[g], household: now.representative[g], kind: "decision",
          prompt: prompts[g], ...outcomeRecord(o),
        });
      });
      own.forEach((o, a) => {
        auditMemory.remember(a, { prompt: auditPrompts[a], answer: o.answer });
        options.transcript({ month: ctx.month, audit: true, household: audit[a], archetype: now.group[audit[a]], kind: "decision", prompt: auditPrompts[a], ...outcomeRecord(o) });
      });
      if (audit.length > 0) recordAudit(ctx.month, now, outcomes, own);
      groups = now;
      groupPopulation = Uint8Array.from(now.representative, (i) => population[i]);
      previousGroup = now.group;
      lastWage = Float64Array.from(ctx.economy.wage);
      lastPrice = ctx.economy.price;
    },

    async observe(ctx: MonthContext) {
      if (ctx.month % 3 !== 0 || ctx.month >= options.months || groups === null) return; // quarter ends; none after the last month
      if (options.reflection) {
        const count = groups.count;
        const [mine, theirs] = await Promise.all([
          Promise.all(Array.from({ length: count }, (_, g) => ask.reflect(clients[groupPopulation[g]], groupMemory, g, system))),
          Promise.all(Array.from(audit, (i, a) => ask.reflect(clients[population[i]], auditMemory, a, system))),
        ]);
        mine.forEach((answer, g) => {
          if (answer !== null) groupMemory.reflect(g, { prompt: REFLECTION_PROMPT, answer });
          options.transcript({ month: ctx.month, archetype: g, kind: "reflection", answer });
        });
        theirs.forEach((answer, a) => {
          if (answer !== null) auditMemory.reflect(a, { prompt: REFLECTION_PROMPT, answer });
          options.transcript({ month: ctx.month, audit: true, household: audit[a], kind: "reflection", answer });
        });
      }
      groupMemory.endQuarter();
      auditMemory.endQuarter();
    },

    snapshot: (): Snapshot => ({
      base: base.snapshot!(),
      lastWage: Array.from(lastWage),
      lastPrice,
      groupMemory: groupMemory.snapshot(),
      auditMemory: auditMemory.snapshot(),
      previousGroup: groups === null ? [] : Array.from(previousGroup),
      gapSums: Array.from(gapSums),
      auditMonths,
    }),
    restore(saved: unknown, at: FieldChecks, field: string) {
      const s = at.object(saved, field);
      const previous = at.array(s.previousGroup, `${field}.previousGroup`);
      if (previous.length !== 0 && previous.length !== previousGroup.length) {
        at.fail(`${field}.previousGroup`, `${previous.length} households`, `none (before month 1) or one archetype per household (${previousGroup.length})`);
      }
      const sums = at.array(s.gapSums, `${field}.gapSums`);
      if (sums.length !== gapSums.length) at.fail(`${field}.gapSums`, `${sums.length} values`, `${MEASURES.length} per audited household (${gapSums.length})`);
      sums.forEach((v, j) => at.number(v, `${field}.gapSums[${j}]`));
      const months = at.number(s.auditMonths, `${field}.auditMonths`);
      const groupRecent = at.array(at.object(s.groupMemory, `${field}.groupMemory`).recent, `${field}.groupMemory.recent`);
      // The memory checks its own shape; the group memory has as many slots as the snapshot's last month had groups.
      groupMemory = new DialogueMemory(groupRecent.length, options.memory);
      groupMemory.restore(s.groupMemory, at, `${field}.groupMemory`);
      auditMemory.restore(s.auditMemory, at, `${field}.auditMemory`);
      base.restore!(s.base, at, `${field}.base`);
      const wages = at.array(s.lastWage, `${field}.lastWage`);
      if (wages.length !== lastWage.length) at.fail(`${field}.lastWage`, `${wages.length} households`, `one wage per household (${lastWage.length})`);
      wages.forEach((w, i) => at.number(w, `${field}.lastWage[${i}]`));
      lastPrice = at.number(s.lastPrice, `${field}.lastPrice`);
      lastWage = Float64Array.from(wages as number[]);
      previous.forEach((g, i) => at.number(g, `${field}.previousGroup[${i}]`));
      if (previous.length > 0) {
        previousGroup = Int32Array.from(previous as number[]);
        const count = previousGroup.reduce((m, g) => Math.max(m, g + 1), 0);
        if (count !== groupRecent.length) at.fail(`${field}.previousGroup`, `${count} archetypes`, `the ${groupRecent.length} archetypes of the group memory`);
        groups = { count, group: previousGroup, size: new Int32Array(0), representative: new Int32Array(0), labels: [] };
      }
      gapSums.set(sums as number[]);
      auditMonths = months;
    },
    summary: () => (audit.length > 0 && auditMonths > 0 ? { audit: auditSummary(gapSums, audit.length, auditMonths) } : {}),
    ...(populations ? { populations: populations.names, populationOf: (i: number) => populations.names[population[i]] } : {}),
    describe: () => ({
      ...base.describe!(),
      ...(populations ? { populations: populationAccounting(populations, clients, population) } : {}),
      archetypes: options.archetypes,
      audit: audit.length,
    }),
  };
}

/** Mean and 95 % t-interval of each measure, with the audited households (each one's mean over months) as the units. */
function auditSummary(sums: Float64Array, households: number, months: number): Record<string, unknown> {
  const result: Record<string, unknown> = { households, months };
  MEASURES.forEach((measure, m) => {
    const perHousehold = Array.from({ length: households }, (_, a) => sums[a * MEASURES.length + m] / months);
    const mean = perHousehold.reduce((x, y) => x + y, 0) / households;
    if (households < 2) {
      result[measure] = { mean, ci95: null };
      return;
    }
    const sd = Math.sqrt(perHousehold.reduce((x, y) => x + (y - mean) ** 2, 0) / (households - 1));
    const half = jStat.studentt.inv(0.975, households - 1) * (sd / Math.sqrt(households));
    result[measure] = { mean, ci95: [mean - half, mean + half] };
  });
  return result;
}
