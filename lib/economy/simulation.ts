import { gini } from "../stats/gini.js";
import type { Decisions, HouseholdPolicy, MonthContext } from "./policy.js";
import type { Rng, RngState } from "../rng.js";
import { allocateBank, bankMonthly, bankYear, operateBank, placeDeposits, ruleBankDecisions, type BankParameters, type BankState } from "./bank.js";
import { payInterest, taylorRule } from "./centralBank.js";
import { adjustPrice, consumeGoods, marketImbalance } from "./goodsMarket.js";
import { payBasicIncome, payTaxFundedBasicIncome, taxAndRedistribute } from "./government.js";
import type { TaxSchedule } from "./incomeTax.js";
import type { MonthScenario, MonthSchedule } from "./inForce.js";
import { yearIndicators } from "./indicators.js";
import { adjustWages, postOffers, supplyLabor } from "./laborMarket.js";
import type { EconomyParameters } from "./parameters.js";
import type { RedistributionScheme } from "./redistribution.js";
import type { AnnualRow, MonthlyRow } from "./rows.js";
import type { EconomyState } from "./state.js";
import { restoreBank, restoreState, snapshotBank, snapshotState, type StateSnapshot } from "./stateSnapshot.js";

export interface SimulationSnapshot {
  state: StateSnapshot;
  rng: RngState;
  monthly: MonthlyRow[];
  annual: AnnualRow[];
  policy: unknown;
  bank?: ReturnType<typeof snapshotBank>;
}

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
 * One run of the economy. `step()` is the month of model.md §3, in the paper's order; indicators are collected
 * into `monthly` and `annual` as the run goes.
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
  /** This month's propensities, as returned by the policy and clamped to [0, 1]. */
  readonly decisions: Decisions;
  private readonly order: Int32Array;
  private readonly scratch: Float64Array;

  constructor(parts: SimulationParts) {
    this.params = parts.params;
    this.state = parts.state;
    this.policy = parts.policy;
    this.rng = parts.rng;
    this.taxSchedule = parts.taxSchedule;
    this.redistribution = parts.redistribution;
    this.schedule = parts.schedule;
    const n = parts.state.n;
    this.bank = parts.bank ? { state: allocateBank(n), params: parts.bank } : null;
    this.decisions = {
      work: new Float64Array(n),
      consumption: new Float64Array(n),
      ...(this.bank ? { saving: new Float64Array(n), borrow: new Float64Array(n) } : {}),
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

  /** Simulate one month (model.md §3, steps 1–9) and return its indicator row. */
  async step(): Promise<MonthlyRow> {
    const { state: s, rng } = this;
    const inForce = this.schedule.at(s.month + 1);
    const p = inForce.params;
    const ctx = this.context(s.month + 1, inForce);
    if (ctx.monthOfYear === 1 && ctx.month > 1) this.newYear();
    this.applyJumps(inForce, p.floor);

    const { saving, borrow } = this.decisions;
    if (this.bank && saving && borrow) ruleBankDecisions(this.bank.state, s, ctx.month, this.bank.params, p.hoursPerMonth, saving, borrow);
    await this.policy.decide(ctx, this.decisions); // 1. decide
    this.clampDecisions();

    const priceInForce = s.price; // 2. labor and production (eq. 5)
    const rateInForce = s.rate;
    const employed = supplyLabor(s, this.decisions.work, p.hoursPerMonth, rng);
    const production = p.productivity * p.hoursPerMonth * employed;
    s.inventory += production;

    let revenue = taxAndRedistribute(s, inForce.taxOf, this.redistribution, this.scratch); // 3. (eq. 1)
    if (inForce.ubiFunding === "income-tax") revenue += payTaxFundedBasicIncome(s, inForce.ubi, this.scratch);
    else payBasicIncome(s, inForce.ubi);
    if (this.bank && borrow) operateBank(this.bank.state, s, borrow, ctx.month, this.bank.params, p.hoursPerMonth); // 3a. bank
    const market = consumeGoods(s, this.decisions.consumption, rng, this.order); // 4. (eqs. 6, 10, 11)
    if (this.bank && saving) placeDeposits(this.bank.state, s, saving); // 4a. deposits
    const imbalance = marketImbalance(market.demand, market.available); // 5. (eq. 7)
    adjustWages(s, imbalance, p.wageAdjustment, p.floor, rng); // 6. (eq. 8)
    adjustPrice(s, imbalance, p.priceAdjustment, p.floor, rng); // 7. (eq. 9)
    if (ctx.monthOfYear === 12 && !this.bank) payInterest(s); // 8. December interest (eq. 12); with a bank, deposits earn it

    const row = this.monthlyRow(ctx, { priceInForce, rateInForce, employed, production, revenue, imbalance, market });
    this.monthly.push(row);
    if (ctx.monthOfYear === 12) this.closeYear(p); // 8. then the Taylor rule (eq. 13)

    postOffers(s, p.hoursPerMonth, rng); // 9. offers
    s.month = ctx.month;
    await this.policy.observe?.(ctx);
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

  restore(snap: SimulationSnapshot): void {
    restoreState(this.state, snap.state);
    this.rng.setState(snap.rng);
    this.monthly.splice(0, this.monthly.length, ...snap.monthly);
    this.annual.splice(0, this.annual.length, ...snap.annual);
    if (snap.policy !== null) this.policy.restore?.(snap.policy);
    if (this.bank) {
      if (!snap.bank) throw new Error("checkpoint was taken without the bank (--bank on)");
      restoreBank(this.bank.state, snap.bank);
    }
  }

  /** A scenario's one-time level shocks at the start of their range: every wage and the price, floored. */
  private applyJumps(inForce: MonthScenario, floor: number): void {
    const s = this.state;
    if (inForce.wageJump !== 1) for (let i = 0; i < s.n; i++) s.wage[i] = Math.max(floor, s.wage[i] * inForce.wageJump);
    if (inForce.priceJump !== 1) s.price = Math.max(floor, s.price * inForce.priceJump);
  }

  /** Households age by one year in the first month of every year after the first (model.md §2). */
  private newYear(): void {
    const { age, yearIncome } = this.state;
    for (let i = 0; i < age.length; i++) age[i]++;
    yearIncome.fill(0);
  }

  private clampDecisions(): void {
    const { work, consumption, saving, borrow } = this.decisions;
    for (let i = 0; i < work.length; i++) {
      const w = work[i];
      const c = consumption[i];
      if (!(w >= 0 && w <= 1) || !(c >= 0 && c <= 1)) {
        if (Number.isNaN(w) || Number.isNaN(c)) {
          throw new Error(`policy ${this.policy.name} returned NaN for household ${i} (work ${w}, consumption ${c})`);
        }
        work[i] = Math.min(1, Math.max(0, w));
        consumption[i] = Math.min(1, Math.max(0, c));
      }
    }
    for (const shares of [saving, borrow]) {
      if (!shares) continue;
      for (let i = 0; i < shares.length; i++) {
        if (!(shares[i] >= 0 && shares[i] <= 1)) {
          if (Number.isNaN(shares[i])) throw new Error(`policy ${this.policy.name} returned NaN saving or borrowing for household ${i}`);
          shares[i] = Math.min(1, Math.max(0, shares[i]));
        }
      }
    }
  }

  private monthlyRow(
    ctx: MonthContext,
    m: {
      priceInForce: number;
      rateInForce: number;
      employed: number;
      production: number;
      revenue: number;
      imbalance: number;
      market: ReturnType<typeof consumeGoods>;
    },
  ): MonthlyRow {
    const s = this.state;
    const { n, wage, savings: balance, transfer } = s;
    let wages = 0;
    let savings = 0;
    let transfers = 0;
    for (let i = 0; i < n; i++) {
      wages += wage[i];
      savings += balance[i];
      transfers += transfer[i];
    }
    return {
      month: ctx.month,
      year: ctx.year,
      price: s.price,
      mean_wage: wages / s.n,
      employed: m.employed,
      production: m.production,
      inventory: s.inventory,
      demand: m.market.demand,
      imbalance: m.imbalance,
      tax_revenue: m.revenue,
      transfers,
      consumption: m.market.spending,
      goods_sold: m.market.goodsSold,
      rationed: m.market.rationed,
      total_savings: savings,
      interest_rate: m.rateInForce,
      nominal_gdp: m.production * m.priceInForce,
      real_gdp: m.production * s.initialPrice,
      ...(this.bank ? bankMonthly(this.bank.state) : {}),
    };
  }

  /** December: the year's indicators, then the Taylor rule from the end of year `taylorFromYear` on. */
  private closeYear(p: EconomyParameters): void {
    const s = this.state;
    const k = this.monthly.length;
    const macro = yearIndicators(this.monthly.slice(k - 12), k >= 24 ? this.monthly.slice(k - 24, k - 12) : null, s.n);
    let total = 0;
    let income = 0;
    for (let i = 0; i < s.n; i++) {
      total += s.savings[i];
      income += s.yearIncome[i];
    }
    this.annual.push({
      ...macro,
      gini_income: gini(s.yearIncome),
      gini_savings: gini(s.savings),
      mean_savings: total / s.n,
      ...(this.bank ? bankYear(this.monthly.slice(k - 12), income) : {}),
    });
    if (this.annual.length >= p.taylorFromYear && macro.price_inflation !== null) {
      s.rate = taylorRule(p, macro.price_inflation, macro.unemployment_rate);
    }
  }
}
