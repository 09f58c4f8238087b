/**
 * No value changes: every entry of the golden battery (test/golden/battery.ts) reproduces the fingerprint recorded
 * in fixture.json. Only recorded columns and keys are compared, so new files, columns and keys do not fail it.
 * Re-record deliberately changed entries with `npx tsx scripts/record-golden.ts ENTRY …`.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { csvFingerprint, ENTRIES, FIXTURE, jsonFingerprint, jsonlFingerprint, runEntries, type Fingerprint } from "./battery.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-golden-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("every entry of the battery is recorded", () => {
  const recorded = JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as Record<string, Fingerprint>;
  assert.deepEqual(Object.keys(recorded).sort(), ENTRIES.map((e) => e.name).sort());
});

test("every run of the battery writes the recorded values", async () => {
  const recorded = JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as Record<string, Fingerprint>;
  const results = await runEntries(ENTRIES, tmp);
  const differences: string[] = [];
  for (const [entry, files] of Object.entries(recorded)) {
    for (const [file, values] of Object.entries(files)) {
      const got = results[entry]?.[file];
      if (!got) {
        differences.push(`${entry}: ${file} missing`);
        continue;
      }
      for (const [key, value] of Object.entries(values)) {
        if (!Object.hasOwn(got, key)) differences.push(`${entry}: ${file}: ${key} missing`);
        else if (JSON.stringify(got[key]) !== JSON.stringify(value)) differences.push(`${entry}: ${file}: ${key}: recorded ${JSON.stringify(value)}, got ${JSON.stringify(got[key])}`);
      }
    }
  }
  assert.deepEqual(differences, []);
});

test("fingerprints ignore added columns and keys but see every changed value", async () => {
  const base = csvFingerprint("a,b\n1,2\n3,4\n");
  const added = csvFingerprint("a,new,b\n1,x,2\n3,y,4\n");
  assert.equal(added.a, base.a);
  assert.equal(added.b, base.b);
  assert.notEqual(csvFingerprint("a,b\n1,2\n3,5\n").b, base.b);
  assert.notEqual(csvFingerprint("a,b\n1,2\n3,4\n5,6\n").rows, base.rows);
  const json = jsonFingerprint({ r: 0.5, fit: { slope: [1, 2] } });
  assert.deepEqual(Object.keys(json), ["r", "fit.slope"]);
  assert.equal(jsonFingerprint({ r: 0.5, fit: { slope: [1, 2] }, extra: 1 })["fit.slope"], json["fit.slope"]);
  assert.notEqual(jsonFingerprint({ r: 0.5, fit: { slope: [1, 3] } })["fit.slope"], json["fit.slope"]);
  const lines = jsonlFingerprint('{"k":1,"v":"a"}\n{"k":2,"v":"b"}\n');
  assert.equal(jsonlFingerprint('{"k":1,"v":"a","w":0}\n{"k":2,"v":"b"}\n').v, lines.v);
  assert.notEqual(jsonlFingerprint('{"k":1,"v":"a"}\n{"k":2,"v":"c"}\n').v, lines.v);
});
