import { ols, type OlsFit } from "../stats/regression.js";

/**
 * What a household saw when it decided (the perception prompt's numbers, docs/model.md §6), regressed on by
 * {@link decisionRationality}.
 */
export const RATIONALITY_REGRESSORS = [
  "expected_income", "last_consumption", "tax", "transfer", "price", "savings", "interest_rate",
] as const;
/** A decision-time state variable the propensities are regressed on. */
export type RationalityRegressor = (typeof RATIONALITY_REGRESSORS)[number];

/** The two propensities regressed: work and consumption. */
export const RATIONALITY_RESPONSES = ["work", "consumption"] as const;
/** A propensity whose rationality is tested: `work` or `consumption`. */
export type RationalityResponse = (typeof RATIONALITY_RESPONSES)[number];

/** One household-month: the propensities chosen and the state they were chosen in. Money in dollars. */
export interface DecisionObservation extends Record<RationalityRegressor, number>, Record<RationalityResponse, number> {
  month: number;
  household: number;
  /** false when expected_income is estimated (a month not worked after month 1): see {@link decisionPanel}. */
  income_exact: boolean;
}

/** A run's tables, as rows (e.g. `rowsOf(frames.decisions)`); cells may be numbers or numeric text. */
export interface RunTables {
  /** decisions.csv: month, household, work_propensity, consumption_propensity, worked, income, tax, transfer,
   * consumption, savings. */
  decisions: readonly Record<string, unknown>[];
  /** monthly.csv: month, price, mean_wage, interest_rate. */
  monthly: readonly Record<string, unknown>[];
  /** households.csv: household, initial_wage. */
  households: readonly Record<string, unknown>[];
  /** Hours of a working month (the run's config; default 168). */
  hoursPerMonth?: number;
}

/**
 * Rebuild each household-month's decision-time state from a run's output tables (docs/model.md §3: a policy decides
 * month t from the state left by month t − 1):
 * - last_consumption, tax, transfer, savings: household's month t − 1 row of decisions.csv (0 in month 1: every
 *   household starts with no money and no history);
 * - price: month t − 1's price after its update (monthly.csv), in month 1 P0 = the mean initial hourly wage;
 * - interest_rate: the rate in force in month t (monthly.csv);
 * - expected_income = hours·w_t, the income on offer. decisions.csv has no wage column, so w_t is exact only
 *   where it can be read: month 1 (initial_wage) and months worked (income = hours·w_t). In between, the
 *   household's wage relative to the mean wage (monthly.csv's mean_wage of month t − 1) is interpolated
 *   log-linearly between the nearest exact months, and carried forward after the last one. Wages move by
 *   independent draws of at most ±α_w·|φ| a month (eq. 8), so this is off by a few percent over a long spell
 *   of not working; `income_exact` marks the estimates.
 * @throws Error naming the table and column when a value is missing or not a number
 * @example
 * const panel = decisionPanel({ decisions: rowsOf(run.decisions!), monthly: rowsOf(run.monthly), households: rowsOf(run.households) });
 */
export function decisionPanel(run: RunTables): DecisionObservation[] {
  const hours = run.hoursPerMonth ?? 168;
  const months = run.monthly.map((row) => num(row, "month", "monthly"));
  const monthly = new Map(run.monthly.map((row, k) => [months[k], row]));
  const initialWage = new Map(run.households.map((row) => [num(row, "household", "households"), num(row, "initial_wage", "households")]));
  const initialMean = [...initialWage.values()].reduce((s, w) => s + w, 0) / initialWage.size;
  const monthRow = (t: number) => {
    const row = monthly.get(t);
    if (!row) throw new Error(`decisionPanel: monthly has no row for month ${t}`);
    return row;
  };
  const meanWageAt = (t: number) => (t === 1 ? initialMean : num(monthRow(t - 1), "mean_wage", "monthly"));

  const byHousehold = new Map<number, Record<string, unknown>[]>();
  for (const row of run.decisions) {
    const i = num(row, "household", "decisions");
    if (!byHousehold.has(i)) byHousehold.set(i, []);
    byHousehold.get(i)!.push(row);
  }
  const panel: DecisionObservation[] = [];
  for (const [i, unsorted] of [...byHousehold.entries()].sort((a, b) => a[0] - b[0])) {
    const rows = unsorted.slice().sort((a, b) => num(a, "month", "decisions") - num(b, "month", "decisions"));
    const w0 = initialWage.get(i);
    if (w0 === undefined) throw new Error(`decisionPanel: households has no row for household ${i}`);
    const monthOf = rows.map((row) => num(row, "month", "decisions"));
    monthOf.forEach((t, k) => {
      if (t !== k + 1) throw new Error(`decisionPanel: household ${i} has no decisions row for month ${k + 1}`);
    });
    // Wage relative to the mean wage, exactly where known (null elsewhere).
    const relative = rows.map((row, k) => {
      const t = k + 1;
      if (t === 1) return w0 / meanWageAt(1);
      return num(row, "worked", "decisions") === 1 ? num(row, "income", "decisions") / hours / meanWageAt(t) : null;
    });
    const estimated = interpolateLog(relative);
    rows.forEach((row, k) => {
      const t = k + 1;
      const previous = k > 0 ? rows[k - 1] : null;
      const last = (column: string) => (previous ? num(previous, column, "decisions") : 0);
      panel.push({
        month: t,
        household: i,
        work: num(row, "work_propensity", "decisions"),
        consumption: num(row, "consumption_propensity", "decisions"),
        expected_income: hours * estimated[k] * meanWageAt(t),
        last_consumption: last("consumption"),
        tax: last("tax"),
        transfer: last("transfer"),
        price: t === 1 ? initialMean : num(monthRow(t - 1), "price", "monthly"),
        savings: last("savings"),
        interest_rate: num(monthRow(t), "interest_rate", "monthly"),
        income_exact: relative[k] !== null,
      });
    });
  }
  return panel;
}

/** Fill the gaps of a series (first value known) log-linearly between known values, flat after the last. */
function interpolateLog(values: (number | null)[]): number[] {
  const out = new Array<number>(values.length);
  let before = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v !== null) {
      out[k] = v;
      before = k;
      continue;
    }
    let after = k + 1;
    while (after < values.length && values[after] === null) after++;
    const a = values[before]!;
    out[k] = after < values.length ? a * Math.pow(values[after]! / a, (k - before) / (after - before)) : a;
  }
  return out;
}

function num(row: Record<string, unknown>, column: string, table: string): number {
  const v = row[column];
  const x = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  if (!Number.isFinite(x)) throw new Error(`decisionPanel: ${table} column "${column}" is missing or not a number (got ${JSON.stringify(v)})`);
  return x;
}

/** Options of {@link decisionRationality}. */
export interface RationalityOptions {
  /** Significance level of the coefficient t-tests. Default 0.05. */
  alpha?: number;
  /** z-score each regressor within each household (default true); t and p do not depend on it. */
  standardize?: boolean;
  /** The regressors, in order. Default {@link RATIONALITY_REGRESSORS}. */
  regressors?: readonly RationalityRegressor[];
}

/** One household's regression of one propensity. */
export interface HouseholdRegression {
  household: number;
  response: RationalityResponse;
  fit: OlsFit;
}

/** How many households have a regressor's coefficient significant, by sign (one row per response × regressor). */
export interface SignificanceCount {
  response: RationalityResponse;
  regressor: RationalityRegressor;
  /** Households whose coefficient was tested (not dropped, response not constant, residual dof > 0). */
  tested: number;
  /** Significant at `alpha` with a positive / negative estimate. */
  positive: number;
  negative: number;
  not_significant: number;
  /** Households where no test was possible (regressor constant or collinear, response constant, too few months). */
  untested: number;
  /** Median estimate over tested households (per standard deviation of the regressor when standardized). */
  median_estimate: number | null;
}

/** What {@link decisionRationality} returns: every household's regressions and the significance counts over households. */
export interface RationalityResult {
  alpha: number;
  standardized: boolean;
  regressions: HouseholdRegression[];
  counts: SignificanceCount[];
}

/**
 * The decision-rationality analysis (paper §5): for every household separately, regress its work propensity and
 * its consumption propensity on the state it decided in (expected income, last consumption, tax, transfer,
 * price, savings, interest rate; {@link decisionPanel}) by OLS with an intercept, and count for each coefficient
 * how many households have it significant at `alpha` (two-sided t-test), positive or negative.
 *
 * Regressors are standardised within the household by default, so an estimate is the change in propensity per
 * standard deviation of the regressor over that household's months, comparable across regressors; significance
 * is the same either way. Caveats: the standard errors are the classical ones, and a household's months form a
 * time series whose errors are likely autocorrelated, which makes these tests overstate significance; the
 * regressors are correlated (tax follows last income, savings follow consumption), so a rule that depends on
 * one of them can show up as significant on another.
 * @example
 * const result = decisionRationality(decisionPanel(tables));
 * result.counts.filter((c) => c.response === "work");
 */
export function decisionRationality(panel: readonly DecisionObservation[], options: RationalityOptions = {}): RationalityResult {
  const alpha = options.alpha ?? 0.05;
  const standardized = options.standardize ?? true;
  const regressors = options.regressors ?? RATIONALITY_REGRESSORS;
  const households = new Map<number, DecisionObservation[]>();
  for (const obs of panel) {
    if (!households.has(obs.household)) households.set(obs.household, []);
    households.get(obs.household)!.push(obs);
  }
  const regressions: HouseholdRegression[] = [];
  for (const [household, rows] of [...households.entries()].sort((a, b) => a[0] - b[0])) {
    const columns = regressors.map((r) => rows.map((obs) => obs[r]));
    const design = standardized ? columns.map(zScores) : columns;
    const X = rows.map((_, k) => design.map((col) => col[k]));
    for (const response of RATIONALITY_RESPONSES) {
      regressions.push({ household, response, fit: ols(X, rows.map((obs) => obs[response]), regressors) });
    }
  }
  const counts: SignificanceCount[] = [];
  for (const response of RATIONALITY_RESPONSES) {
    regressors.forEach((regressor, j) => {
      const tested = regressions
        .filter((r) => r.response === response)
        .map((r) => r.fit.coefficients[j + 1])
        .filter((c) => c.p !== null);
      const significant = tested.filter((c) => c.p! < alpha);
      counts.push({
        response,
        regressor,
        tested: tested.length,
        positive: significant.filter((c) => c.estimate! > 0).length,
        negative: significant.filter((c) => c.estimate! < 0).length,
        not_significant: tested.length - significant.length,
        untested: households.size - tested.length,
        median_estimate: median(tested.map((c) => c.estimate!)),
      });
    });
  }
  return { alpha, standardized, regressions, counts };
}

/** (x − mean)/sd with the sample sd; a constant column is returned as is (the regression drops it). */
function zScores(column: number[]): number[] {
  const n = column.length;
  const mean = column.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(column.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, n - 1));
  return sd > 0 && column.some((v) => v !== column[0]) ? column.map((v) => (v - mean) / sd) : column;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
