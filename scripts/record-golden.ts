/**
 * Record the golden battery's fingerprints (test/golden/fixture.json) from the current code:
 *   npx tsx scripts/record-golden.ts            every entry
 *   npx tsx scripts/record-golden.ts aieco llm  only these entries (the others stay as recorded)
 * Record only after a deliberate value change, and say which entries changed and why in the commit.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ENTRIES, FIXTURE, runEntries, type Fingerprint } from "../test/golden/battery.js";

async function main(names: string[]): Promise<void> {
  const unknown = names.filter((n) => !ENTRIES.some((e) => e.name === n));
  if (unknown.length > 0) throw new Error(`unknown entries ${unknown.join(", ")}; known: ${ENTRIES.map((e) => e.name).join(", ")}`);
  const chosen = names.length === 0 ? ENTRIES : ENTRIES.filter((e) => names.includes(e.name));
  const recorded: Record<string, Fingerprint> = fs.existsSync(FIXTURE) && names.length > 0 ? JSON.parse(fs.readFileSync(FIXTURE, "utf8")) : {};
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-golden-record-"));
  try {
    Object.assign(recorded, await runEntries(chosen, tmp, (name, ms) => process.stdout.write(`${name}: ${(ms / 1000).toFixed(1)} s\n`)));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const ordered = Object.fromEntries(ENTRIES.filter((e) => recorded[e.name]).map((e) => [e.name, recorded[e.name]]));
  fs.writeFileSync(FIXTURE, JSON.stringify(ordered, null, 1) + "\n");
  process.stdout.write(`recorded ${chosen.map((e) => e.name).join(", ")} in ${FIXTURE}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
