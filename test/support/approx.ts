/** Numeric helpers shared by the tests: sums and approximate equality (each keeps the tolerance rule it was written with). */
import assert from "node:assert/strict";

/** Σ of an array, in index order (the money and balance-sheet conservation checks). */
export function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/**
 * Asserts |actual − expected| ≤ tol (absolute tolerance, default 1e-9). A non-number `actual` (null, undefined:
 * an undefined statistic) fails.
 */
export function near(actual: number | null | undefined, expected: number, tol = 1e-9): void {
  assert.ok(
    typeof actual === "number" && Math.abs(actual - expected) <= tol,
    `${actual} is not within ${tol} of ${expected}`,
  );
}

/** Whether `a` and `b` agree to relative tolerance `rel`, scaled by the larger magnitude (and at least 1). */
export function close(a: number, b: number, rel = 1e-9): boolean {
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Whether `actual` is within relative tolerance `rel` of `expected`, scaled by |expected| (and at least 1). */
export function closeTo(actual: number, expected: number, rel = 1e-9): boolean {
  return Math.abs(actual - expected) <= rel * Math.max(1, Math.abs(expected));
}
