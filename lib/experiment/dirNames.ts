/**
 * The directory names of a sweep's cells and seeds (`runs/<cell>/seed-<s>`): file-name safe, and bounded so that
 * a long grid value (a 300-character city) or seed cannot make a name the file system refuses (255 bytes on most)
 * after the sweep has started. Names within the bound are the plain slugs they always were.
 */
import { createHash } from "node:crypto";

/**
 * The longest directory name kept as it is: well below the common 255-byte limit, leaving room for suffixes.
 * @example
 * boundedName("x".repeat(MAX_DIR_NAME)).length; // 200: kept as it is
 */
export const MAX_DIR_NAME = 200;

/**
 * A value as part of a directory name: every run of characters other than letters, digits, '.' and '-' becomes '-'.
 * @example
 * slug("New York"); // "New-York"
 * slug(0.1); // "0.1"
 */
export function slug(value: unknown): string {
  return String(value).replace(/[^A-Za-z0-9.-]+/g, "-");
}

/**
 * `name` if it is at most {@link MAX_DIR_NAME} characters, else its beginning and a hash of the whole name (so
 * distinct long names stay distinct).
 * @example
 * boundedName("taxYear=2019"); // "taxYear=2019"
 * boundedName(`city=${"x".repeat(300)}`).length; // 200
 */
export function boundedName(name: string): string {
  if (name.length <= MAX_DIR_NAME) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 16);
  return `${name.slice(0, MAX_DIR_NAME - hash.length - 1)}-${hash}`;
}

/**
 * The directory of a seed's run inside its cell.
 * @example
 * seedDirName(7); // "seed-7"
 * seedDirName("a/b"); // "seed-a-b" (as does "a-b": a sweep with both is refused)
 */
export function seedDirName(seed: number | string): string {
  return boundedName(`seed-${slug(seed)}`);
}
