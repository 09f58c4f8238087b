/**
 * Economy parameters with the official EconAgent configuration as defaults (docs/model.md §1).
 * Monthly tax brackets are data (`data/tax_schedules.json`); the schedule in force is chosen by `taxYear`.
 */
export interface EconomyParameters {
  /** Number of households N (no cap; the official code stopped at 160). */
  households: number;
  /** Simulated months M, a positive multiple of 12. */
  months: number;
  /** Calendar year of month 1 (the paper simulates 2001.01–2020.12). */
  startYear: number;
  /** Hours in a working month: labor is binary, 21 days × 8 h. */
  hoursPerMonth: number;
  /** Goods produced per hour worked (A in eq. 5). */
  productivity: number;
  /** Maximum relative wage change per month (α_w, eq. 8). */
  wageAdjustment: number;
  /** Maximum relative price change per month (α_P, eq. 9). */
  priceAdjustment: number;
  /** Floor for every hourly wage and for the price. */
  floor: number;
  /** Annual interest rate in force until the Taylor rule first acts (end of year 2). */
  initialRate: number;
  /** Taylor rule (eq. 13): natural rate r^n, inflation target π^t, natural unemployment u^n, and the two gaps' weights. */
  naturalRate: number;
  inflationTarget: number;
  naturalUnemployment: number;
  inflationWeight: number;
  unemploymentWeight: number;
  /** First year (1-based) whose December sets the rate by the Taylor rule; the official code starts after year 2. */
  taylorFromYear: number;
  /** US federal single-filer brackets ÷ 12; 2019 is the official default (the official code labels it 2018). */
  taxYear: 2018 | 2019 | 2022;
  /** How the initial hourly wages are set (docs/model.md §2). */
  wages: WageDistribution;
}

/**
 * - `official`: expected order statistics of min(950, 949·Lomax(8) + 1), computed exactly (the official code
 *   averages 1000 sorted draws; this is that average's limit).
 * - `official-sampled`: the official procedure itself — 1000 × N draws from the run's RNG, sorted, averaged per rank.
 * - `calibrated`: US 2022 hourly wages (BLS OEWS percentiles with a Pareto tail, α = 2).
 */
export type WageDistribution = "official" | "official-sampled" | "calibrated";

/**
 * The official EconAgent configuration (docs/model.md §1).
 * @example
 * DEFAULT_PARAMETERS.taxYear; // 2019
 */
export const DEFAULT_PARAMETERS: Readonly<EconomyParameters> = Object.freeze({
  households: 100,
  months: 240,
  startYear: 2001,
  hoursPerMonth: 168,
  productivity: 1,
  wageAdjustment: 0.05,
  priceAdjustment: 0.1,
  floor: 1,
  initialRate: 0.03,
  naturalRate: 0.01,
  inflationTarget: 0.02,
  naturalUnemployment: 0.04,
  inflationWeight: 0.5,
  unemploymentWeight: 0.5,
  taylorFromYear: 2,
  taxYear: 2019,
  wages: "official",
});
