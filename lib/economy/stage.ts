/**
 * The month as data: a stage is one named step of docs/model.md §3 with the equation it implements; a month is an
 * ordered list of stages (lib/economy/month.ts) that the bank and a scenario extend by inserting their own.
 * The stages pass what later stages and the reporters need through the {@link Month} they all receive.
 */
import type { Rng } from "../rng.js";
import type { MonthScenario } from "./inForce.js";
import { yearIndicators, type YearMacro } from "./indicators.js";
import type { EconomyParameters } from "./parameters.js";
import type { Decisions, HouseholdPolicy, MonthContext } from "./policy.js";
import type { RedistributionScheme } from "./redistribution.js";
import type { AnnualRow, MonthlyRow } from "./rows.js";
import type { EconomyState } from "./state.js";

/** What the stages of a month work on: the simulation's parts (lib/economy/simulation.ts). */
export interface MonthParts {
  readonly state: EconomyState;
  readonly rng: Rng;
  readonly policy: HouseholdPolicy;
  /** This month's propensities: work and consumption, plus the decisions the bank declares when it is on. */
  readonly decisions: Decisions;
  readonly redistribution: RedistributionScheme;
  /** The indicator rows of the months and years completed before this one. */
  readonly monthly: readonly MonthlyRow[];
  readonly annual: readonly AnnualRow[];
  /** Scratch buffers of length N: the goods market's serving order and post-tax incomes. */
  readonly order: Int32Array;
  readonly scratch: Float64Array;
}

/** What the goods market (goodsMarket.ts, eqs. 6, 10, 11) reports to later stages and the reporters. */
export interface GoodsMarketOutcome {
  /** Goods requested, D = Σ d_i (including what could not be served). */
  demand: number;
  /** Inventory offered this month (carry-over + production), G_avail. */
  available: number;
  goodsSold: number;
  /** Nominal spending Σ goods_i · P. */
  spending: number;
  /** Households that got less than they asked for. */
  rationed: number;
}

/** Where the simulation asks what is in force each month; a scenario (lib/scenario/schedule.ts) answers it. */
export interface MonthSchedule {
  /** What is in force in run month `month` (1-based). */
  at(month: number): MonthScenario;
  /** The scenario file the events came from (for the run's manifest); null for the paper's economy. */
  readonly source: { readonly file: string; readonly name: string; readonly sha256: string } | null;
  /** The stages a scenario adds to the month (none for the paper's economy). */
  readonly stages: readonly StageInsertion[];
}

/** One step of the month. `run` changes the economy in place; what it computes for others goes on the month. */
export interface Stage {
  readonly name: string;
  /** Where it is in the model: equation numbers of docs/model.md (or its section). */
  readonly equation: string;
  /** Run the stage on this month, changing the economy in place. */
  run(month: Month): void | Promise<void>;
}

/** How an extension (the bank, a scenario) changes the paper's month: a stage before or after a named one, or one removed. */
export type StageInsertion =
  | { readonly before: string; readonly stage: Stage }
  | { readonly after: string; readonly stage: Stage }
  | { readonly removes: string; readonly because: string };

/** The month's indicator rows, each assembled from the columns its reporters return (Mesa's model reporters). */
export interface Reporters {
  /** Each returns some columns of the monthly row. */
  readonly monthly: readonly ((month: Month) => Partial<MonthlyRow>)[];
  /** December only: the year's row. */
  readonly annual: readonly ((month: Month) => Partial<AnnualRow>)[];
}

/** Watches a month's stages run (the walkthrough of economy/teach records every intermediate this way). */
export interface StageObserver {
  /** Called before each stage runs. */
  before?(stage: Stage, month: Month): void;
  /** Called after each stage has run. */
  after?(stage: Stage, month: Month): void;
}

const NO_MARKET: GoodsMarketOutcome = Object.freeze({ demand: 0, available: 0, goodsSold: 0, spending: 0, rationed: 0 });

/**
 * One month in progress: what is in force, and what each stage leaves for the later stages and the reporters.
 * @example
 * const month = simulation.beginMonth();
 * for (const stage of simulation.stages) await stage.run(month);
 * month.row().employed; // what the labor stage counted
 */
export class Month {
  /** The price and the interest rate in force during the month (before this month's updates). */
  priceInForce = 0;
  rateInForce = 0;
  employed = 0;
  production = 0;
  /** Tax revenue of the month (eq. 1). */
  revenue = 0;
  market: GoodsMarketOutcome = NO_MARKET;
  /** Goods-market imbalance φ (eq. 7). */
  imbalance = 0;
  private monthRow: MonthlyRow | null = null;
  private yearMacro: YearMacro | null = null;
  /** How many monthly rows were reported before this month (its own row is appended after its stages). */
  private readonly monthsBefore: number;

  constructor(
    readonly parts: MonthParts,
    readonly context: MonthContext,
    readonly inForce: MonthScenario,
    private readonly reporters: Reporters,
  ) {
    this.monthsBefore = parts.monthly.length;
  }

  /** The parameters in force this month (a scenario may change some). */
  get params(): EconomyParameters {
    return this.inForce.params;
  }

  get december(): boolean {
    return this.context.monthOfYear === 12;
  }

  /** The month's indicator row from the declared reporters, built once (December's Taylor rule needs it early). */
  row(): MonthlyRow {
    if (this.monthRow === null) {
      const [first, ...more] = this.reporters.monthly.map((report) => report(this));
      this.monthRow = Object.assign(first, ...more) as MonthlyRow;
    }
    return this.monthRow;
  }

  /** The monthly rows of the year ending this month (December), this month's included. */
  yearRows(): MonthlyRow[] {
    const k = this.monthsBefore;
    return [...this.parts.monthly.slice(k - 11, k), this.row()];
  }

  /** December: the macro indicators of the year ending this month (docs/model.md §4). */
  year(): YearMacro {
    if (this.yearMacro === null) {
      const k = this.monthsBefore + 1;
      const previous = k >= 24 ? this.parts.monthly.slice(k - 24, k - 12) : null;
      this.yearMacro = yearIndicators(this.yearRows(), previous, this.parts.state.n);
    }
    return this.yearMacro;
  }

  /** December: the year's row from the declared reporters. */
  annualRow(): AnnualRow {
    const [first, ...more] = this.reporters.annual.map((report) => report(this));
    return Object.assign(first, ...more) as AnnualRow;
  }
}

/**
 * The paper's month with the extensions' insertions applied, in order. An insertion naming a stage that is not
 * there is a programming error and throws.
 * @example
 * orderStages([a, b], [{ after: "a", stage: c }]).map((s) => s.name); // ["a", "c", "b"]
 */
export function orderStages(base: readonly Stage[], insertions: readonly StageInsertion[]): Stage[] {
  const stages = [...base];
  for (const insertion of insertions) {
    const anchor = "before" in insertion ? insertion.before : "after" in insertion ? insertion.after : insertion.removes;
    const k = stages.findIndex((s) => s.name === anchor);
    if (k < 0) throw new Error(`no stage "${anchor}" in the month (${stages.map((s) => s.name).join(", ")})`);
    if ("before" in insertion) stages.splice(k, 0, insertion.stage);
    else if ("after" in insertion) stages.splice(k + 1, 0, insertion.stage);
    else stages.splice(k, 1);
  }
  return stages;
}
