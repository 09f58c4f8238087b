/**
 * Arithmetic mean.
 *
 * @param values a non-empty series
 * @returns Σ values / n
 * @throws Error if values is empty
 * @example
 * mean([1, 2, 3, 4]); // => 2.5
 */
export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) throw new Error("mean: needs at least one value");
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}
