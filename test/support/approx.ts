/** Approximate-equality helpers shared by the tests. Each keeps the exact tolerance rule the tests were written with. */
import assert from "node:assert/strict";

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
