/**
 * Whether every value equals the first: the series has zero variance. Compared exactly rather than by a
 * computed variance, because the mean of identical floats need not equal them (3 × 0.1 / 3 ≠ 0.1), which
 * would leave a tiny spurious variance.
 *
 * @param values a non-empty series
 * @returns true for a constant series (and for a single value)
 * @example
 * isConstant([0.1, 0.1, 0.1]); // => true
 * isConstant([1, 2]); // => false
 */
export function isConstant(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) {
    if (values[i] !== values[0]) return false;
  }
  return true;
}
