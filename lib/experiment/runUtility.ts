import * as fs from "node:fs";
import * as path from "node:path";
import { duckdb } from "./duckdb.js";
import { householdUtility, OFFICIAL_UTILITY, type UtilityParameters } from "../households/aieco/reward.js";
import { parseCsv } from "../run/csv.js";
import { RUN_FILES } from "../run/runDirectory.js";

/**
 * Mean utility (seed eq. 18) per household-month of completed run directories, from their files: each
 * decisions.csv row's money after purchases, spending and work at the price in force that month — monthly.csv's
 * price of the month before (prices are recorded after the month's update), and P0 = the mean initial hourly wage
 * (households.csv) in month 1. The same number lib/rl's meanUtility computes while running; null for a run made
 * with `--decisions off`. DuckDB reads the decision columns (a 100 × 240 run has 24,000 rows).
 *
 * @example
 * const [u] = await meanRunUtilities(["sweeps/top-tax/runs/base/seed-1"]); // e.g. 342.2
 */
export async function meanRunUtilities(dirs: readonly string[], utility: UtilityParameters = OFFICIAL_UTILITY): Promise<(number | null)[]> {
  const instance = await duckdb.DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  try {
    const result: (number | null)[] = [];
    for (const dir of dirs) {
      const file = (name: string) => path.join(dir, name);
      if (!fs.existsSync(file(RUN_FILES.decisions))) {
        result.push(null);
        continue;
      }
      const households = parseCsv(fs.readFileSync(file(RUN_FILES.households), "utf8"));
      let total = 0;
      for (const h of households) total += h.initial_wage as number;
      const priceInForce = [total / households.length];
      for (const row of parseCsv(fs.readFileSync(file(RUN_FILES.monthly), "utf8"))) priceInForce.push(row.price as number);
      const source = file(RUN_FILES.decisions).replace(/'/g, "''");
      const columns = decisionColumns(file(RUN_FILES.decisions));
      const reader = await db.runAndReadAll(`SELECT month, worked, consumption, savings FROM read_csv('${source}', header = true, auto_detect = false, columns = ${columns})`);
      const [month, worked, consumption, savings] = reader.getColumnsJS() as number[][];
      let sum = 0;
      for (let k = 0; k < month.length; k++) {
        sum += householdUtility(Number(savings[k]), Number(consumption[k]), Number(worked[k]), priceInForce[Number(month[k]) - 1], utility);
      }
      result.push(month.length > 0 ? sum / month.length : null);
    }
    return result;
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

/** The columns the utility reads; decisions.csv's other columns are read as text and not converted. */
const UTILITY_COLUMNS = new Set(["month", "worked", "consumption", "savings"]);

/**
 * DuckDB's `columns` struct for a decisions.csv, from its header line: the utility's columns as DOUBLE, the rest
 * as VARCHAR. Given the columns, DuckDB skips sniffing the file's dialect and types, half of the read (120 runs of
 * 24,000 rows: 10.5 s → 5 s).
 */
function decisionColumns(file: string): string {
  const fd = fs.openSync(file, "r");
  const head = Buffer.alloc(4096);
  let header: string;
  try {
    header = head.subarray(0, fs.readSync(fd, head, 0, head.length, 0)).toString("utf8").split("\n")[0];
  } finally {
    fs.closeSync(fd);
  }
  const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;
  return `{${header
    .split(",")
    .map((name) => `${quoted(name)}: '${UTILITY_COLUMNS.has(name) ? "DOUBLE" : "VARCHAR"}'`)
    .join(", ")}}`;
}
