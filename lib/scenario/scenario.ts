/**
 * Real-world events and policy scenarios (docs/model.md §8; seed §4.6): a JSON file of dated events, each with a news
 * sentence added to the LLM households' prompts for a month range and/or parameter changes for that range.
 *
 * ```json
 * { "name": "2008 financial crisis", "description": "…",
 *   "events": [{ "from": "2008-09", "to": "2009-06", "news": "…", "changes": { "wageLevel": 0.95 } }] }
 * ```
 *
 * Changes of a **level** (`wageLevel`, `priceLevel`: factors) are one-time jumps at the first month of the range
 * (wages and the price are state that the markets then move on, eqs. 8–9); every other change is a **parameter in
 * force** during the range and reverts afterwards: `productivity` (goods per hour), `taxYear` (2018, 2019, 2022),
 * `topTaxRate` (the top bracket's marginal rate), the Taylor rule's `naturalRate`, `inflationTarget`,
 * `naturalUnemployment`, `inflationWeight`, `unemploymentWeight` (eq. 13, applied in the Decembers of the range)
 * and `ubi` (a universal basic income, dollars per household per month, paid by the government on top of the
 * redistributed tax and counted in `transfers`), funded as `ubiFunding` says: `new-money` (the default — printed,
 * as the model has no government debt) or `income-tax` (budget-neutral: a flat surcharge on post-tax labor income
 * at the rate that raises exactly the month's basic income, counted in `tax_revenue`).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { quoted, UsageError } from "../errors.js";
import { parseJson } from "../readBack.js";
import { TAX_YEARS, type TaxYear } from "../calibration/tax.js";
import { UBI_FUNDING, type UbiFunding } from "../economy/inForce.js";

/** The parameter changes an event may make during its range (docs/model.md §8). */
export interface ScenarioChanges {
  wageLevel?: number;
  priceLevel?: number;
  productivity?: number;
  taxYear?: TaxYear;
  topTaxRate?: number;
  naturalRate?: number;
  inflationTarget?: number;
  naturalUnemployment?: number;
  inflationWeight?: number;
  unemploymentWeight?: number;
  ubi?: number;
  ubiFunding?: UbiFunding;
}


/** One event of a scenario file: its month range, a news sentence and parameter changes. */
export interface ScenarioEvent {
  /** First and last month of the range, "YYYY-MM", inclusive. */
  from: string;
  to: string;
  /** Said to LLM households right after the date, every month of the range. */
  news?: string;
  changes?: ScenarioChanges;
}

/** A scenario file: its name and events. */
export interface Scenario {
  name: string;
  description?: string;
  events: ScenarioEvent[];
}

/** An event with its range as run months (1-based, inclusive). */
export interface TimedEvent extends ScenarioEvent {
  firstMonth: number;
  lastMonth: number;
}

/** A check of one value of a scenario file: what is allowed (for the error message) and the test. */
export type Check = {
  /** What is allowed, for the error message. */
  allowed: string;
  /** Whether the value is allowed. */
  ok: (v: unknown) => boolean;
};
const inRange = (lo: number, hi: number, allowed: string): Check => ({ allowed, ok: (v) => typeof v === "number" && Number.isFinite(v) && v >= lo && v <= hi });
const factor = inRange(1e-6, 1e6, "a positive factor (1 = unchanged)");
const anyNumber = inRange(-1e6, 1e6, "a finite number");

/** Every change a scenario may make, how it is checked, and whether it is a one-time jump. */
export const CHANGE_SPECS: { readonly [K in keyof ScenarioChanges]-?: Check & { jump: boolean } } = {
  wageLevel: { ...factor, jump: true },
  priceLevel: { ...factor, jump: true },
  productivity: { ...inRange(1e-6, 1e6, "a positive number of goods per hour"), jump: false },
  taxYear: { allowed: TAX_YEARS.join(", "), ok: (v) => (TAX_YEARS as readonly unknown[]).includes(v), jump: false },
  topTaxRate: { ...inRange(0, 1, "a rate in [0, 1]"), jump: false },
  naturalRate: { ...anyNumber, jump: false },
  inflationTarget: { ...anyNumber, jump: false },
  naturalUnemployment: { ...inRange(0, 1, "a share in [0, 1]"), jump: false },
  inflationWeight: { ...anyNumber, jump: false },
  unemploymentWeight: { ...anyNumber, jump: false },
  ubi: { ...inRange(0, 1e9, "a non-negative amount of dollars per month"), jump: false },
  ubiFunding: { allowed: UBI_FUNDING.join(", "), ok: (v) => (UBI_FUNDING as readonly unknown[]).includes(v), jump: false },
};

const EVENT_KEYS = ["from", "to", "news", "changes"];
const SCENARIO_KEYS = ["name", "description", "events"];

function unknownKey(value: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new UsageError(`${where}.${key}`, value[key], `one of the keys ${allowed.join(", ")}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** "YYYY-MM" → run month (1 = January of startYear). */
function runMonth(value: unknown, field: string, startYear: number, months: number): number {
  const last = startYear + Math.floor((months - 1) / 12);
  const allowed = `a month "YYYY-MM" from "${startYear}-01" to "${last}-12" (the run's months)`;
  const match = typeof value === "string" ? /^(\d{4})-(\d{2})$/.exec(value) : null;
  if (!match) throw new UsageError(field, value, allowed);
  const month = (Number(match[1]) - startYear) * 12 + Number(match[2]);
  if (Number(match[2]) < 1 || Number(match[2]) > 12 || month < 1 || month > months) throw new UsageError(field, value, allowed);
  return month;
}

/**
 * Validate a parsed scenario against a run (its first year and length): unknown keys, malformed or out-of-run
 * dates, bad values and contradictory overlaps (two events setting the same parameter to different values in
 * overlapping ranges, or both setting a level, which would compound) are UsageErrors naming the field as `<file>: events[k].changes.key`.
 * @example
 * validateScenario({ name: "t", events: [] }, "s.json", 2001, 24); // throws: s.json: events: got []; allowed: a non-empty array
 */
export function validateScenario(raw: unknown, file: string, startYear: number, months: number): { scenario: Scenario; events: TimedEvent[] } {
  if (!isObject(raw)) throw new UsageError(file, raw, 'a JSON object {"name": …, "events": […]}');
  unknownKey(raw, SCENARIO_KEYS, file);
  if (typeof raw.name !== "string" || raw.name === "") throw new UsageError(`${file}: name`, raw.name, "a non-empty string");
  if (raw.description !== undefined && typeof raw.description !== "string") throw new UsageError(`${file}: description`, raw.description, "a string");
  if (!Array.isArray(raw.events) || raw.events.length === 0) throw new UsageError(`${file}: events`, raw.events, "a non-empty array of events");
  const events = raw.events.map((event: unknown, k: number): TimedEvent => {
    const where = `${file}: events[${k}]`;
    if (!isObject(event)) throw new UsageError(where, event, 'an object {"from", "to", "news"?, "changes"?}');
    unknownKey(event, EVENT_KEYS, where);
    const firstMonth = runMonth(event.from, `${where}.from`, startYear, months);
    const lastMonth = runMonth(event.to, `${where}.to`, startYear, months);
    if (lastMonth < firstMonth) throw new UsageError(`${where}.to`, event.to, `a month not before "from" (${String(event.from)})`);
    if (event.news !== undefined && (typeof event.news !== "string" || event.news.trim() === "")) {
      throw new UsageError(`${where}.news`, event.news, "a non-empty sentence");
    }
    if (event.changes !== undefined) {
      if (!isObject(event.changes)) throw new UsageError(`${where}.changes`, event.changes, "an object of parameter changes");
      unknownKey(event.changes, Object.keys(CHANGE_SPECS), `${where}.changes`);
      for (const [key, value] of Object.entries(event.changes)) {
        const spec = CHANGE_SPECS[key as keyof ScenarioChanges];
        if (!spec.ok(value)) throw new UsageError(`${where}.changes.${key}`, value, spec.allowed);
      }
    }
    if (event.news === undefined && (event.changes === undefined || Object.keys(event.changes).length === 0)) {
      throw new UsageError(where, event, "an event with a news sentence, parameter changes or both");
    }
    return { ...(event as unknown as ScenarioEvent), firstMonth, lastMonth };
  });
  checkContradictions(events, file);
  return { scenario: raw as unknown as Scenario, events };
}

function checkContradictions(events: TimedEvent[], file: string): void {
  for (let a = 0; a < events.length; a++) {
    for (let b = a + 1; b < events.length; b++) {
      const [x, y] = [events[a], events[b]];
      if (x.lastMonth < y.firstMonth || y.lastMonth < x.firstMonth) continue;
      for (const [key, value] of Object.entries(y.changes ?? {})) {
        const other = (x.changes as Record<string, unknown> | undefined)?.[key];
        if (other === undefined) continue;
        // A level is a one-time factor at its range's start: two overlapping ones would compound, whatever their values.
        if (CHANGE_SPECS[key as keyof ScenarioChanges].jump) {
          throw new UsageError(
            `${file}: events[${b}].changes.${key}`,
            value,
            `no ${key} while events[${a}] (${x.from}…${x.to}) sets ${key} to ${quoted(other)} — the ranges overlap (set a level in one event, or in ranges that do not overlap)`,
          );
        }
        if (other !== value) {
          throw new UsageError(
            `${file}: events[${b}].changes.${key}`,
            value,
            `no other value while events[${a}] (${x.from}…${x.to}) sets ${key} to ${quoted(other)} — the ranges overlap`,
          );
        }
      }
    }
  }
}

/** Which scenario file a run used: recorded in its manifest. */
export interface ScenarioSource {
  file: string;
  name: string;
  sha256: string;
}

/**
 * Read and validate a scenario file for a run starting in `startYear` and lasting `months`.
 * @example
 * loadScenario("data/scenarios/2020-pandemic.json", 2019, 24).events.length; // 2
 */
export function loadScenario(
  file: string,
  startYear: number,
  months: number,
): { scenario: Scenario; events: TimedEvent[]; source: ScenarioSource } {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new UsageError("--scenario", file, "a readable scenario JSON file");
  }
  const raw = parseJson(text, (field, found, expected) => {
    throw field === "" ? new UsageError("--scenario", file, expected) : new UsageError(`${file}: ${field}`, found, expected);
  });
  const { scenario, events } = validateScenario(raw, file, startYear, months);
  return { scenario, events, source: { file, name: scenario.name, sha256: createHash("sha256").update(text).digest("hex") } };
}
