/**
 * Reading a finished run's tables back for merging (readRunTableLines): a CSV table's own lines, a Parquet table's
 * rows formatted exactly as its CSV twin, and a damaged table refused with the same message readRunTable gives.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_CONFIG } from "../../lib/run/config.js";
import { runExperiment } from "../../lib/run/runExperiment.js";
import { readRunTable, readRunTableLines } from "../../lib/run/runTables.js";

const SHAPE = { bank: false, months: 24 };
let tmp: string;
let csvRun: string;
let parquetRun: string;
before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-tables-"));
  csvRun = path.join(tmp, "csv");
  parquetRun = path.join(tmp, "parquet");
  const config = { ...DEFAULT_CONFIG, policy: "cats" as const, households: 20, months: 24, seed: 3, decisions: "off" as const };
  await runExperiment(config, { out: csvRun });
  await runExperiment({ ...config, format: "parquet" }, { out: parquetRun });
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const fileLines = (file: string) => fs.readFileSync(file, "utf8").split("\n").slice(1, -1);

test("a CSV table's lines are the run's own lines, header and final newline left out", () => {
  for (const table of ["monthly", "annual"] as const) {
    const { columns, lines } = readRunTableLines(csvRun, table, SHAPE);
    assert.equal(lines.length, table === "monthly" ? 24 : 2);
    assert.deepEqual(lines, fileLines(path.join(csvRun, `${table}.csv`)));
    assert.equal(columns.join(","), fs.readFileSync(path.join(csvRun, `${table}.csv`), "utf8").split("\n")[0]);
  }
});

test("a Parquet table's rows are formatted byte for byte as the same run's CSV", () => {
  assert.ok(fs.existsSync(path.join(parquetRun, "monthly.parquet")));
  for (const table of ["monthly", "annual"] as const) {
    assert.deepEqual(readRunTableLines(parquetRun, table, SHAPE).lines, fileLines(path.join(csvRun, `${table}.csv`)));
  }
});

test("a damaged table is refused with readRunTable's message: an empty year, a word for a number, a missing line", () => {
  const monthly = fs.readFileSync(path.join(csvRun, "monthly.csv"), "utf8");
  const damages: [string, (text: string) => string][] = [
    ["empty year", (t) => t.replace(/\n3,2001,/, "\n3,,")],
    ["a word", (t) => t.replace(/\n5,2001,[^,]*,/, "\n5,2001,cheap,")],
    ["a missing line", (t) => t.replace(/\n7,[^\n]*/, "")],
    ["a quoted cell that parses", (t) => t.replace(/\n9,2001,/, '\n9,"2001",')],
  ];
  for (const [name, damage] of damages) {
    const dir = path.join(tmp, `damaged-${name.replace(/ /g, "-")}`);
    fs.cpSync(csvRun, dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "monthly.csv"), damage(monthly));
    if (name === "a quoted cell that parses") {
      // Not damage: quoting is valid CSV; the row is written again from its checked values.
      assert.deepEqual(readRunTableLines(dir, "monthly", SHAPE).lines, fileLines(path.join(csvRun, "monthly.csv")), name);
      continue;
    }
    let expected: unknown;
    try {
      readRunTable(dir, "monthly", SHAPE);
    } catch (error) {
      expected = error;
    }
    assert.ok(expected instanceof Error, `${name}: readRunTable refuses it`);
    assert.throws(() => readRunTableLines(dir, "monthly", SHAPE), { name: expected.name, message: expected.message }, name);
  }
});
