import { shuffle, type Rng } from "../rng.js";
import { check, isUniqueStrings, readJson } from "./files.js";

/** Common US first names and surnames (100 each, disjoint), from `data/names.json`. */
export interface NameLists {
  first: string[];
  last: string[];
}

/** A household's name by index 0..n-1. */
export type NameOf = (household: number) => string;

const FILE = "names.json";
const LIST_SIZE = 100;
const INITIALS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
let cache: NameLists | undefined;

/**
 * The name lists. Returns fresh arrays.
 *
 * @example
 * usNames().first[0]; // "Michael"
 */
export function usNames(): NameLists {
  if (cache === undefined) {
    const json = readJson(FILE) as { first?: unknown; last?: unknown };
    const { first, last } = json;
    check(isUniqueStrings(first, LIST_SIZE), FILE, `"first" must hold ${LIST_SIZE} distinct names`);
    check(isUniqueStrings(last, LIST_SIZE), FILE, `"last" must hold ${LIST_SIZE} distinct names`);
    check(!first.some((name) => last.includes(name)), FILE, 'no name may be both in "first" and "last"');
    cache = { first, last };
  }
  return { first: [...cache.first], last: [...cache.last] };
}

/**
 * Unique "First Last" names for `n` households, in random order, with no cap on `n` (the official code stops at
 * 160). Names are drawn in tiers, each used up before the next: 10,000 "First Last"; then 260,000
 * "First Q. Last" (a middle initial); then further copies of the middle-initial tier numbered "First Q. Last 2",
 * "… 3", and so on. Within the partly used tier the subset is random, and the whole list is shuffled, so
 * neighbouring households (sorted by wage) get unrelated names. O(n) time, one 4-byte code per household; the
 * strings are built on demand.
 *
 * @example
 * const nameOf = householdNames(createRng(1), 100);
 * nameOf(0); // e.g. "Jessica Nguyen"
 */
export function householdNames(rng: Rng, n: number): NameOf {
  const { first, last } = usNames();
  const plain = first.length * last.length;
  const tier = plain * INITIALS.length;
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff - tier) {
    throw new RangeError(`householdNames: n must be an integer in 0..${0xffffffff - tier}, got ${n}`);
  }
  // A code is a position in the concatenated tiers: [0, plain) plain names, then blocks of `tier` per number.
  const codes = new Uint32Array(n);
  let filled = 0;
  for (let t = 0; filled < n; t++) {
    const size = t === 0 ? plain : tier;
    const offset = t === 0 ? 0 : plain + (t - 1) * tier;
    const take = Math.min(size, n - filled);
    if (take === size) {
      for (let w = 0; w < size; w++) codes[filled++] = offset + w;
    } else {
      const pool = new Uint32Array(size);
      for (let w = 0; w < size; w++) pool[w] = w;
      for (let k = 0; k < take; k++) {
        const j = k + rng.int(size - k);
        const chosen = pool[j];
        pool[j] = pool[k];
        codes[filled++] = offset + chosen;
      }
    }
  }
  shuffle(rng, codes);
  const nLast = last.length;
  return (household) => {
    if (!Number.isInteger(household) || household < 0 || household >= n) {
      throw new RangeError(`household index ${household} is outside 0..${n - 1}`);
    }
    const code = codes[household];
    if (code < plain) return `${first[Math.floor(code / nLast)]} ${last[code % nLast]}`;
    const number = 1 + Math.floor((code - plain) / tier);
    const within = (code - plain) % tier;
    const pair = within % plain;
    const name = `${first[Math.floor(pair / nLast)]} ${INITIALS[Math.floor(within / plain)]}. ${last[pair % nLast]}`;
    return number === 1 ? name : `${name} ${number}`;
  };
}
