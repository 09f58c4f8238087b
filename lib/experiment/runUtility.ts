import * as fs from "node:fs";
import * as path from "node:path";
import { householdUtility, OFFICIAL_UTILITY, type UtilityParameters } from "../households/aieco/reward.js";
import { parseCsv } from "../run/csv.js";
import { RUN_FILES } from "../run/runDirectory.js";

/**
 * Mean utility (seed eq. 18) per household-month of a completed run directory, from its files: each
 * decisions.csv row's money after purchases, spending and work at the price in force that month — monthly.csv's
 * price of the month before (prices are recorded after the month's update), and P0 = the mean initial hourly wage
 * (households.csv) in month 1. The same number lib/rl's meanUtility computes while running; null when the run
 * was made with `--decisions off`.
 *
 * @example
 * meanRunUtility("sweeps/top-tax/runs/base/seed-1"); // e.g. 1480.3
 */
export function meanRunUtility(dir: string, utility: UtilityParameters = OFFICIAL_UTILITY): number | null {
  const file = (name: string) => path.join(dir, name);
  if (!fs.existsSync(file(RUN_FILES.decisions))) return null;
  const households = parseCsv(fs.readFileSync(file(RUN_FILES.households), "utf8"));
  let total = 0;
  for (const h of households) total += h.initial_wage as number;
  const priceInForce = [total / households.length];
  for (const row of parseCsv(fs.readFileSync(file(RUN_FILES.monthly), "utf8"))) priceInForce.push(row.price as number);
  let sum = 0;
  let count = 0;
  for (const d of parseCsv(fs.readFileSync(file(RUN_FILES.decisions), "utf8"))) {
    sum += householdUtility(d.savings as number, d.consumption as number, d.worked as number, priceInForce[(d.month as number) - 1], utility);
    count++;
  }
  return count > 0 ? sum / count : null;
}
