import { check, isUniqueStrings, readJson } from "./files.js";

const FILE = "job_titles.json";
const BUCKETS = 10;
const PER_BUCKET = 10;
let cache: string[][] | undefined;

/**
 * Job titles by wage bucket: `jobTitles()[k]` holds ten titles for households in the k-th decile of initial
 * monthly wages, lowest-paid bucket first (model spec §2). All 100 titles are distinct and lower case except
 * acronyms, ready for "work as a(an) {title}". Returns fresh arrays.
 *
 * @example
 * jobTitles()[0][1]; // "cashier"
 */
export function jobTitles(): string[][] {
  if (cache === undefined) {
    const buckets = (readJson(FILE) as { buckets?: unknown }).buckets;
    check(
      Array.isArray(buckets) && buckets.length === BUCKETS && buckets.every((b) => isUniqueStrings(b, PER_BUCKET)),
      FILE,
      `"buckets" must be ${BUCKETS} lists of ${PER_BUCKET} titles`,
    );
    const all = (buckets as string[][]).flat();
    check(new Set(all).size === all.length, FILE, "a title appears in two buckets");
    cache = buckets as string[][];
  }
  return cache.map((bucket) => [...bucket]);
}
