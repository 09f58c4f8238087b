import { DuckDBInstance } from "@duckdb/node-api";

/**
 * The rows of a DuckDB query (an independent Parquet/CSV reader), as plain numbers/strings/nulls.
 * @example
 * await duckRows(`SELECT count(*) AS n FROM read_parquet('run/decisions.parquet')`); // [{ n: 1200 }]
 */
export async function duckRows(sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(":memory:");
  const connection = await db.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));
  } finally {
    connection.closeSync();
  }
}

/**
 * A path as a DuckDB string literal.
 * @example
 * sqlText("it's.parquet"); // "'it''s.parquet'"
 */
export function sqlText(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
