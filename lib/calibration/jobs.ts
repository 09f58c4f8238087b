import { check, isUniqueStrings, readJson } from "./files.js";

const FILE = "job_titles.json";
/** Number of wage buckets and of job titles per bucket (ten deciles × ten titles, docs/model.md §2). */
export const BUCKETS = 10;
/**
 * Job titles per wage bucket, ordered from low-paid to high-paid (docs/model.md §2).
 * @example
 * BUCKETS * TITLES_PER_BUCKET; // 100 job titles in data/job_titles.json
 */
export const TITLES_PER_BUCKET = 10;
let cache: string[][] | undefined;
let flat: string[] | undefined;

/**
 * Job titles by wage bucket: `jobTitles()[k]` holds ten titles for households in the k-th decile of initial
 * monthly wages, lowest-paid bucket first (docs/model.md §2). All 100 titles are distinct and lower case except
 * acronyms, ready for "work as a(an) {title}". Returns fresh arrays.
 *
 * @example
 * jobTitles()[0][1]; // "cashier"
 */
export function jobTitles(): string[][] {
  if (cache === undefined) {
    const buckets = (readJson(FILE) as { buckets?: unknown }).buckets;
    check(
      Array.isArray(buckets) && buckets.length === BUCKETS && buckets.every((b) => isUniqueStrings(b, TITLES_PER_BUCKET)),
      FILE,
      `"buckets" must be ${BUCKETS} lists of ${TITLES_PER_BUCKET} titles`,
    );
    const all = (buckets as string[][]).flat();
    check(new Set(all).size === all.length, FILE, "a title appears in two buckets");
    cache = buckets as string[][];
  }
  return cache.map((bucket) => [...bucket]);
}

/**
 * The title of job index `k` = bucket·10 + title (the index of jobs and offers in the economy's state).
 * @example
 * jobTitle(1); // "cashier"
 */
export function jobTitle(k: number): string {
  flat ??= jobTitles().flat();
  return flat[k];
}
