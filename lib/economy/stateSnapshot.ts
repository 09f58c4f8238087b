import type { FieldChecks } from "../readBack.js";
import { allocateBank, BANK_ARRAYS, type BankState } from "./bank.js";
import { BUCKETS } from "./jobs.js";
import { allocateState, type EconomyState } from "./state.js";

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

/** How many bytes each array of a snapshot holds for `n` households: one value each, the nine wage-decile edges once. */
function stateArrayBytes(n: number): Record<(typeof STATE_ARRAYS)[number], number> {
  const one = allocateState(1, 1, 0, new Float64Array(BUCKETS - 1));
  const bytes = {} as Record<(typeof STATE_ARRAYS)[number], number>;
  for (const key of STATE_ARRAYS) bytes[key] = key === "bucketEdges" ? one.bucketEdges.byteLength : n * one[key].BYTES_PER_ELEMENT;
  return bytes;
}

/** The doubles of a base64 array (read value by value: the decoded bytes need not be 8-byte aligned). */
function doubles(base64: string): number[] {
  const bytes = Buffer.from(base64, "base64");
  return Array.from({ length: bytes.byteLength >> 3 }, (_, k) => bytes.readDoubleLE(k * 8));
}

/**
 * Check a snapshot read back (its fields' types already checked) against the run it is to continue, before
 * anything is restored: `n` households, every array one value per household (the bucket edges: nine), every
 * double finite, a positive price and wage (both have a positive floor: eq. 9 and the wage rule in lib/economy/laborMarket.ts). `field` is where the
 * snapshot sits in its file.
 * @example
 * checkStateSnapshot(checkpoint.simulation.state, 100, fields("run/checkpoint.json"), "simulation.state");
 * // throws DamagedFile("run/checkpoint.json", "simulation.state.n", 99, "100 (the run's households)") for a wrong n
 */
export function checkStateSnapshot(snap: StateSnapshot, n: number, at: FieldChecks, field: string): void {
  if (snap.n !== n) at.fail(`${field}.n`, snap.n, `${n} (the run's households)`);
  for (const key of ["price", "initialPrice"] as const) if (!(snap[key] > 0)) at.fail(`${field}.${key}`, snap[key], "a positive price");
  if (!(snap.inventory >= 0)) at.fail(`${field}.inventory`, snap.inventory, "a non-negative quantity of goods");
  const expected = stateArrayBytes(n);
  const probe = allocateState(1, 1, 0, new Float64Array(0));
  for (const key of STATE_ARRAYS) {
    const bytes = Buffer.byteLength(snap.arrays[key], "base64");
    const values = key === "bucketEdges" ? "the nine wage-decile edges" : `one value per household (${n})`;
    if (bytes !== expected[key]) at.fail(`${field}.arrays.${key}`, `${bytes} bytes`, `${expected[key]} bytes: ${values}`);
    if (!(probe[key] instanceof Float64Array)) continue;
    const bad = doubles(snap.arrays[key]).findIndex((v) => !Number.isFinite(v) || (key === "wage" && v <= 0));
    if (bad >= 0) at.fail(`${field}.arrays.${key}`, `${doubles(snap.arrays[key])[bad]} at household ${bad}`, key === "wage" ? "a positive wage for every household" : "finite numbers");
  }
}

/**
 * Check a bank snapshot read back against the run's `n` households: every account array one value per household.
 * @example
 * checkBankSnapshot(checkpoint.simulation.bank, 100, fields("run/checkpoint.json"), "simulation.bank");
 */
export function checkBankSnapshot(snap: BankSnapshot, n: number, at: FieldChecks, field: string): void {
  const one = allocateBank(1);
  for (const key of BANK_ARRAYS) {
    const bytes = Buffer.byteLength(snap.arrays[key], "base64");
    const expected = n * one[key].BYTES_PER_ELEMENT;
    if (bytes !== expected) at.fail(`${field}.arrays.${key}`, `${bytes} bytes`, `${expected} bytes: one value per household (${n})`);
  }
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
