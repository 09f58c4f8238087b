import { UsageError } from "../errors.js";
import { check, isNumberArray, readJson } from "./files.js";

/** Years with a recorded US single-filer schedule in `data/tax_schedules.json`. */
export const TAX_YEARS = [2018, 2019, 2022] as const;
/** A year whose US federal brackets are in `data/tax_schedules.json`. */
export type TaxYear = (typeof TAX_YEARS)[number];

/**
 * The default: EconAgent's prompts use the 2019 brackets ÷ 12 (the official code calls them 2018's).
 */
export const DEFAULT_TAX_YEAR: TaxYear = 2019;

/**
 * A monthly progressive schedule (paper eq. 1): `rates[k]` applies to income between `cutoffs[k]` and
 * `cutoffs[k + 1]` (unbounded above the last cutoff). Cutoffs are in dollars per month.
 */
export interface TaxSchedule {
  /** The US tax year the brackets come from (a scenario's top-rate change keeps its year). */
  readonly year: TaxYear;
  readonly cutoffs: readonly number[];
  readonly rates: readonly number[];
}

const FILE = "tax_schedules.json";
const RATES = [0.1, 0.12, 0.22, 0.24, 0.32, 0.35, 0.37];
let cache: Map<TaxYear, TaxSchedule> | undefined;

/**
 * US federal single-filer brackets for `year` as a monthly schedule: cutoffs are 0 and the annual upper edges of
 * the 10–35 % brackets ÷ 12, rounded to cents.
 *
 * @example
 * taxSchedule(2019).cutoffs; // [0, 808.33, 3289.58, 7016.67, 13393.75, 17008.33, 42525]
 */
export function taxSchedule(year: TaxYear): TaxSchedule {
  if (!(TAX_YEARS as readonly number[]).includes(year)) throw new UsageError("tax year", year, TAX_YEARS.join(", "));
  cache ??= loadSchedules();
  const schedule = cache.get(year)!;
  return { year, cutoffs: [...schedule.cutoffs], rates: [...schedule.rates] };
}

function loadSchedules(): Map<TaxYear, TaxSchedule> {
  const json = readJson(FILE) as Record<string, unknown>;
  const schedules = new Map<TaxYear, TaxSchedule>();
  for (const year of TAX_YEARS) {
    const entry = json[String(year)] as { cutoffs?: unknown; rates?: unknown; annual_upper_edges?: unknown };
    check(entry !== undefined, FILE, `no schedule for ${year}`);
    const { cutoffs, rates, annual_upper_edges: edges } = entry;
    check(isNumberArray(cutoffs, 7) && cutoffs[0] === 0, FILE, `${year}: cutoffs must be 7 numbers from 0`);
    check(isNumberArray(rates, 7) && rates.every((r, k) => r === RATES[k]), FILE, `${year}: rates must be ${RATES}`);
    check(isNumberArray(edges, 6), FILE, `${year}: annual_upper_edges must be 6 numbers`);
    edges.forEach((edge, k) => {
      const monthly = Math.round((edge / 12) * 100) / 100;
      check(cutoffs[k + 1] === monthly, FILE, `${year}: cutoff ${cutoffs[k + 1]} is not ${edge}/12 = ${monthly}`);
    });
    schedules.set(year, { year, cutoffs, rates });
  }
  return schedules;
}
