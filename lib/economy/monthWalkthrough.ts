import { jobTitles } from "../calibration/jobs.js";
import type { Decisions, MonthContext } from "./policy.js";
import { createRng, shuffle, type Rng, type RngState } from "../rng.js";
import { payInterest, taylorRule } from "./centralBank.js";
import { adjustPrice, consumeGoods, marketImbalance, type GoodsMarketOutcome } from "./goodsMarket.js";
import { taxAndRedistribute } from "./government.js";
import { progressiveTax } from "./incomeTax.js";
import { sameState } from "./economyDifferences.js";
import { bracketOf, taylorTerms, type TableRow } from "./equationTerms.js";
import { yearIndicators, type YearMacro } from "./indicators.js";
import { TITLES_PER_BUCKET, wageBucket } from "./jobs.js";
import { adjustWages, postOffers, supplyLabor } from "./laborMarket.js";
import type { MonthlyRow } from "./rows.js";
import type { SimulationParts } from "./simulation.js";
import type { EconomyState } from "./state.js";

/** The nine stages of the month, in the paper's order (model.md §3). */
export const WALKTHROUGH_STAGES = [
  "decide", "labor", "tax", "consume", "imbalance", "wages", "price", "centralBank", "offers",
] as const;
export type WalkthroughStage = (typeof WALKTHROUGH_STAGES)[number];
/** The stages that draw random numbers: labor (eq. 5), serving order (eq. 10), wages (eq. 8), price (eq. 9), offers. */
export type DrawingStage = "labor" | "consume" | "wages" | "price" | "offers";

/** What the walkthrough needs from a simulation (all public members of `Simulation`): the paper's economy, so no scenario or bank. */
export type WalkthroughParts = Omit<SimulationParts, "scenario" | "bank">;

export interface MonthTrace {
  month: number;
  year: number;
  monthOfYear: number;
  decide: TableRow[];
  labor: { rows: TableRow[]; employed: number; production: number; inventoryBefore: number; inventoryAfter: number };
  tax: { rows: TableRow[]; revenue: number; transferEach: number; transfersPaid: number };
  consume: {
    rows: TableRow[];
    price: number;
    demand: number;
    available: number;
    shortage: boolean;
    goodsSold: number;
    spending: number;
    rationed: number;
  };
  imbalance: { demand: number; available: number; phi: number };
  wages: { rows: TableRow[]; maxChange: number };
  price: { before: number; draw: number; change: number; after: number };
  centralBank: {
    december: boolean;
    interest: TableRow[];
    row: MonthlyRow;
    annual: YearMacro | null;
    taylor: TableRow[];
    rateBefore: number;
    rateAfter: number;
  };
  offers: TableRow[];
  /** Uniform draws each drawing stage took from the RNG (the other stages draw none). */
  draws: Record<DrawingStage, number>;
}

/**
 * The month of model.md §3 taken apart for teaching: each stage calls the same component function as
 * `Simulation.step` and returns the intermediates a reader needs to redo the equation by hand (per-household
 * tables and scalars). The random draws each component will make are read ahead from a copy of the RNG, and
 * after each stage the walkthrough checks that the component consumed exactly those draws, so the tables show
 * the numbers the engine actually used.
 *
 * Build it from a simulation that is never stepped itself (`createSimulation` twice with one seed gives an
 * identical twin to step with the engine); {@link economyDifferences} then proves the two stay equal.
 * @example
 * const options = { policy: "composite", households: 8, months: 24, seed: 1 } as const;
 * const walk = new MonthWalkthrough((await createSimulation(options)).simulation);
 * const engine = (await createSimulation(options)).simulation;
 * await walk.decide(); walk.labor(); walk.current.labor.rows; // … one stage at a time, or:
 * const trace = await walk.month(); await engine.step();
 * economyDifferences(walk, engine).every((d) => d.equal); // true
 */
export class MonthWalkthrough {
  /** The monthly indicator rows built the way `Simulation` builds them (compared against it). */
  readonly monthly: MonthlyRow[] = [];
  /** The annual macro indicators of each completed year (the Taylor rule's inputs). */
  readonly annual: YearMacro[] = [];
  private readonly parts: WalkthroughParts;
  private readonly decisions: Decisions;
  private readonly order: Int32Array;
  private readonly net: Float64Array;
  private readonly taxOf: (income: number) => number;
  private readonly titles = jobTitles().flat();
  private next = 0;
  private trace: Partial<MonthTrace> = {};
  private ctx!: MonthContext;
  private priceInForce = 0;
  private rateInForce = 0;
  private market!: GoodsMarketOutcome;
  private phi = 0;
  private employed = 0;
  private production = 0;
  private revenue = 0;
  private draws = {} as Record<DrawingStage, number>;

  constructor(parts: WalkthroughParts) {
    this.parts = parts;
    const n = parts.state.n;
    this.decisions = { work: new Float64Array(n), consumption: new Float64Array(n) };
    this.order = new Int32Array(n);
    this.net = new Float64Array(n);
    this.taxOf = progressiveTax(parts.taxSchedule);
  }

  get state(): EconomyState {
    return this.parts.state;
  }

  get rng(): Rng {
    return this.parts.rng;
  }

  /** The stage the next call must be (stages run in the paper's order). */
  get nextStage(): WalkthroughStage {
    return WALKTHROUGH_STAGES[this.next];
  }

  /** Job title of offer/job index `k` (bucket·10 + title). */
  title(k: number): string {
    return k < 0 ? "—" : this.titles[k];
  }

  /** Step 1: the policy's propensities from last month's state (after the January ageing). */
  async decide(): Promise<TableRow[]> {
    this.enter("decide");
    const { params: p, state: s, policy, rng, taxSchedule } = this.parts;
    const month = s.month + 1;
    this.draws = {} as Record<DrawingStage, number>;
    this.trace = { month, draws: this.draws };
    const monthOfYear = ((month - 1) % 12) + 1;
    this.ctx = { month, year: p.startYear + Math.floor((month - 1) / 12), monthOfYear, economy: s, taxSchedule, news: [], rng };
    Object.assign(this.trace, { year: this.ctx.year, monthOfYear });
    if (monthOfYear === 1 && month > 1) {
      for (let i = 0; i < s.n; i++) s.age[i]++;
      s.yearIncome.fill(0);
    }
    await policy.decide(this.ctx, this.decisions);
    const { work, consumption } = this.decisions;
    for (let i = 0; i < s.n; i++) {
      work[i] = Math.min(1, Math.max(0, work[i]));
      consumption[i] = Math.min(1, Math.max(0, consumption[i]));
    }
    const rows = range(s.n).map((i) => ({
      household: i,
      rule: policy.householdType?.(i) ?? policy.name,
      age: s.age[i],
      "w (hourly)": s.wage[i],
      "z = 168·w": p.hoursPerMonth * s.wage[i],
      s: s.savings[i],
      P: s.price,
      r: s.rate,
      "p^w": work[i],
      "p^c": consumption[i],
    }));
    this.trace.decide = rows;
    return rows;
  }

  /** Step 2 (eq. 5): Bernoulli labor l_i = [U_i < p^w_i], income z_i = 168·w_i·l_i, production joins inventory. */
  labor(): MonthTrace["labor"] {
    this.enter("labor");
    const { params: p, state: s, rng } = this.parts;
    this.priceInForce = s.price;
    this.rateInForce = s.rate;
    const ahead = this.peek(s.n);
    const employed = supplyLabor(s, this.decisions.work, p.hoursPerMonth, rng);
    this.expectAt("labor", ahead.after, s.n);
    const production = p.productivity * p.hoursPerMonth * employed;
    this.employed = employed;
    this.production = production;
    const inventoryBefore = s.inventory;
    s.inventory += production;
    const rows = range(s.n).map((i) => ({
      household: i,
      "p^w": this.decisions.work[i],
      U: ahead.draws[i],
      "l = [U < p^w]": s.worked[i],
      w: s.wage[i],
      "z = 168·w·l": s.income[i],
      job: s.worked[i] ? this.title(s.job[i]) : "(unemployed)",
    }));
    const out = { rows, employed, production, inventoryBefore, inventoryAfter: s.inventory };
    this.trace.labor = out;
    return out;
  }

  /** Step 3 (eq. 1): T(z_i) bracket by bracket, post-tax income, and the transfer R_i (equal split of ΣT). */
  tax(): MonthTrace["tax"] {
    this.enter("tax");
    const { state: s, taxSchedule, redistribution } = this.parts;
    const before = Float64Array.from(s.savings);
    const revenue = taxAndRedistribute(s, this.taxOf, redistribution, this.net);
    this.revenue = revenue;
    let transfersPaid = 0;
    const rows = range(s.n).map((i) => {
      const z = s.income[i];
      const b = bracketOf(z, taxSchedule);
      transfersPaid += s.transfer[i];
      return {
        household: i,
        z,
        "b_k": b.lower,
        "τ_k": b.rate,
        "T on brackets below b_k": b.below,
        "τ_k·(z − b_k)": z > 0 ? b.rate * (z - b.lower) : 0,
        "T(z)": s.tax[i],
        "T/z": z > 0 ? s.tax[i] / z : 0,
        "z − T": z - s.tax[i],
        R: s.transfer[i],
        "s before": before[i],
        "s after": s.savings[i],
      };
    });
    const out = { rows, revenue, transferEach: revenue / s.n, transfersPaid };
    this.trace.tax = out;
    return out;
  }

  /**
   * Step 4 (eqs. 6, 10, 11): budgets c_i = p^c_i·s_i, demand d_i = c_i/P, served in a random order while goods
   * last. The order is drawn only under shortage (D > G); it is reproduced here with `shuffle` on a copy of the RNG
   * and checked against the order the market used.
   */
  consume(): MonthTrace["consume"] {
    this.enter("consume");
    const { state: s, rng } = this.parts;
    const n = s.n;
    const price = s.price;
    const before = Float64Array.from(s.savings);
    const copy = cloneRng(rng);
    const market = consumeGoods(s, this.decisions.consumption, rng, this.order);
    this.market = market;
    const shortage = market.demand > market.available;
    let serving = range(n);
    if (shortage) {
      const expected = Int32Array.from(serving);
      shuffle(copy, expected);
      this.expectAt("consume", copy.state(), n);
      if (expected.some((v, k) => v !== this.order[k])) throw new Error("walkthrough: serving order differs from the market's");
      serving = Array.from(expected);
    } else {
      this.expectAt("consume", copy.state(), 0);
    }
    let stock = market.available;
    const rows = serving.map((i, k) => {
      const budget = this.decisions.consumption[i] * before[i];
      const goods = s.spend[i] / price;
      const row = {
        "serving position": k + 1,
        household: i,
        "p^c": this.decisions.consumption[i],
        s: before[i],
        "c = p^c·s": budget,
        "d = c/P": budget / price,
        "G before": stock,
        "goods = min(d, G)": goods,
        spent: s.spend[i],
        "s after": s.savings[i],
        rationed: s.rationed[i],
      };
      stock = Math.max(0, stock - goods);
      return row;
    });
    const out = {
      rows,
      price,
      demand: market.demand,
      available: market.available,
      shortage,
      goodsSold: market.goodsSold,
      spending: market.spending,
      rationed: market.rationed,
    };
    this.trace.consume = out;
    return out;
  }

  /** Step 5 (eq. 7): φ = (D − G)/max(D, G). */
  imbalance(): MonthTrace["imbalance"] {
    this.enter("imbalance");
    this.phi = marketImbalance(this.market.demand, this.market.available);
    const out = { demand: this.market.demand, available: this.market.available, phi: this.phi };
    this.trace.imbalance = out;
    return out;
  }

  /** Step 6 (eq. 8): w_i ← max(1, w_i·(1 + α_w·φ·U_i)), one U_i per household. */
  wages(): MonthTrace["wages"] {
    this.enter("wages");
    const { params: p, state: s, rng } = this.parts;
    const before = Float64Array.from(s.wage);
    const ahead = this.peek(s.n);
    adjustWages(s, this.phi, p.wageAdjustment, p.floor, rng);
    this.expectAt("wages", ahead.after, s.n);
    const rows = range(s.n).map((i) => ({
      household: i,
      "w before": before[i],
      U: ahead.draws[i],
      "α_w·φ·U": p.wageAdjustment * this.phi * ahead.draws[i],
      "w after": s.wage[i],
    }));
    const out = { rows, maxChange: p.wageAdjustment * this.phi };
    this.trace.wages = out;
    return out;
  }

  /** Step 7 (eq. 9): P ← max(1, P·(1 + α_P·φ·U)), one draw. */
  price(): MonthTrace["price"] {
    this.enter("price");
    const { params: p, state: s, rng } = this.parts;
    const before = s.price;
    const ahead = this.peek(1);
    adjustPrice(s, this.phi, p.priceAdjustment, p.floor, rng);
    this.expectAt("price", ahead.after, 1);
    const out = { before, draw: ahead.draws[0], change: p.priceAdjustment * this.phi * ahead.draws[0], after: s.price };
    this.trace.price = out;
    return out;
  }

  /**
   * Step 8: in December, interest s_i ← s_i·(1 + r) (eq. 12); the month's indicator row; in December the year's
   * indicators and, from the end of year `taylorFromYear`, the Taylor rule (eq. 13), term by term.
   */
  centralBank(): MonthTrace["centralBank"] {
    this.enter("centralBank");
    const { params: p, state: s } = this.parts;
    const december = this.ctx.monthOfYear === 12;
    const rateBefore = s.rate;
    let interest: TableRow[] = [];
    if (december) {
      const before = Float64Array.from(s.savings);
      payInterest(s);
      interest = range(s.n).map((i) => ({
        household: i,
        "s before": before[i],
        r: rateBefore,
        "r·s": s.savings[i] - before[i],
        "s after": s.savings[i],
      }));
    }
    const row = this.monthlyRow();
    this.monthly.push(row);
    let annual: YearMacro | null = null;
    let taylor: TableRow[] = [];
    if (december) {
      const k = this.monthly.length;
      annual = yearIndicators(this.monthly.slice(k - 12), k >= 24 ? this.monthly.slice(k - 24, k - 12) : null, s.n);
      this.annual.push(annual);
      const applies = this.annual.length >= p.taylorFromYear && annual.price_inflation !== null;
      if (applies) {
        taylor = taylorTerms(p, annual.price_inflation as number, annual.unemployment_rate);
        s.rate = taylorRule(p, annual.price_inflation as number, annual.unemployment_rate);
      }
    }
    const out = { december, interest, row, annual, taylor, rateBefore, rateAfter: s.rate };
    this.trace.centralBank = out;
    return out;
  }

  /** Step 9: every household that did not work gets a new random title from the bucket of its new wage. */
  async offers(): Promise<TableRow[]> {
    this.enter("offers");
    const { params: p, state: s, policy, rng } = this.parts;
    let unemployed = 0;
    for (let i = 0; i < s.n; i++) unemployed += s.worked[i] ? 0 : 1;
    const ahead = this.peek(unemployed);
    postOffers(s, p.hoursPerMonth, rng);
    this.expectAt("offers", ahead.after, unemployed);
    let k = 0;
    const rows: TableRow[] = [];
    for (let i = 0; i < s.n; i++) {
      if (s.worked[i]) continue;
      const monthly = p.hoursPerMonth * s.wage[i];
      const u = ahead.draws[k++];
      rows.push({
        household: i,
        "168·w": monthly,
        bucket: wageBucket(monthly, s.bucketEdges),
        U: u,
        "title = ⌊10·U⌋": Math.floor(u * TITLES_PER_BUCKET),
        offer: this.title(s.offer[i]),
      });
    }
    s.month = this.ctx.month;
    await policy.observe?.(this.ctx);
    this.trace.offers = rows;
    return rows;
  }

  /** All nine stages of the next month, in order. */
  async month(): Promise<MonthTrace> {
    if (this.next !== 0) throw new Error(`walkthrough: a month is half done (next stage: ${this.nextStage})`);
    await this.decide();
    this.labor();
    this.tax();
    this.consume();
    this.imbalance();
    this.wages();
    this.price();
    this.centralBank();
    await this.offers();
    return this.lastTrace();
  }

  /** The intermediates of the month in progress (the stages run so far), or of the last month once complete. */
  get current(): Partial<MonthTrace> {
    return this.trace;
  }

  /** The intermediates of the last completed month. */
  lastTrace(): MonthTrace {
    if (this.next !== 0 || this.trace.offers === undefined) throw new Error("walkthrough: no completed month yet");
    return this.trace as MonthTrace;
  }

  private enter(stage: WalkthroughStage): void {
    if (stage !== this.nextStage) throw new Error(`walkthrough: "${stage}" called out of order; next is "${this.nextStage}"`);
    this.next = (this.next + 1) % WALKTHROUGH_STAGES.length;
  }

  /** The next k uniforms of the run's RNG, read from a copy (the run's RNG does not move). */
  private peek(k: number): { draws: number[]; after: RngState } {
    const copy = cloneRng(this.parts.rng);
    const draws = range(k).map(() => copy.next());
    return { draws, after: copy.state() };
  }

  /** Throw unless the component left the RNG exactly where the read-ahead predicted. */
  private expectAt(stage: DrawingStage, expected: RngState, draws: number): void {
    if (!sameState(expected, this.parts.rng.state())) {
      throw new Error(`walkthrough: stage "${stage}" did not draw the ${draws} numbers it was expected to`);
    }
    this.draws[stage] = draws;
  }

  /** The month's indicator row, built as `Simulation` builds it. */
  private monthlyRow(): MonthlyRow {
    const s = this.parts.state;
    let wages = 0;
    let savings = 0;
    let transfers = 0;
    for (let i = 0; i < s.n; i++) {
      wages += s.wage[i];
      savings += s.savings[i];
      transfers += s.transfer[i];
    }
    const production = this.production;
    return {
      month: this.ctx.month,
      year: this.ctx.year,
      price: s.price,
      mean_wage: wages / s.n,
      employed: this.employed,
      production,
      inventory: s.inventory,
      demand: this.market.demand,
      imbalance: this.phi,
      tax_revenue: this.revenue,
      transfers,
      consumption: this.market.spending,
      goods_sold: this.market.goodsSold,
      rationed: this.market.rationed,
      total_savings: savings,
      interest_rate: this.rateInForce,
      nominal_gdp: production * this.priceInForce,
      real_gdp: production * s.initialPrice,
    };
  }
}

function cloneRng(rng: Rng): Rng {
  const copy = createRng(0);
  copy.setState(rng.state());
  return copy;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
