import type { Rng, RngState } from "../../rng.js";
import type { YearMacro } from "../indicators.js";
import type { MonthlyRow } from "../rows.js";
import type { EconomyState } from "../state.js";
import { snapshotState } from "../stateSnapshot.js";

/** One line per state item (every household array, the scalars, the RNG position): equal bit for bit or not. */
export interface EconomyDifference {
  item: string;
  equal: boolean;
  detail: string;
}

/**
 * Compare two economies bit for bit: every array and scalar of the state, the RNG position and (when given) the
 * monthly rows and annual macro indicators. Used to prove a walkthrough and `Simulation.step` agree.
 * @example
 * economyDifferences(walk, engine).every((d) => d.equal); // true: the walkthrough changed nothing
 */
export function economyDifferences(
  a: { state: EconomyState; rng: Rng; monthly?: readonly MonthlyRow[]; annual?: readonly YearMacro[] },
  b: { state: EconomyState; rng: Rng; monthly?: readonly MonthlyRow[]; annual?: readonly YearMacro[] },
): EconomyDifference[] {
  const sa = snapshotState(a.state);
  const sb = snapshotState(b.state);
  const out: EconomyDifference[] = [];
  for (const key of ["month", "price", "rate", "inventory", "initialPrice"] as const) {
    out.push({ item: key, equal: Object.is(sa[key], sb[key]), detail: `${sa[key]} vs ${sb[key]}` });
  }
  for (const key of Object.keys(sa.arrays) as (keyof typeof sa.arrays)[]) {
    out.push({ item: key, equal: sa.arrays[key] === sb.arrays[key], detail: "all bytes" });
  }
  out.push({ item: "rng position", equal: sameState(a.rng.state(), b.rng.state()), detail: "Alea state" });
  if (a.monthly !== undefined && b.monthly !== undefined) {
    const bm = b.monthly;
    const same = a.monthly.length === b.monthly.length && a.monthly.every((r, k) => sameOn(r, bm[k]));
    out.push({ item: "monthly rows", equal: same, detail: `${a.monthly.length} vs ${b.monthly.length} rows` });
  }
  if (a.annual !== undefined && b.annual !== undefined) {
    const ba = b.annual;
    const same = a.annual.length === b.annual.length && a.annual.every((r, k) => sameOn(r, ba[k]));
    out.push({ item: "annual indicators", equal: same, detail: `${a.annual.length} vs ${b.annual.length} years` });
  }
  return out;
}

/**
 * Two RNG positions are the same.
 * @example
 * sameState(rng.state(), copy.state()); // true right after copy.setState(rng.state())
 */
export function sameState(a: RngState, b: RngState): boolean {
  return sameOn(a, b);
}

/** Every field of `a` equals (Object.is) the same field of `b`; `b` may have more (e.g. the Gini columns). */
function sameOn(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return Object.keys(x).every((k) => Object.is(x[k], y[k]));
}
