import { BANK_ARRAYS, type BankState } from "./bank.js";
import type { EconomyState } from "./state.js";

/** The household arrays of the state, by name (what a checkpoint stores byte for byte). */
export const STATE_ARRAYS = [
  "wage", "savings", "income", "tax", "transfer", "spend", "worked", "rationed", "age", "job", "offer",
  "bucketEdges", "yearIncome",
] as const;

/** The economy's state as JSON for a checkpoint: the scalars, and every household array as base64 bytes. */
export interface StateSnapshot {
  n: number;
  month: number;
  price: number;
  initialPrice: number;
  rate: number;
  inventory: number;
  /** Each typed array's bytes, base64: exact doubles, so a resumed run continues bit for bit. */
  arrays: Record<(typeof STATE_ARRAYS)[number], string>;
}

type TypedArray = Float64Array | Int32Array | Int16Array | Uint8Array;
const encode = (a: TypedArray) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
function decode(target: TypedArray, base64: string, key: string): void {
  const bytes = Buffer.from(base64, "base64");
  if (bytes.byteLength !== target.byteLength) throw new Error(`checkpoint array ${key} has the wrong size`);
  new Uint8Array(target.buffer, target.byteOffset, target.byteLength).set(bytes);
}

/**
 * The state as plain JSON: its scalars, and each household array as its exact bytes in base64.
 * @example
 * restoreState(fresh, JSON.parse(JSON.stringify(snapshotState(state)))); // fresh equals state bit for bit
 */
export function snapshotState(s: EconomyState): StateSnapshot {
  const arrays = {} as StateSnapshot["arrays"];
  for (const key of STATE_ARRAYS) arrays[key] = encode(s[key]);
  return { n: s.n, month: s.month, price: s.price, initialPrice: s.initialPrice, rate: s.rate, inventory: s.inventory, arrays };
}

/**
 * Overwrite `s` (freshly initialised for the same configuration) with a snapshot.
 * @example
 * restoreState(allocateState(3, 12.5, 0.03, edges), snapshotState(state)); // state had 3 households and P0 = 12.5
 */
export function restoreState(s: EconomyState, snap: StateSnapshot): void {
  if (snap.n !== s.n) throw new Error(`checkpoint has ${snap.n} households, the configuration ${s.n}`);
  if (snap.initialPrice !== s.initialPrice) throw new Error("checkpoint was taken from a different initial economy");
  s.month = snap.month;
  s.price = snap.price;
  s.rate = snap.rate;
  s.inventory = snap.inventory;
  for (const key of STATE_ARRAYS) decode(s[key], snap.arrays[key], key);
}

/** The bank (`--bank on`) in a checkpoint: its household arrays byte for byte and its balance sheet. */
export interface BankSnapshot {
  arrays: Record<(typeof BANK_ARRAYS)[number], string>;
  reserves: number;
  equity: number;
}

/**
 * The bank's accounts and balance sheet as plain JSON (arrays as their bytes in base64).
 * @example
 * restoreBank(allocateBank(n), JSON.parse(JSON.stringify(snapshotBank(bank)))); // the same accounts
 */
export function snapshotBank(bank: BankState): BankSnapshot {
  const arrays = {} as BankSnapshot["arrays"];
  for (const key of BANK_ARRAYS) arrays[key] = encode(bank[key]);
  return { arrays, reserves: bank.reserves, equity: bank.equity };
}

/**
 * Overwrite a freshly allocated bank with a snapshot.
 * @example
 * restoreBank(allocateBank(n), snapshotBank(bank));
 */
export function restoreBank(bank: BankState, snap: BankSnapshot): void {
  for (const key of BANK_ARRAYS) decode(bank[key], snap.arrays[key], `bank.${key}`);
  bank.reserves = snap.reserves;
  bank.equity = snap.equity;
}
