import type { Rng } from "../rng.js";
import { check, readCsv } from "./files.js";

/** US resident population by single year of age, 18–60, 1 July 2018 (Census Vintage 2019). */
export interface AgeDistribution {
  age: number[];
  population: number[];
}

const FILE = "us_ages_2018.csv";
let cache: { table: AgeDistribution; cdf: Float64Array } | undefined;

/**
 * The household age distribution EconAgent samples from (ages 18–60). Returns fresh arrays.
 *
 * @example
 * const { age, population } = usAges2018(); // age[0] = 18, population[0] = 4311728
 */
export function usAges2018(): AgeDistribution {
  const { table } = load();
  return { age: [...table.age], population: [...table.population] };
}

/**
 * Draw `n` independent ages from the 2018 distribution by inverse CDF (binary search over the 43 ages):
 * one `rng.next()` per household, O(n log 43).
 *
 * @example
 * sampleAges(createRng(1), 100); // Uint8Array of 100 ages in 18..60
 */
export function sampleAges(rng: Rng, n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`sampleAges: n must be a non-negative integer, got ${n}`);
  const { table, cdf } = load();
  const ages = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (u < cdf[mid]) hi = mid;
      else lo = mid + 1;
    }
    ages[i] = table.age[lo];
  }
  return ages;
}

function load(): { table: AgeDistribution; cdf: Float64Array } {
  if (cache !== undefined) return cache;
  const rows = readCsv(FILE, ["age", "population"]);
  const age = rows.map((r) => r.number("age"));
  const population = rows.map((r) => r.number("population"));
  check(age.length === 43 && age.every((a, k) => a === 18 + k), FILE, "ages must be 18, 19, ..., 60 in order");
  check(population.every((p) => Number.isInteger(p) && p > 0), FILE, "populations must be positive integers");
  const total = population.reduce((a, b) => a + b, 0);
  const cdf = new Float64Array(age.length);
  let running = 0;
  population.forEach((p, k) => {
    running += p;
    cdf[k] = running / total;
  });
  // Exactly 1 so that no u in [0, 1) can fall past the last age through rounding.
  cdf[cdf.length - 1] = 1;
  cache = { table: { age, population }, cdf };
  return cache;
}
