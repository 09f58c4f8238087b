import type { EconomyState } from "./state.js";

/** The household arrays of the state, by name (what a checkpoint stores byte for byte). */
const ARRAYS = [
  "wage", "savings", "income", "tax", "transfer", "spend", "worked", "rationed", "age", "job", "offer",
  "bucketEdges", "yearIncome",
] as const;

export interface StateSnapshot {
  n: number;
  month: number;
  price: number;
  initialPrice: number;
  rate: number;
  inventory: number;
  /** Each typed array's bytes, base64: exact doubles, so a resumed run continues bit for bit. */
  arrays: Record<(typeof ARRAYS)[number], string>;
}

export function snapshotState(s: EconomyState): StateSnapshot {
  const arrays = {} as StateSnapshot["arrays"];
  for (const key of ARRAYS) {
    const a = s[key];
    arrays[key] = Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
  }
  return { n: s.n, month: s.month, price: s.price, initialPrice: s.initialPrice, rate: s.rate, inventory: s.inventory, arrays };
}

/** Overwrite `s` (freshly initialised for the same configuration) with a snapshot. */
export function restoreState(s: EconomyState, snap: StateSnapshot): void {
  if (snap.n !== s.n) throw new Error(`checkpoint has ${snap.n} households, the configuration ${s.n}`);
  if (snap.initialPrice !== s.initialPrice) throw new Error("checkpoint was taken from a different initial economy");
  s.month = snap.month;
  s.price = snap.price;
  s.rate = snap.rate;
  s.inventory = snap.inventory;
  for (const key of ARRAYS) {
    const target = s[key];
    const bytes = Buffer.from(snap.arrays[key], "base64");
    if (bytes.byteLength !== target.byteLength) throw new Error(`checkpoint array ${key} has the wrong size`);
    new Uint8Array(target.buffer, target.byteOffset, target.byteLength).set(bytes);
  }
}
