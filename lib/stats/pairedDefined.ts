/** Two series restricted to the positions where both are defined. */
export interface DefinedPairs {
  x: number[];
  y: number[];
  /** Position of each kept pair in the original series. */
  index: number[];
}

/**
 * Keeps the pairs where both values are finite numbers, dropping those where either is null (an indicator
 * undefined that year, e.g. year-1 inflation or growth from a zero base), NaN or ±Infinity.
 *
 * An empty input gives empty output: deciding whether too few pairs remain is the caller's job.
 *
 * @param x first series
 * @param y second series, same length
 * @returns the kept values and their original positions, in order
 * @throws Error if the lengths differ
 * @example
 * pairedDefined([null, 5, 6, 7], [1, 2, null, 4]); // => { x: [5, 7], y: [2, 4], index: [1, 3] }
 */
export function pairedDefined(x: ArrayLike<number | null>, y: ArrayLike<number | null>): DefinedPairs {
  if (x.length !== y.length) {
    throw new Error(`pairedDefined: x and y must have the same length, got ${x.length} and ${y.length}`);
  }
  const out: DefinedPairs = { x: [], y: [], index: [] };
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const yi = y[i];
    if (xi !== null && yi !== null && Number.isFinite(xi) && Number.isFinite(yi)) {
      out.x.push(xi);
      out.y.push(yi);
      out.index.push(i);
    }
  }
  return out;
}
