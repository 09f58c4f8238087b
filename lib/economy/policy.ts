import type { EconomyState } from "./state.js";
import type { TaxSchedule } from "./incomeTax.js";
import type { FieldChecks } from "../readBack.js";
import type { Rng } from "../rng.js";
import type { BankParameters, BankState } from "./bank.js";

/** What a policy sees when it decides month `month` (1-based): the state left by the previous month. */
export interface MonthContext {
  readonly month: number;
  readonly year: number;
  /** 1 = January … 12 = December. */
  readonly monthOfYear: number;
  readonly economy: Readonly<EconomyState>;
  /** The tax schedule in force this month (a scenario may change it). */
  readonly taxSchedule: TaxSchedule;
  /** The bank and its terms when `--bank on` (households' deposits, debts, instalments); undefined otherwise. */
  readonly bank?: { readonly state: Readonly<BankState>; readonly params: BankParameters };
  /** A scenario's news sentences for this month (told to LLM households); usually empty. */
  readonly news: readonly string[];
  /** The run's RNG, for policies that sample (e.g. a stochastic RL policy). */
  readonly rng: Rng;
}

/** Propensities p^w_i and p^c_i ∈ [0, 1] for every household, filled by the policy (step 1 of the month). */
export interface Decisions {
  readonly work: Float64Array;
  readonly consumption: Float64Array;
  /**
   * The decisions the bank declares (`--bank on`, lib/economy/bankStages.ts `BankDecisions`), present only with it: the
   * share of money left after purchases kept on deposit, and the share of the available credit line drawn this
   * month. The run gives a policy that does not choose them (rule-based, AI-Economist) the simple rules of
   * lib/households/rules/bankRules.ts.
   */
  readonly saving?: Float64Array;
  readonly borrow?: Float64Array;
}

/**
 * Households' decision rule. The simulation never knows which policy it runs: rule-based, RL and LLM households
 * all implement this, batched per month and possibly asynchronous (an LLM policy awaits its API calls here).
 */
export interface HouseholdPolicy {
  readonly name: string;
  /** Once, before month 1, with the initial economy (e.g. Composite assigns each household its rule here). */
  init?(economy: Readonly<EconomyState>, rng: Rng): void | Promise<void>;
  /** Fill `out` with this month's propensities of every household, synchronously or asynchronously. */
  decide(context: MonthContext, out: Decisions): void | Promise<void>;
  /** After the month's step, with the outcomes in the state (memory for LLM agents, rewards for RL). */
  observe?(context: MonthContext): void | Promise<void>;
  /** A per-household label for the decision records (e.g. Composite's "len"/"cats"). */
  householdType?(i: number): string;
  /** The population (config `populations`: several models in one economy) household i belongs to, fixed for the
   * run; defined only when the run has populations. */
  populationOf?(i: number): string;
  /** The names of the populations in the configured order (with {@link populationOf}). */
  readonly populations?: readonly string[];
  /** Everything the policy needs to continue a run from a checkpoint (plain JSON). */
  snapshot?(): unknown;
  /**
   * Continue from `snapshot`, read back from a file at `field` (e.g. "simulation.policy"): a shape other than the
   * one {@link HouseholdPolicy.snapshot} writes fails through `at` (naming the file and the field) before anything is changed.
   */
  restore?(snapshot: unknown, at: FieldChecks, field: string): void;
  /** A short live status for the progress bar (e.g. calls, tokens, cost). */
  status?(): string;
  /** US dollars spent on model calls so far, checkpoints included (LLM households), for `--max-cost`. */
  spentUsd?(): number;
  /** Facts for the run's manifest (e.g. model id, backend, call accounting). */
  describe?(): Record<string, unknown>;
  /** Keys added to the run's summary.json at its end (e.g. the archetype audit's mean gaps). */
  summary?(): Record<string, unknown>;
  /** Release resources (connections, an embedded model). */
  close?(): Promise<void>;
}
