import { taxSchedule as scheduleOfYear } from "../calibration/tax.js";
import { progressiveTax, type TaxSchedule } from "../economy/incomeTax.js";
import type { MonthScenario } from "../economy/inForce.js";
import type { MonthSchedule } from "../economy/stage.js";
import type { EconomyParameters } from "../economy/parameters.js";
import { basicIncomeStage } from "../economy/government.js";
import type { Stage, StageInsertion } from "../economy/stage.js";
import type { ScenarioChanges, ScenarioSource, TimedEvent } from "./scenario.js";

const NO_NEWS: readonly string[] = Object.freeze([]);

/** A scenario's one-time level shocks at the start of their range: every wage and the price, floored. */
const levelShocksStage: Stage = {
  name: "levelShocks",
  equation: "docs/model.md §8 (wageLevel, priceLevel)",
  run(m) {
    const { wageJump, priceJump, params } = m.inForce;
    const s = m.parts.state;
    if (wageJump !== 1) for (let i = 0; i < s.n; i++) s.wage[i] = Math.max(params.floor, s.wage[i] * wageJump);
    if (priceJump !== 1) s.price = Math.max(params.floor, s.price * priceJump);
  },
};

/** What a scenario adds to the month: its level shocks before households decide, its basic income after the tax. */
const SCENARIO_STAGES: readonly StageInsertion[] = Object.freeze([
  { before: "decide", stage: levelShocksStage },
  { after: "tax", stage: basicIncomeStage },
]);

/**
 * A run's events resolved month by month (lib/scenario/scenario.ts). With no events every month is the baseline,
 * so the simulation treats scenario and baseline runs alike. Months with the same parameters in force share one
 * compiled tax function.
 * @example
 * const { events } = loadScenario("data/scenarios/2020-pandemic.json", 2019, 24);
 * new ScenarioSchedule(DEFAULT_PARAMETERS, taxSchedule(2019), events).at(16).ubi; // 1200: April 2020
 */
export class ScenarioSchedule implements MonthSchedule {
  /** The one answer when there are no events (the paper's economy), computed once: `at` runs every month. */
  private baseline: MonthScenario | undefined;
  private readonly regimes = new Map<string, Pick<MonthScenario, "params" | "taxSchedule" | "taxOf" | "ubi" | "ubiFunding">>();

  constructor(
    private readonly base: EconomyParameters,
    private readonly baseTax: TaxSchedule,
    private readonly events: readonly TimedEvent[] = [],
    /** The scenario file the events came from (for the run's manifest); null for the paper's economy. */
    readonly source: ScenarioSource | null = null,
  ) {}

  /** The scenario's stages in the month; none without events, so the paper's economy runs the paper's month. */
  get stages(): readonly StageInsertion[] {
    return this.events.length === 0 ? [] : SCENARIO_STAGES;
  }

  /** What is in force in run month `month` (1-based). */
  at(month: number): MonthScenario {
    if (this.events.length === 0) return (this.baseline ??= this.resolve(month));
    return this.resolve(month);
  }

  private resolve(month: number): MonthScenario {
    const active = this.events.filter((e) => e.firstMonth <= month && month <= e.lastMonth);
    const inForce: ScenarioChanges = {};
    let wageJump = 1;
    let priceJump = 1;
    for (const event of active) {
      const { wageLevel, priceLevel, ...parameters } = event.changes ?? {};
      Object.assign(inForce, parameters);
      if (event.firstMonth === month) {
        wageJump *= wageLevel ?? 1;
        priceJump *= priceLevel ?? 1;
      }
    }
    const news = active.flatMap((e) => (e.news === undefined ? [] : [e.news]));
    return { ...this.regime(inForce), news: news.length ? news : NO_NEWS, wageJump, priceJump };
  }

  private regime(changes: ScenarioChanges) {
    const key = JSON.stringify(Object.entries(changes).sort(([a], [b]) => a.localeCompare(b)));
    let regime = this.regimes.get(key);
    if (!regime) {
      const { taxYear, topTaxRate, ubi, ubiFunding, ...parameters } = changes;
      const params: EconomyParameters = { ...this.base, ...parameters, ...(taxYear === undefined ? {} : { taxYear }) };
      const schedule = taxYear === undefined ? this.baseTax : scheduleOfYear(taxYear);
      const rates = topTaxRate === undefined ? schedule.rates : [...schedule.rates.slice(0, -1), topTaxRate];
      const taxSchedule = { ...schedule, cutoffs: [...schedule.cutoffs], rates: [...rates] };
      regime = { params, taxSchedule, taxOf: progressiveTax(taxSchedule), ubi: ubi ?? 0, ubiFunding: ubiFunding ?? "new-money" };
      this.regimes.set(key, regime);
    }
    return regime;
  }
}
