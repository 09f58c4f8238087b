/**
 * Validates the input of a paired statistic: equal lengths, at least `minLength` pairs, every value finite.
 * Undefined years (null) must be dropped first, with {@link "stats/pairedDefined"!pairedDefined}.
 *
 * @param name the calling function, for the error message
 * @param x first series
 * @param y second series
 * @param minLength fewest pairs the statistic is defined for
 * @throws Error naming the function and the offending index
 * @example
 * checkSeries("pearson", [1, 2, 3], [4, 5, 6], 3); // passes
 * checkSeries("pearson", [1, 2], [4, 5], 3); // throws "pearson: needs at least 3 pairs, got 2"
 */
export function checkSeries(name: string, x: ArrayLike<number>, y: ArrayLike<number>, minLength: number): void {
  if (x.length !== y.length) {
    throw new Error(`${name}: x and y must have the same length, got ${x.length} and ${y.length}`);
  }
  if (x.length < minLength) throw new Error(`${name}: needs at least ${minLength} pairs, got ${x.length}`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) {
      throw new Error(
        `${name}: pair ${i} is not finite (x = ${x[i]}, y = ${y[i]}); drop undefined years with pairedDefined first`,
      );
    }
  }
}
