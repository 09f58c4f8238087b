import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

/** The manifest fields that record when a run happened (and so differ between identical runs). */
const TIMESTAMPS = ["started_at", "finished_at", "duration_s", "resumed_at"];

/** Every file under `dir`, relative, sorted. */
export function filesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else found.push(rel);
    }
  };
  walk("");
  return found.sort();
}

/** A manifest without its timestamps. */
export function manifestWithoutTimes(file: string): Record<string, unknown> {
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  for (const key of TIMESTAMPS) delete manifest[key];
  return manifest;
}

/**
 * Two run directories hold the same files with the same bytes — manifests compared without their timestamps.
 */
export function assertSameRunDirectory(actual: string, expected: string): void {
  const files = filesUnder(expected);
  assert.deepEqual(filesUnder(actual), files, `${actual} has the files of ${expected}`);
  for (const file of files) {
    if (path.basename(file) === "manifest.json") {
      assert.deepEqual(manifestWithoutTimes(path.join(actual, file)), manifestWithoutTimes(path.join(expected, file)), `${file} of ${actual}`);
    } else {
      assert.ok(fs.readFileSync(path.join(actual, file)).equals(fs.readFileSync(path.join(expected, file))), `${file} of ${actual} is byte-identical`);
    }
  }
}
