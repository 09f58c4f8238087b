/**
 * `econagent sensitivity` on a small Composite economy: a parameter the economy ignores (loanSpread with the bank off)
 * gets exactly zero Morris μ* and Sobol' indices, the parameters that set prices and wages do not, and the files
 * have the issue's columns.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseEstimation, readEstimation } from "../../lib/estimation/estimationFile.js";
import { runSensitivity, SENSITIVITY_FILES } from "../../lib/estimation/sensitivity.js";
import { parseCsv } from "../../lib/run/csv.js";

let tmp: string;
before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-sensitivity-"))));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function analysis(method: "morris" | "sobol", samples: number): string {
  const file = path.join(tmp, `${method}.json`);
  fs.writeFileSync(file, JSON.stringify({
    name: `small-${method}`,
    base: { policy: "composite", households: 20, months: 48 },
    parameters: { wageAdjustment: [0.01, 0.2], priceAdjustment: [0.01, 0.3], loanSpread: [0, 0.2] },
    outputs: ["price_inflation.sd", "unemployment_rate.mean"],
    method,
    samples,
    seeds: { from: 1, count: 2 },
    seed: 3,
  }));
  return file;
}

test("Morris: the ignored parameter has μ* = σ = 0, the price and wage speeds do not", async () => {
  const result = await runSensitivity(readEstimation(analysis("morris", 4), "sensitivity"), { out: path.join(tmp, "morris"), jobs: 1 });
  assert.ok(result.complete);
  assert.equal(result.evaluations, 4 * 4);
  const rows = parseCsv(fs.readFileSync(path.join(result.dir, SENSITIVITY_FILES.indices), "utf8"));
  assert.deepEqual(Object.keys(rows[0]), ["output", "parameter", "mu_star", "mu_star_conf", "sigma"]);
  assert.equal(rows.length, 2 * 3);
  for (const row of rows) {
    if (row.parameter === "loanSpread") assert.deepEqual([row.mu_star, row.sigma], [0, 0]);
    else assert.ok((row.mu_star as number) > 0, `${row.output} ${row.parameter}`);
  }
  assert.ok(fs.existsSync(path.join(result.dir, SENSITIVITY_FILES.figure)));
});

test("Sobol': N(2D + 2) evaluations, the ignored parameter's S1 and ST are exactly 0, and a rerun reuses the journal", async () => {
  const file = analysis("sobol", 4);
  const out = path.join(tmp, "sobol");
  const result = await runSensitivity(readEstimation(file, "sensitivity"), { out, jobs: 1 });
  assert.equal(result.evaluations, 4 * (2 * 3 + 2));
  const rows = parseCsv(fs.readFileSync(path.join(out, SENSITIVITY_FILES.indices), "utf8"));
  assert.deepEqual(Object.keys(rows[0]), ["output", "parameter", "S1", "S1_conf", "ST", "ST_conf"]);
  for (const row of rows.filter((r) => r.parameter === "loanSpread")) assert.deepEqual([row.S1, row.ST, row.S1_conf, row.ST_conf], [0, 0, 0, 0]);
  const indices = fs.readFileSync(path.join(out, SENSITIVITY_FILES.indices), "utf8");
  let evaluated = 0;
  await runSensitivity(readEstimation(file, "sensitivity"), { out, jobs: 1, onProgress: (p) => (evaluated = p.done) });
  assert.equal(evaluated, 32, "every point read back from the journal");
  assert.equal(fs.readFileSync(path.join(out, SENSITIVITY_FILES.indices), "utf8"), indices);
});

test("a sensitivity file with an unknown output or method is refused naming the field", async () => {
  const good = JSON.parse(fs.readFileSync(analysis("morris", 4), "utf8"));
  assert.throws(() => parseEstimation({ ...good, outputs: ["phillips.rr"] }, "sensitivity"), /^UsageError: outputs: got "phillips\.rr"; allowed: <series>\.<statistic>/);
  assert.throws(() => parseEstimation({ ...good, method: "fast" }, "sensitivity"), /method: got "fast"; allowed: morris or sobol/);
  assert.throws(() => parseEstimation({ ...good, samples: 1 }, "sensitivity"), /samples: got 1; allowed: an integer in 2\.\.100000/);
  assert.throws(() => parseEstimation({ ...good, moments: "us" }, "sensitivity"), /moments: got "us"; allowed: a field of a sensitivity file/);
});
