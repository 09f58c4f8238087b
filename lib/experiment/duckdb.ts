import type * as DuckDB from "@duckdb/node-api";
import { lazyModule } from "../lazy.js";

/**
 * DuckDB (@duckdb/node-api), loaded on first use: `collect`, the end of a sweep and the frames that query load it;
 * single runs and the other commands never do.
 *
 * @example
 * const instance = await duckdb.DuckDBInstance.create(":memory:");
 */
export const duckdb = lazyModule<typeof DuckDB>(() => require("@duckdb/node-api"));
