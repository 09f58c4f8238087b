/**
 * `econagent run`: the files a run writes and what is in them, flags overriding a config file, and the
 * refusal to overwrite an earlier run without --force.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CONFIG_KEYS, DEFAULT_CONFIG } from "../../lib/run/config.js";
import { closeTo } from "../support/approx.js";

const root = process.cwd();
const bin = path.join(root, "bin/econagent.js");
const version = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
const ALL_FILES = ["annual.csv", "business_cycle.csv", "decisions.csv", "households.csv", "manifest.json", "monthly.csv", "summary.json"];

const MONTHLY_HEAD = "month,year,price,mean_wage,employed,production,inventory,demand,imbalance,tax_revenue";
const ANNUAL_HEADER =
  "year,unemployment_rate,price_inflation,wage_inflation,nominal_gdp,real_gdp,nominal_gdp_growth,real_gdp_growth," +
  "unemployment_growth,interest_rate,gini_income,gini_savings,mean_savings";
const DECISIONS_HEADER =
  "month,household,work_propensity,consumption_propensity,worked,job,income,tax,transfer,consumption,savings,rationed";

let tmp: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-cli-run-"));
});
after(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function cli(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: root });
}

function runOk(args: string[]) {
  const r = cli(["run", ...args]);
  assert.equal(r.status, 0, `econagent run ${args.join(" ")} failed: ${r.stderr}`);
  assert.equal(r.stderr, "", "no progress bar or warnings when stderr is not a terminal");
  return r;
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));

/** Lines of a file written line by line: every line ends with "\n", so the last split element is "". */
function lines(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  assert.ok(text.endsWith("\n"), `${file} ends with a newline`);
  return text.slice(0, -1).split("\n");
}

/** A CSV without quoted cells as rows of strings keyed by the header. */
function table(file: string): { header: string[]; rows: Record<string, string>[] } {
  const [head, ...body] = lines(file);
  const header = head.split(",");
  return {
    header,
    rows: body.map((line) => {
      const cells = line.split(",");
      assert.equal(cells.length, header.length, `${file}: ${line}`);
      return Object.fromEntries(header.map((h, k) => [h, cells[k]]));
    }),
  };
}

const near = (actual: number, expected: number, what: string) =>
  assert.ok(closeTo(actual, expected, 1e-9), `${what}: ${actual} is not ${expected}`);

test("a 10 × 24 run writes the seven files with the documented contents", () => {
  const out = path.join(tmp, "small");
  const before = Date.now();
  const r = runOk(["--households", "10", "--months", "24", "--out", out]);
  const after = Date.now();
  assert.equal(r.stdout, `composite: 10 households × 24 months → ${path.resolve(out)}\n`);
  assert.deepEqual(fs.readdirSync(out).sort(), ALL_FILES, "exactly the run's files (no temporary or probe files)");

  // manifest.json
  const manifest = readJson(path.join(out, "manifest.json"));
  assert.equal(manifest.name, "econagent-ts");
  assert.equal(manifest.version, version);
  assert.equal(manifest.status, "complete");
  assert.equal(manifest.seed, 1);
  assert.equal(manifest.policy, "composite");
  assert.equal(manifest.error, undefined);
  assert.deepEqual(manifest.config, { ...DEFAULT_CONFIG, households: 10, months: 24 });
  assert.deepEqual(Object.keys(manifest.config).sort(), [...CONFIG_KEYS].sort(), "every option resolved");
  // Defaults that define the baseline run (spelled out, not only taken from DEFAULT_CONFIG).
  assert.equal(manifest.config.policy, "composite");
  assert.equal(manifest.config.seed, 1);
  assert.equal(manifest.config.work, null);
  assert.equal(manifest.config.consumption, null);
  assert.equal(manifest.config.decisions, null, "automatic: all up to 10,000 households");
  assert.equal(manifest.config.format, "csv");
  assert.deepEqual(manifest.outputs, { format: "csv", decisions: "all", decision_households: 10 });
  assert.equal(manifest.config.startYear, 2001);
  const started = Date.parse(manifest.started_at);
  const finished = Date.parse(manifest.finished_at);
  assert.equal(new Date(started).toISOString(), manifest.started_at, "started_at is an ISO timestamp");
  assert.equal(new Date(finished).toISOString(), manifest.finished_at, "finished_at is an ISO timestamp");
  assert.ok(before - 1000 <= started && started <= finished && finished <= after + 1000, "timestamps within the run");
  assert.equal(manifest.duration_s, (finished - started) / 1000);
  assert.deepEqual(manifest.counts, {
    households: 10,
    months_planned: 24,
    months_completed: 24,
    years_completed: 2,
    decision_records: 240,
  });
  assert.deepEqual([...manifest.files].sort(), ALL_FILES);

  // monthly.csv: header + one row per month, months 1..24 in years 2001 and 2002.
  const monthlyLines = lines(path.join(out, "monthly.csv"));
  assert.equal(monthlyLines.length, 1 + 24);
  assert.ok(monthlyLines[0].startsWith(MONTHLY_HEAD + ","), monthlyLines[0]);
  const monthly = table(path.join(out, "monthly.csv")).rows;
  assert.deepEqual(monthly.map((m) => Number(m.month)), Array.from({ length: 24 }, (_, k) => k + 1));
  assert.deepEqual(monthly.map((m) => Number(m.year)), [...Array(12).fill(2001), ...Array(12).fill(2002)]);
  for (const m of monthly) {
    const employed = Number(m.employed);
    assert.ok(Number.isInteger(employed) && employed >= 0 && employed <= 10, `employed ${m.employed}`);
    assert.ok(Number(m.price) > 0 && Number(m.mean_wage) > 0, `price ${m.price}, wage ${m.mean_wage}`);
  }

  // annual.csv: exact header, two years, year-on-year cells empty in year 1, values consistent with monthly.csv.
  const annualLines = lines(path.join(out, "annual.csv"));
  assert.equal(annualLines[0], ANNUAL_HEADER);
  const annual = table(path.join(out, "annual.csv")).rows;
  assert.deepEqual(annual.map((a) => a.year), ["2001", "2002"]);
  for (const col of ["price_inflation", "wage_inflation", "nominal_gdp_growth", "real_gdp_growth", "unemployment_growth"]) {
    assert.equal(annual[0][col], "", `${col} is empty in year 1`);
  }
  assert.notEqual(annual[1].price_inflation, "", "price_inflation is defined in year 2");
  const ofYear = (y: number) => monthly.filter((m) => Number(m.year) === y);
  const mean = (rows: Record<string, string>[], key: string) => rows.reduce((s, m) => s + Number(m[key]), 0) / rows.length;
  const sum = (rows: Record<string, string>[], key: string) => rows.reduce((s, m) => s + Number(m[key]), 0);
  for (const [k, y] of [[0, 2001], [1, 2002]] as const) {
    const months = ofYear(y);
    near(Number(annual[k].unemployment_rate), months.reduce((s, m) => s + (10 - Number(m.employed)), 0) / 120, `unemployment ${y}`);
    near(Number(annual[k].nominal_gdp), sum(months, "nominal_gdp"), `nominal GDP ${y}`);
    near(Number(annual[k].real_gdp), sum(months, "real_gdp"), `real GDP ${y}`);
  }
  near(Number(annual[1].price_inflation), mean(ofYear(2002), "price") / mean(ofYear(2001), "price") - 1, "price inflation");
  near(Number(annual[1].wage_inflation), mean(ofYear(2002), "mean_wage") / mean(ofYear(2001), "mean_wage") - 1, "wage inflation");

  // summary.json: two years give one defined pair, too few for a correlation.
  const summary = readJson(path.join(out, "summary.json"));
  assert.equal(summary.years, 2);
  for (const rel of ["phillips", "okun"]) {
    assert.equal(summary[rel].n, 1, `${rel}.n = years − 1`);
    assert.equal(summary[rel].r, null, `${rel}.r undefined with n = 1`);
    assert.equal(summary[rel].p, null, `${rel}.p undefined with n = 1`);
  }

  // households.csv: one row per household.
  const households = lines(path.join(out, "households.csv"));
  assert.equal(households[0], "household,name,age,initial_wage,type");
  assert.deepEqual(households.slice(1).map((l) => Number(l.split(",")[0])), Array.from({ length: 10 }, (_, i) => i));

  // decisions.csv: households × months rows, month-major.
  const decisions = lines(path.join(out, "decisions.csv"));
  assert.equal(decisions[0], DECISIONS_HEADER);
  assert.equal(decisions.length, 1 + 10 * 24);
  const keys = decisions.slice(1).map((l) => l.split(",").slice(0, 2).join(","));
  const expectedKeys = Array.from({ length: 240 }, (_, k) => `${Math.floor(k / 10) + 1},${k % 10}`);
  assert.deepEqual(keys, expectedKeys);
});

test("--decisions off writes no decisions.csv and says so in the manifest", () => {
  const out = path.join(tmp, "no-decisions");
  runOk(["--households", "10", "--months", "24", "--decisions", "off", "--quiet", "--out", out]);
  assert.deepEqual(fs.readdirSync(out).sort(), ALL_FILES.filter((f) => f !== "decisions.csv"));
  const manifest = readJson(path.join(out, "manifest.json"));
  assert.equal(manifest.status, "complete");
  assert.equal(manifest.config.decisions, "off");
  assert.deepEqual(manifest.outputs, { format: "csv", decisions: "off", decision_households: 0 });
  assert.equal(manifest.counts.decision_records, 0);
  assert.ok(!manifest.files.includes("decisions.csv"));
});

test("--quiet prints nothing on success", () => {
  const out = path.join(tmp, "quiet");
  const r = runOk(["--households", "10", "--months", "24", "--quiet", "--out", out]);
  assert.equal(r.stdout, "");
  assert.equal(readJson(path.join(out, "manifest.json")).status, "complete");
});

test("flags override the config file; keys the flags do not set come from the file", () => {
  const config = path.join(tmp, "override.json");
  fs.writeFileSync(config, JSON.stringify({ households: 7, months: 24, seed: 3 }));
  const out = path.join(tmp, "override");
  runOk(["--config", config, "--households", "5", "--quiet", "--out", out]);
  const manifest = readJson(path.join(out, "manifest.json"));
  assert.equal(manifest.config.households, 5);
  assert.equal(manifest.config.months, 24);
  assert.equal(manifest.config.seed, 3);
  assert.equal(manifest.seed, 3);
  assert.equal(lines(path.join(out, "households.csv")).length, 1 + 5);
  assert.equal(lines(path.join(out, "monthly.csv")).length, 1 + 24);
  assert.equal(lines(path.join(out, "decisions.csv")).length, 1 + 5 * 24);
});

test("the fixed policy runs with --work and --consumption and records them", () => {
  const out = path.join(tmp, "fixed");
  runOk(["--policy", "fixed", "--work", "0.8", "--consumption", "0.3", "--households", "10", "--months", "24", "--quiet", "--out", out]);
  const manifest = readJson(path.join(out, "manifest.json"));
  assert.equal(manifest.config.policy, "fixed");
  assert.equal(manifest.config.work, 0.8);
  assert.equal(manifest.config.consumption, 0.3);
  // job titles may be quoted and contain commas, but the first four columns never are.
  const decisions = lines(path.join(out, "decisions.csv")).slice(1);
  assert.equal(decisions.length, 240);
  for (const line of decisions) {
    const [, , work, consumption] = line.split(",");
    assert.equal(Number(work), 0.8);
    assert.equal(Number(consumption), 0.3);
  }
});

test("re-running into the same --out needs --force; --force replaces the earlier run and leaves no stale file", () => {
  const out = path.join(tmp, "rerun");
  runOk(["--households", "10", "--months", "24", "--quiet", "--out", out]);
  const manifestBefore = fs.readFileSync(path.join(out, "manifest.json"), "utf8");
  const monthlyBefore = fs.readFileSync(path.join(out, "monthly.csv"), "utf8");

  const refused = cli(["run", "--households", "10", "--months", "24", "--seed", "2", "--decisions", "off", "--quiet", "--out", out]);
  assert.equal(refused.status, 2);
  assert.equal(refused.stdout, "");
  const lines_ = refused.stderr.trimEnd().split("\n");
  assert.equal(lines_.length, 1, refused.stderr);
  assert.ok(lines_[0].includes("--out") && lines_[0].includes(JSON.stringify(out)) && lines_[0].includes("--force"), lines_[0]);
  assert.ok(!refused.stderr.includes("    at "));
  assert.equal(fs.readFileSync(path.join(out, "manifest.json"), "utf8"), manifestBefore, "earlier run untouched");
  assert.equal(fs.readFileSync(path.join(out, "monthly.csv"), "utf8"), monthlyBefore, "earlier run untouched");

  runOk(["--households", "10", "--months", "24", "--seed", "2", "--decisions", "off", "--quiet", "--force", "--out", out]);
  const manifest = readJson(path.join(out, "manifest.json"));
  assert.equal(manifest.status, "complete");
  assert.equal(manifest.seed, 2);
  assert.deepEqual(fs.readdirSync(out).sort(), ALL_FILES.filter((f) => f !== "decisions.csv"), "the old decisions.csv is gone");
  assert.notEqual(fs.readFileSync(path.join(out, "monthly.csv"), "utf8"), monthlyBefore);
});
