import type { FieldChecks } from "../readBack.js";
import type { Rng, RngState } from "../rng.js";
import { allocateBank, type BankParameters, type BankState } from "./bank.js";
import { allocateBankDecisions, bankReporters, bankStages } from "./bankStages.js";
import type { TaxSchedule } from "./incomeTax.js";
import type { MonthScenario } from "./inForce.js";
import { PAPER_MONTH, PAPER_REPORTERS } from "./month.js";
import type { EconomyParameters } from "./parameters.js";
import type { Decisions, HouseholdPolicy, MonthContext } from "./policy.js";
import type { RedistributionScheme } from "./redistribution.js";
import type { AnnualRow, MonthlyRow } from "./rows.js";
import { Month, orderStages, type MonthSchedule, type Reporters, type Stage, type StageObserver } from "./stage.js";
import type { EconomyState } from "./state.js";
import { restoreBank, restoreState, snapshotBank, snapshotState, type StateSnapshot } from "./stateSnapshot.js";

/** Everything a checkpoint needs to continue a simulation bit for bit: the economy, the RNG, the rows so far, the policy's and the bank's state. */
export interface SimulationSnapshot {
  state: StateSnapshot;
  rng: RngState;
  monthly: MonthlyRow[];
  annual: AnnualRow[];
  policy: unknown;
  bank?: ReturnType<typeof snapshotBank>;
}

/** What a {@link Simulation} is built from: parameters, the initial economy, the households' policy, the RNG, the tax and redistribution rules, the schedule and the bank. */
export interface SimulationParts {
  params: EconomyParameters;
  state: EconomyState;
  policy: HouseholdPolicy;
  rng: Rng;
  taxSchedule: TaxSchedule;
  redistribution: RedistributionScheme;
  /** What is in force each month: the baseline, or a scenario's events and policy changes (`--scenario`). */
  schedule: MonthSchedule;
  /** Savings and loans (`--bank on`): the bank's terms; none by default (the paper's economy). */
  bank?: BankParameters;
}

/**
 * One run of the economy. A month is the ordered list of stages in `stages` — the paper's month (lib/economy/month.ts)
 * with the bank's and the scenario's stages inserted — followed by the declared reporters that append the
 * indicator rows to `monthly` and, each December, `annual`.
 * @example
 * const { simulation } = await createSimulation({ policy: "composite", households: 100, months: 24, seed: 1 });
 * simulation.stages.map((s) => s.name); // ["newYear", "decide", "labor", "tax", "consume", …, "offers"]
 * await simulation.run();
 * simulation.annual.length; // 2
 */
export class Simulation {
  readonly params: EconomyParameters;
  readonly state: EconomyState;
  readonly policy: HouseholdPolicy;
  readonly rng: Rng;
  readonly taxSchedule: TaxSchedule;
  readonly redistribution: RedistributionScheme;
  /** What is in force each month: the baseline parameters and tax schedule, or a scenario's changes. */
  readonly schedule: MonthSchedule;
  /** The bank (`--bank on`) and its terms, or null. */
  readonly bank: { readonly state: BankState; readonly params: BankParameters } | null;
  readonly monthly: MonthlyRow[] = [];
  readonly annual: AnnualRow[] = [];
  /** This month's propensities, as returned by the policy and clamped to [0, 1]; the bank declares two more. */
  readonly decisions: Decisions;
  /** The month, in order. */
  readonly stages: readonly Stage[];
  readonly reporters: Reporters;
  readonly order: Int32Array;
  readonly scratch: Float64Array;

  constructor(parts: SimulationParts) {
    this.params = parts.params;
    this.state = parts.state;
    this.policy = parts.policy;
    this.rng = parts.rng;
    this.taxSchedule = parts.taxSchedule;
    this.redistribution = parts.redistribution;
    this.schedule = parts.schedule;
    const n = parts.state.n;
    const bank = parts.bank ? { state: allocateBank(n), params: parts.bank } : null;
    const bankDecisions = bank ? allocateBankDecisions(n) : null;
    this.bank = bank;
    this.decisions = { work: new Float64Array(n), consumption: new Float64Array(n), ...bankDecisions };
    const extensions = bank && bankDecisions ? [{ stages: bankStages(bank, bankDecisions), reporters: bankReporters(bank.state) }] : [];
    this.stages = orderStages(PAPER_MONTH, [...parts.schedule.stages, ...extensions.flatMap((e) => e.stages)]);
    this.reporters = {
      monthly: [...PAPER_REPORTERS.monthly, ...extensions.flatMap((e) => e.reporters.monthly)],
      annual: [...PAPER_REPORTERS.annual, ...extensions.flatMap((e) => e.reporters.annual)],
    };
    this.order = new Int32Array(n);
    this.scratch = new Float64Array(n);
  }

  get done(): boolean {
    return this.state.month >= this.params.months;
  }

  /** The context of the month about to be simulated (or just simulated, after `step`). */
  context(month = this.state.month + 1, inForce: MonthScenario = this.schedule.at(month)): MonthContext {
    return {
      month,
      year: this.params.startYear + Math.floor((month - 1) / 12),
      monthOfYear: ((month - 1) % 12) + 1,
      economy: this.state,
      taxSchedule: inForce.taxSchedule,
      news: inForce.news,
      ...(this.bank ? { bank: this.bank } : {}),
      rng: this.rng,
    };
  }

  /** Simulate one month: every stage in order (an observer may watch each), then the reporters. */
  async step(observer?: StageObserver): Promise<MonthlyRow> {
    const month = this.beginMonth();
    for (const stage of this.stages) {
      observer?.before?.(stage, month);
      await stage.run(month);
      observer?.after?.(stage, month);
    }
    return this.endMonth(month);
  }

  /** The next month, before its first stage. */
  beginMonth(): Month {
    const inForce = this.schedule.at(this.state.month + 1);
    return new Month(this, this.context(this.state.month + 1, inForce), inForce, this.reporters);
  }

  /** After the last stage: the month's row (and in December the year's), then the policy observes the outcome. */
  async endMonth(month: Month): Promise<MonthlyRow> {
    const row = month.row();
    this.monthly.push(row);
    if (month.december) this.annual.push(month.annualRow());
    this.state.month = month.context.month;
    await this.policy.observe?.(month.context);
    return row;
  }

  /** Run to the end; `onMonth` sees each month's row right after it is simulated. */
  async run(onMonth?: (row: MonthlyRow, sim: Simulation) => void | Promise<void>): Promise<void> {
    while (!this.done) {
      const row = await this.step();
      if (onMonth) await onMonth(row, this);
    }
  }

  /** Everything needed to continue this run exactly: state, RNG position, indicator rows, the policy's memory. */
  snapshot(): SimulationSnapshot {
    return {
      state: snapshotState(this.state),
      rng: this.rng.state(),
      monthly: this.monthly,
      annual: this.annual,
      policy: this.policy.snapshot?.() ?? null,
      ...(this.bank ? { bank: snapshotBank(this.bank.state) } : {}),
    };
  }

  /** Continue from `snap`, read back from a checkpoint whose checks are `at` (the policy validates its own part). */
  restore(snap: SimulationSnapshot, at: FieldChecks): void {
    if (snap.policy !== null) this.policy.restore?.(snap.policy, at, "simulation.policy");
    restoreState(this.state, snap.state);
    this.rng.setState(snap.rng);
    this.monthly.splice(0, this.monthly.length, ...snap.monthly);
    this.annual.splice(0, this.annual.length, ...snap.annual);
    if (this.bank) {
      if (!snap.bank) throw new Error("checkpoint was taken without the bank (--bank on)");
      restoreBank(this.bank.state, snap.bank);
    }
  }
}
