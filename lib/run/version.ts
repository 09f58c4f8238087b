import * as fs from "node:fs";
import * as path from "node:path";
import { projectRoot } from "../paths.js";

/**
 * The package version from package.json, recorded in every manifest.
 * @example
 * packageVersion(); // "0.1.0" (whatever package.json says)
 */
export function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot(), "package.json"), "utf8")) as { version: string };
  return pkg.version;
}
