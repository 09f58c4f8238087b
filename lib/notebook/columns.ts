/**
 * The columns of row objects whose keys may differ from row to row: every key, in order of first appearance.
 * @example columnsOf([{ a: 1 }, { a: 2, b: 3 }]) // ["a", "b"]
 */
export function columnsOf(rows: readonly object[]): string[] {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) columns.push(key);
      seen.add(key);
    }
  }
  return columns;
}
