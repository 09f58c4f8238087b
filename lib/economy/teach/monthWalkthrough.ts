import { jobTitle, TITLES_PER_BUCKET } from "../../calibration/jobs.js";
import { createRng, shuffle, type Rng, type RngState } from "../../rng.js";
import { taylorInputs } from "../centralBank.js";
import type { YearMacro } from "../indicators.js";
import { wageBucket } from "../jobs.js";
import type { MonthlyRow } from "../rows.js";
import type { Simulation } from "../simulation.js";
import type { Month, Stage } from "../stage.js";
import type { EconomyState } from "../state.js";
import { sameState } from "./economyDifferences.js";
import { bracketOf, taylorTerms, type TableRow } from "./equationTerms.js";

/** The paper's nine steps of the month (docs/model.md §3), the walkthrough's one-cell-per-step names, in order. */
export const WALKTHROUGH_STAGES = [
  "decide", "labor", "tax", "consume", "imbalance", "wages", "price", "centralBank", "offers",
] as const;
/** One of the walkthrough's steps of the month. */
export type WalkthroughStage = (typeof WALKTHROUGH_STAGES)[number];
/** The stages that draw random numbers: labor (eq. 5), serving order (eq. 10), wages (eq. 8), price (eq. 9), offers. */
export type DrawingStage = "labor" | "consume" | "wages" | "price" | "offers";

/** A stage without a table of its own (ageing, the bank's, a scenario's): each household's accounts before and after. */
export interface ChangeTrace {
  equation: string;
  rows: TableRow[];
  price: { before: number; after: number };
}

/** Everything one month of the walkthrough computed, stage by stage, as tables (notebook 02). */
export interface MonthTrace {
  month: number;
  year: number;
  monthOfYear: number;
  /** The stages that ran this month, in order, with their equations (the bank's and a scenario's included). */
  stages: { name: string; equation: string }[];
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
  /** The stages without a table of their own, by name: ageing, and the bank's and the scenario's stages. */
  other: Record<string, ChangeTrace>;
  /** Uniform draws each drawing stage took from the RNG (the other stages draw none). */
  draws: Record<DrawingStage, number>;
}

/** What a recorder keeps from before its stage runs, to build the table after. */
interface Before {
  savings: Float64Array;
  wage: Float64Array;
  price: number;
  rate: number;
  inventory: number;
  /** The RNG's next draws (read from a copy), and where it must stand after the stage. */
  ahead: { draws: number[]; after: RngState };
  rng: Rng;
}

/**
 * The month of docs/model.md §3 taken apart for teaching. It runs the simulation's own stages — the same list
 * `Simulation.step` runs, so the bank's and a scenario's stages too — with an observer that records what a reader
 * needs to redo each equation by hand (per-household tables and scalars). The random draws a stage will make are
 * read ahead from a copy of the RNG, and after the stage the walkthrough checks that it consumed exactly those
 * draws, so the tables show the numbers the engine used. Observing changes nothing: a twin simulation stepped
 * with `step()` stays equal bit for bit ({@link "economy/teach/economyDifferences"!economyDifferences}).
 * @example
 * const options = { policy: "composite", households: 8, months: 24, seed: 1 } as const;
 * const walk = new MonthWalkthrough((await createSimulation(options)).simulation);
 * await walk.decide(); walk.labor(); walk.current.labor.rows; // … one step at a time, or:
 * const trace = await walk.month();
 * trace.stages.map((s) => s.name); // ["newYear", "decide", "labor", "tax", "consume", …]
 */
export class MonthWalkthrough {
  private next = 0;
  /** Index of the next simulation stage within the month in progress. */
  private position = 0;
  private monthInProgress: Month | null = null;
  private trace: Partial<MonthTrace> = {};
  private draws = {} as Record<DrawingStage, number>;
  /** December's interest rows, kept for the central bank's table (empty in other months and with the bank on). */
  private interest: TableRow[] = [];

  constructor(readonly simulation: Simulation) {}

  get state(): EconomyState {
    return this.simulation.state;
  }

  get rng(): Rng {
    return this.simulation.rng;
  }

  /** The simulation's monthly rows (the walkthrough steps the simulation itself). */
  get monthly(): readonly MonthlyRow[] {
    return this.simulation.monthly;
  }

  get annual(): readonly YearMacro[] {
    return this.simulation.annual;
  }

  /** The step the next call must be (steps run in the paper's order). */
  get nextStage(): WalkthroughStage {
    return WALKTHROUGH_STAGES[this.next];
  }

  /** Job title of offer/job index `k` (bucket·10 + title). */
  title(k: number): string {
    return k < 0 ? "—" : jobTitle(k);
  }

  /** Step 1: the policy's propensities from last month's state (after January's ageing and a scenario's level shocks). */
  async decide(): Promise<TableRow[]> {
    await this.through("decide");
    return this.trace.decide as TableRow[];
  }

  /** Step 2 (eq. 5): Bernoulli labor l_i = [U_i < p^w_i], income z_i = 168·w_i·l_i, production joins inventory. */
  async labor(): Promise<MonthTrace["labor"]> {
    await this.through("labor");
    return this.trace.labor as MonthTrace["labor"];
  }

  /** Step 3 (eq. 1): T(z_i) bracket by bracket, post-tax income, and the transfer R_i. */
  async tax(): Promise<MonthTrace["tax"]> {
    await this.through("tax");
    return this.trace.tax as MonthTrace["tax"];
  }

  /** Step 4 (eqs. 6, 10, 11): budgets, demand, served in a random order while goods last (a scenario's basic income and the bank's credit first). */
  async consume(): Promise<MonthTrace["consume"]> {
    await this.through("consume");
    return this.trace.consume as MonthTrace["consume"];
  }

  /** Step 5 (eq. 7): φ = (D − G)/max(D, G) (the bank's deposits first). */
  async imbalance(): Promise<MonthTrace["imbalance"]> {
    await this.through("imbalance");
    return this.trace.imbalance as MonthTrace["imbalance"];
  }

  /** Step 6 (eq. 8): w_i ← max(1, w_i·(1 + α_w·φ·U_i)), one U_i per household. */
  async wages(): Promise<MonthTrace["wages"]> {
    await this.through("wages");
    return this.trace.wages as MonthTrace["wages"];
  }

  /** Step 7 (eq. 9): P ← max(1, P·(1 + α_P·φ·U)), one draw. */
  async price(): Promise<MonthTrace["price"]> {
    await this.through("price");
    return this.trace.price as MonthTrace["price"];
  }

  /**
   * Step 8: in December, interest s_i ← s_i·(1 + r) (eq. 12; none with the bank on); the month's indicator row;
   * in December the year's indicators and, from the end of year `taylorFromYear`, the Taylor rule (eq. 13).
   */
  async centralBank(): Promise<MonthTrace["centralBank"]> {
    await this.through("centralBank");
    return this.trace.centralBank as MonthTrace["centralBank"];
  }

  /** Step 9: every household that did not work gets a new random title from the bucket of its new wage; the month ends. */
  async offers(): Promise<TableRow[]> {
    await this.through("offers");
    return this.trace.offers as TableRow[];
  }

  /** All stages of the next month, in order. */
  async month(): Promise<MonthTrace> {
    if (this.next !== 0) throw new Error(`walkthrough: a month is half done (next stage: ${this.nextStage})`);
    for (const stage of WALKTHROUGH_STAGES) await this.through(stage);
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

  /** Run the simulation's stages up to and including `name` (and end the month after its last stage). */
  private async through(name: WalkthroughStage): Promise<void> {
    if (name !== this.nextStage) throw new Error(`walkthrough: "${name}" called out of order; next is "${this.nextStage}"`);
    this.next = (this.next + 1) % WALKTHROUGH_STAGES.length;
    const sim = this.simulation;
    let month = this.monthInProgress;
    if (month === null) {
      month = sim.beginMonth();
      this.monthInProgress = month;
      this.position = 0;
      this.draws = {} as Record<DrawingStage, number>;
      const { context: c } = month;
      this.trace = { month: c.month, year: c.year, monthOfYear: c.monthOfYear, stages: [], other: {}, draws: this.draws };
    }
    let stage: Stage;
    do {
      stage = sim.stages[this.position++];
      const before = this.before(stage);
      await stage.run(month);
      this.record(stage, month, before);
    } while (stage.name !== name);
    if (this.position === sim.stages.length) {
      this.monthInProgress = null;
      await sim.endMonth(month);
    }
  }

  private before(stage: Stage): Before {
    const s = this.state;
    const rng = cloneRng(this.rng);
    return {
      savings: Float64Array.from(s.savings),
      wage: Float64Array.from(s.wage),
      price: s.price,
      rate: s.rate,
      inventory: s.inventory,
      ahead: { draws: [], after: rng.state() },
      rng,
      ...this.peekFor(stage),
    };
  }

  /** The next uniforms the drawing stage about to run will take (N for labor and wages, 1 for the price, one per unemployed for offers). */
  private peekFor(stage: Stage): Partial<Before> {
    const s = this.state;
    let k = 0;
    if (stage.name === "labor" || stage.name === "wages") k = s.n;
    else if (stage.name === "price") k = 1;
    else if (stage.name === "offers") for (let i = 0; i < s.n; i++) k += s.worked[i] ? 0 : 1;
    return k > 0 ? { ahead: this.peek(k) } : {};
  }

  private record(stage: Stage, m: Month, b: Before): void {
    const t = this.trace;
    const s = this.state;
    const p = m.params;
    const d = this.simulation.decisions;
    const policy = this.simulation.policy;
    t.stages!.push({ name: stage.name, equation: stage.equation });
    switch (stage.name) {
      case "decide":
        t.decide = range(s.n).map((i) => ({
          household: i,
          rule: policy.householdType?.(i) ?? policy.name,
          age: s.age[i],
          "w (hourly)": s.wage[i],
          "z = 168·w": p.hoursPerMonth * s.wage[i],
          s: s.savings[i],
          P: s.price,
          r: s.rate,
          "p^w": d.work[i],
          "p^c": d.consumption[i],
        }));
        return;
      case "labor":
        this.expectAt("labor", b.ahead.after, s.n);
        t.labor = {
          rows: range(s.n).map((i) => ({
            household: i,
            "p^w": d.work[i],
            U: b.ahead.draws[i],
            "l = [U < p^w]": s.worked[i],
            w: s.wage[i],
            "z = 168·w·l": s.income[i],
            job: s.worked[i] ? this.title(s.job[i]) : "(unemployed)",
          })),
          employed: m.employed,
          production: m.production,
          inventoryBefore: b.inventory,
          inventoryAfter: s.inventory,
        };
        return;
      case "tax": {
        let transfersPaid = 0;
        const rows = range(s.n).map((i) => {
          const z = s.income[i];
          const bracket = bracketOf(z, m.inForce.taxSchedule);
          transfersPaid += s.transfer[i];
          return {
            household: i,
            z,
            "b_k": bracket.lower,
            "τ_k": bracket.rate,
            "T on brackets below b_k": bracket.below,
            "τ_k·(z − b_k)": z > 0 ? bracket.rate * (z - bracket.lower) : 0,
            "T(z)": s.tax[i],
            "T/z": z > 0 ? s.tax[i] / z : 0,
            "z − T": z - s.tax[i],
            R: s.transfer[i],
            "s before": b.savings[i],
            "s after": s.savings[i],
          };
        });
        t.tax = { rows, revenue: m.revenue, transferEach: m.revenue / s.n, transfersPaid };
        return;
      }
      case "consume":
        t.consume = this.consumeTrace(m, b);
        return;
      case "imbalance":
        t.imbalance = { demand: m.market.demand, available: m.market.available, phi: m.imbalance };
        return;
      case "wages":
        this.expectAt("wages", b.ahead.after, s.n);
        t.wages = {
          rows: range(s.n).map((i) => ({
            household: i,
            "w before": b.wage[i],
            U: b.ahead.draws[i],
            "α_w·φ·U": p.wageAdjustment * m.imbalance * b.ahead.draws[i],
            "w after": s.wage[i],
          })),
          maxChange: p.wageAdjustment * m.imbalance,
        };
        return;
      case "price":
        this.expectAt("price", b.ahead.after, 1);
        t.price = { before: b.price, draw: b.ahead.draws[0], change: p.priceAdjustment * m.imbalance * b.ahead.draws[0], after: s.price };
        return;
      case "interest":
        this.interest = m.december
          ? range(s.n).map((i) => ({ household: i, "s before": b.savings[i], r: b.rate, "r·s": s.savings[i] - b.savings[i], "s after": s.savings[i] }))
          : [];
        return;
      case "centralBank": {
        const inputs = taylorInputs(m);
        t.centralBank = {
          december: m.december,
          interest: this.interest,
          row: m.row(),
          annual: m.december ? m.year() : null,
          taylor: inputs ? taylorTerms(p, inputs.inflation, inputs.unemployment) : [],
          rateBefore: b.rate,
          rateAfter: s.rate,
        };
        this.interest = [];
        return;
      }
      case "offers": {
        const rows: TableRow[] = [];
        let k = 0;
        for (let i = 0; i < s.n; i++) {
          if (s.worked[i]) continue;
          const monthly = p.hoursPerMonth * s.wage[i];
          const u = b.ahead.draws[k++];
          rows.push({
            household: i,
            "168·w": monthly,
            bucket: wageBucket(monthly, s.bucketEdges),
            U: u,
            "title = ⌊10·U⌋": Math.floor(u * TITLES_PER_BUCKET),
            offer: this.title(s.offer[i]),
          });
        }
        this.expectAt("offers", b.ahead.after, k);
        t.offers = rows;
        return;
      }
      default:
        t.other![stage.name] = this.changeTrace(stage, b);
    }
  }

  /**
   * The serving order is drawn only under shortage (D > G); it is reproduced here with `shuffle` on a copy of the
   * RNG and checked against the order the market used.
   */
  private consumeTrace(m: Month, b: Before): MonthTrace["consume"] {
    const s = this.state;
    const n = s.n;
    const { market } = m;
    const price = s.price;
    const consumption = this.simulation.decisions.consumption;
    const shortage = market.demand > market.available;
    let serving = range(n);
    if (shortage) {
      const expected = Int32Array.from(serving);
      shuffle(b.rng, expected);
      this.expectAt("consume", b.rng.state(), n);
      if (expected.some((v, k) => v !== this.simulation.order[k])) throw new Error("walkthrough: serving order differs from the market's");
      serving = Array.from(expected);
    } else {
      this.expectAt("consume", b.rng.state(), 0);
    }
    let stock = market.available;
    const rows = serving.map((i, k) => {
      const budget = consumption[i] * b.savings[i];
      const goods = s.spend[i] / price;
      const row = {
        "serving position": k + 1,
        household: i,
        "p^c": consumption[i],
        s: b.savings[i],
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
    const { demand, available, goodsSold, spending, rationed } = market;
    return { rows, price, demand, available, shortage, goodsSold, spending, rationed };
  }

  /** Each household's money and wage before and after a stage without a table of its own (and its bank account, if any). */
  private changeTrace(stage: Stage, b: Before): ChangeTrace {
    const s = this.state;
    const bank = this.simulation.bank?.state;
    const rows = range(s.n).map((i) => ({
      household: i,
      age: s.age[i],
      "s before": b.savings[i],
      "s after": s.savings[i],
      "w before": b.wage[i],
      "w after": s.wage[i],
      ...(bank ? { deposit: bank.deposit[i], debt: bank.debt[i], drawn: bank.drawn[i], instalment: bank.instalment[i], missed: bank.missed[i] } : {}),
    }));
    return { equation: stage.equation, rows, price: { before: b.price, after: s.price } };
  }

  /** The next k uniforms of the run's RNG, read from a copy (the run's RNG does not move). */
  private peek(k: number): { draws: number[]; after: RngState } {
    const copy = cloneRng(this.rng);
    const draws = range(k).map(() => copy.next());
    return { draws, after: copy.state() };
  }

  /** Throw unless the stage left the RNG exactly where the read-ahead predicted. */
  private expectAt(stage: DrawingStage, expected: RngState, draws: number): void {
    if (!sameState(expected, this.rng.state())) {
      throw new Error(`walkthrough: stage "${stage}" did not draw the ${draws} numbers it was expected to`);
    }
    this.draws[stage] = draws;
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
