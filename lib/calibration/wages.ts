import { check, readCsv } from "./files.js";

/** Years of BLS OEWS national wage estimates in `data/us_wages_oews.csv` (May of each year). */
export const OEWS_YEARS = [2018, 2019, 2022] as const;
/** A year of BLS OEWS wage percentiles in `data/us_wages_oews.csv`. */
export type OewsYear = (typeof OEWS_YEARS)[number];

/** Percentiles and mean of a wage distribution, in dollars (per hour or per year). */
export interface WagePercentiles {
  p10: number;
  p25: number;
  median: number;
  p75: number;
  p90: number;
  mean: number;
}

/** BLS OEWS, all occupations: wage rates per job, annual = hourly × 2080 (full-time equivalent). */
export interface OewsWages {
  year: OewsYear;
  employment: number;
  hourly: WagePercentiles;
  annual: WagePercentiles;
}

/** One point of the W-2 top tail: the `percentile`-th percentile of annual wages, in dollars. */
export interface TailPoint {
  percentile: number;
  annual: number;
}

const OEWS_FILE = "us_wages_oews.csv";
const TAIL_FILE = "us_wage_top_tail_2019.csv";
const MEASURES = ["p10", "p25", "median", "p75", "p90", "mean"] as const;
/** OEWS publishes annual figures rounded to $10 from unrounded hourly rates, hence a small tolerance. */
const ANNUAL_TOLERANCE = 25;
let oewsCache: Map<OewsYear, OewsWages> | undefined;
let tailCache: TailPoint[] | undefined;

/**
 * US wage distribution for `year` (the seed calibrates to 2022).
 *
 * @example
 * oewsWages(2022).annual.median; // 46310
 */
export function oewsWages(year: OewsYear): OewsWages {
  oewsCache ??= loadOews();
  const found = oewsCache.get(year);
  if (found === undefined) throw new RangeError(`oewsWages: no OEWS data for ${year}; have ${OEWS_YEARS.join(", ")}`);
  return { ...found, hourly: { ...found.hourly }, annual: { ...found.annual } };
}

/**
 * Top percentiles of 2019 annual W-2 wages, all workers (Minneapolis Fed IDDA): p90, p95, p99, p99.9, p99.99,
 * for fitting the Pareto tail above OEWS's p90.
 *
 * @example
 * wageTopTail2019()[2]; // { percentile: 99, annual: 321600 }
 */
export function wageTopTail2019(): TailPoint[] {
  if (tailCache === undefined) {
    const rows = readCsv(TAIL_FILE, ["year", "percentile", "annual"]);
    const points = rows.map((r) => ({ percentile: r.number("percentile"), annual: r.number("annual") }));
    check(rows.every((r) => r.number("year") === 2019), TAIL_FILE, "every row must be 2019");
    const increasing = points.every(
      (p, k) => k === 0 || (p.percentile > points[k - 1].percentile && p.annual > points[k - 1].annual),
    );
    check(points.length > 0 && increasing, TAIL_FILE, "percentiles and wages must increase");
    tailCache = points;
  }
  return tailCache.map((p) => ({ ...p }));
}

function loadOews(): Map<OewsYear, OewsWages> {
  const rows = readCsv(OEWS_FILE, ["year", "measure", "hourly", "annual", "employment"]);
  const byYear = new Map<OewsYear, OewsWages>();
  for (const year of OEWS_YEARS) {
    const mine = rows.filter((r) => r.number("year") === year);
    const get = (measure: string) => {
      const found = mine.filter((r) => r.text("measure") === measure);
      check(found.length === 1, OEWS_FILE, `${year} needs exactly one "${measure}" row`);
      const row = found[0];
      const hourly = row.number("hourly");
      const annual = row.number("annual");
      const fullTime = Math.abs(hourly * 2080 - annual) <= ANNUAL_TOLERANCE;
      check(fullTime, OEWS_FILE, `line ${row.line}: annual ≠ hourly × 2080`);
      return { hourly, annual };
    };
    const hourly = {} as WagePercentiles;
    const annual = {} as WagePercentiles;
    for (const measure of MEASURES) {
      const value = get(measure);
      hourly[measure] = value.hourly;
      annual[measure] = value.annual;
    }
    const employment = new Set(mine.map((r) => r.number("employment")));
    check(employment.size === 1, OEWS_FILE, `${year}: employment must be the same on every row`);
    const ordered = [hourly.p10, hourly.p25, hourly.median, hourly.p75, hourly.p90];
    check(ordered.every((v, k) => k === 0 || v > ordered[k - 1]), OEWS_FILE, `${year}: percentiles must increase`);
    byYear.set(year, { year, employment: [...employment][0], hourly, annual });
  }
  check(rows.length === OEWS_YEARS.length * MEASURES.length, OEWS_FILE, "unexpected extra rows");
  return byYear;
}
