import { taxSchedule as scheduleOfYear } from "../calibration/tax.js";
import { progressiveTax, type TaxSchedule } from "../economy/incomeTax.js";
import type { MonthScenario, MonthSchedule } from "../economy/inForce.js";
import type { EconomyParameters } from "../economy/parameters.js";
import type { ScenarioChanges, ScenarioSource, TimedEvent } from "./scenario.js";

const NO_NEWS: readonly string[] = Object.freeze([]);

/**
 * A run's events resolved month by month (lib/scenario/scenario.ts). With no events every month is the baseline,
 * so the simulation treats scenario and baseline runs alike. Months with the same parameters in force share one
 * compiled tax function.
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
