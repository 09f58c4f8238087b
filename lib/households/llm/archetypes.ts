/**
 * Archetypes (`--archetypes K`): each month the households are grouped into at most K groups of households whose
 * prompts say nearly the same thing, so the model is asked once per group instead of once per household
 * (docs/llm-at-scale.md). The grouping is declared here, in {@link ARCHETYPE_TRAITS}, and nowhere else.
 *
 * How the groups are cut (deterministic: no random draw, ties broken by household index):
 * - A budget tree. The root holds every household and the budget K. A node with budget 1, or one member, is a
 *   group (a leaf).
 * - First the *category* traits, in the order declared: population (always split: groups never mix populations,
 *   even if that needs more than K groups), employed last month, rationed last month, in debt with the bank. A
 *   node splits on a category trait when its budget is at least 2 and more than one value occurs; the budget is
 *   shared among the values in proportion to their members (largest remainder, at least 1 each).
 * - Then the *quantile* traits, taken in turn (expected income, savings relative to income, age, expected income
 *   again, …): a node with budget m splits at the rank ⌊m/2⌋/m of that trait among its members, into ⌊m/2⌋ and
 *   m − ⌊m/2⌋. A trait constant within the node is skipped. The bands are therefore quantiles of whoever is in
 *   the node this month: K = 100 gives about 100 non-empty groups whatever N is (exactly min(K, N) when only
 *   one population is present and the traits vary).
 * - Each group's representative is the member nearest the group's median state: the sum of squared differences
 *   from the group's medians of the quantile traits, each divided by that trait's 10–90 % range in the whole
 *   population (1 if that range is 0); the lowest index wins a tie, and a household in `avoid` (the audit panel)
 *   only when every member is in it.
 */
import type { EconomyState } from "../../economy/state.js";

/** What the traits are read from: last month's state as the month's prompts see it. */
export interface TraitSource {
  economy: Readonly<EconomyState>;
  /** The month being decided (1-based); in month 1 nobody was employed "last month" (docs/model.md §6). */
  month: number;
  hoursPerMonth: number;
  /** Each household's debt with the bank (`--bank on`), else null. */
  debt: ArrayLike<number> | null;
  /** Each household's population index; null = one population. */
  population: ArrayLike<number> | null;
}

/** One trait of the grouping: a category (small whole numbers) or a quantity cut into quantile bands. */
export interface ArchetypeTrait {
  /** The letter a group's label uses for it. */
  code: string;
  name: string;
  kind: "category" | "quantile";
  /** The trait's value for household `i` this month (a category code, or the number whose quantile groups it). */
  value(source: TraitSource, i: number): number;
}

/** Expected monthly income if the household works, as its prompt states it (hours × hourly wage). */
const expectedIncome = (s: TraitSource, i: number) => s.hoursPerMonth * s.economy.wage[i];

/**
 * What a household's prompt depends on, in the order the budget tree uses them (see the module comment).
 * @example
 * ARCHETYPE_TRAITS.map((t) => t.name); // ["population", "employed last month", "rationed", "in debt", "expected income", "savings relative to income", "age"]
 */
export const ARCHETYPE_TRAITS: readonly ArchetypeTrait[] = [
  { code: "p", name: "population", kind: "category", value: (s, i) => (s.population === null ? 0 : s.population[i]) },
  { code: "e", name: "employed last month", kind: "category", value: (s, i) => (s.month > 1 && s.economy.worked[i] === 1 ? 1 : 0) },
  { code: "r", name: "rationed", kind: "category", value: (s, i) => (s.economy.rationed[i] ? 1 : 0) },
  { code: "d", name: "in debt", kind: "category", value: (s, i) => (s.debt !== null && s.debt[i] > 0 ? 1 : 0) },
  { code: "i", name: "expected income", kind: "quantile", value: expectedIncome },
  // Savings in months of expected income; the income is floored at $1 so a zero wage gives a finite ratio.
  { code: "s", name: "savings relative to income", kind: "quantile", value: (s, i) => s.economy.savings[i] / Math.max(1, expectedIncome(s, i)) },
  { code: "a", name: "age", kind: "quantile", value: (s, i) => s.economy.age[i] },
];

/** A month's groups. */
export interface Archetypes {
  /** Number of non-empty groups. */
  count: number;
  /** Each household's group, 0..count−1. */
  group: Int32Array;
  /** Members per group. */
  size: Int32Array;
  /** Each group's representative household (the one whose facts make the group's prompt). */
  representative: Int32Array;
  /** Each group's path in the budget tree, e.g. "p0 e1 r0 d0 i1 s0": the traits' codes and the side taken. */
  labels: string[];
}

/**
 * Group the households into at most `k` archetypes (see the module comment for how).
 * @example
 * const groups = groupHouseholds({ economy: state, month: 2, hoursPerMonth: 168, debt: null, population: null }, 100);
 * groups.count; // 100 when N ≥ 100; groups.group[i] is household i's archetype
 */
export function groupHouseholds(source: TraitSource, k: number, avoid: Uint8Array | null = null): Archetypes {
  const n = source.economy.n;
  const categories = ARCHETYPE_TRAITS.filter((t) => t.kind === "category");
  const quantities = ARCHETYPE_TRAITS.filter((t) => t.kind === "quantile");
  const values = quantities.map((t) => {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = t.value(source, i);
    return v;
  });
  const leaves: { members: Int32Array; label: string }[] = [];

  const splitQuantile = (members: Int32Array, budget: number, turn: number, label: string): void => {
    if (budget <= 1 || members.length <= 1) return void leaves.push({ members, label });
    for (let tried = 0; tried < quantities.length; tried++) {
      const q = (turn + tried) % quantities.length;
      const split = rankSplit(members, values[q], Math.round((members.length * Math.floor(budget / 2)) / budget));
      if (split === null) continue;
      const left = Math.floor(budget / 2);
      splitQuantile(split[0], left, q + 1, `${label} ${quantities[q].code}0`);
      splitQuantile(split[1], budget - left, q + 1, `${label} ${quantities[q].code}1`);
      return;
    }
    leaves.push({ members, label }); // every quantity constant within the node
  };

  const splitCategory = (members: Int32Array, budget: number, c: number, label: string): void => {
    if (c === categories.length) return splitQuantile(members, budget, 0, label);
    const trait = categories[c];
    const forced = c === 0; // the population: never mixed
    const byValue = new Map<number, number[]>();
    for (const i of members) {
      const v = trait.value(source, i);
      const list = byValue.get(v);
      if (list) list.push(i);
      else byValue.set(v, [i]);
    }
    const keys = [...byValue.keys()].sort((a, b) => a - b);
    if (keys.length === 1 || (!forced && budget < keys.length)) return splitCategory(members, budget, c + 1, `${label}${label ? " " : ""}${trait.code}${keys.length === 1 ? keys[0] : "*"}`);
    const budgets = shareBudget(budget, keys.map((key) => byValue.get(key)!.length));
    keys.forEach((key, j) => splitCategory(Int32Array.from(byValue.get(key)!), budgets[j], c + 1, `${label}${label ? " " : ""}${trait.code}${key}`));
  };

  splitCategory(Int32Array.from({ length: n }, (_, i) => i), Math.max(1, k), 0, "");

  const scale = values.map((v) => {
    const sorted = Float64Array.from(v).sort();
    const range = quantileOf(sorted, 0.9) - quantileOf(sorted, 0.1);
    return range > 0 ? range : 1;
  });
  const group = new Int32Array(n);
  const size = new Int32Array(leaves.length);
  const representative = new Int32Array(leaves.length);
  leaves.forEach((leaf, g) => {
    for (const i of leaf.members) group[i] = g;
    size[g] = leaf.members.length;
    representative[g] = nearestMedian(leaf.members, values, scale, avoid);
  });
  return { count: leaves.length, group, size, representative, labels: leaves.map((l) => l.label) };
}

/**
 * Split `members` (increasing indices) into the `take` lowest by (value, index) and the rest, both kept in index
 * order; null when the value is constant over the members.
 */
function rankSplit(members: Int32Array, value: Float64Array, take: number): [Int32Array, Int32Array] | null {
  const sorted = new Float64Array(members.length);
  for (let j = 0; j < members.length; j++) sorted[j] = value[members[j]];
  sorted.sort();
  if (sorted[0] === sorted[sorted.length - 1]) return null;
  const cut = Math.min(members.length - 1, Math.max(1, take));
  const threshold = sorted[cut - 1];
  let below = 0;
  while (below < cut && sorted[below] < threshold) below++;
  let ties = cut - below; // members at the threshold that go left, lowest indices first
  const left = new Int32Array(cut);
  const right = new Int32Array(members.length - cut);
  let l = 0;
  let r = 0;
  for (const i of members) {
    const v = value[i];
    if (v < threshold || (v === threshold && ties-- > 0)) left[l++] = i;
    else right[r++] = i;
  }
  return [left, right];
}

/**
 * `budget` shared among groups of the given sizes in proportion to size (largest remainder), at least 1 each —
 * taken back from the largest shares when the minimum overdraws the budget (never below 1).
 */
function shareBudget(budget: number, sizes: number[]): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const quota = sizes.map((s) => (budget * s) / total);
  const shares = quota.map((q) => Math.max(1, Math.floor(q)));
  let left = budget - shares.reduce((a, b) => a + b, 0);
  const byRemainder = quota.map((q, j) => [q - Math.floor(q), j]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % shares.length, left--) shares[byRemainder[k][1]]++;
  while (left < 0) {
    const j = shares.indexOf(Math.max(...shares));
    if (shares[j] === 1) break;
    shares[j]--;
    left++;
  }
  return shares;
}

/** Type-7 quantile of a sorted array. */
function quantileOf(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

/** The member nearest the members' median of each quantity (scaled), avoiding `avoid` when it can. */
function nearestMedian(members: Int32Array, values: Float64Array[], scale: number[], avoid: Uint8Array | null): number {
  const medians = values.map((v) => {
    const sorted = new Float64Array(members.length);
    for (let j = 0; j < members.length; j++) sorted[j] = v[members[j]];
    return quantileOf(sorted.sort(), 0.5);
  });
  let best = -1;
  let bestDistance = Infinity;
  let bestAvoided = true;
  for (const i of members) {
    const avoided = avoid !== null && avoid[i] === 1;
    if (avoided && !bestAvoided) continue;
    let d = 0;
    for (let q = 0; q < values.length; q++) d += ((values[q][i] - medians[q]) / scale[q]) ** 2;
    if (d < bestDistance || (bestAvoided && !avoided)) {
      best = i;
      bestDistance = d;
      bestAvoided = avoided;
    }
  }
  return best;
}
