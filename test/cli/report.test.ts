/**
 * `econagent report DIR --figures FIGDIR`: the annual table, the Phillips-curve and Okun's-law lines, and the
 * two figures with their shared plotly.min.js.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const root = process.cwd();
const bin = path.join(root, "bin/econagent.js");

let tmp: string;
let runDir: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-cli-report-"));
  runDir = path.join(tmp, "baseline-run");
  const r = cli(["run", "--seed", "1", "--decisions", "off", "--quiet", "--out", runDir]);
  assert.equal(r.status, 0, r.stderr);
});
after(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: root, env: { ...process.env, ...env } });
}

function assertOneLineError(r: ReturnType<typeof cli>, ...phrases: string[]): void {
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, "");
  const lines = r.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, r.stderr);
  assert.ok(!r.stderr.includes("    at "), r.stderr);
  for (const p of phrases) assert.ok(lines[0].includes(p), `${JSON.stringify(p)} in ${lines[0]}`);
}

/** Pearson's r of the pairs defined in both columns, years 2..Y (as the paper's figures). */
function pearson(rows: Record<string, string>[], xCol: string, yCol: string): { r: number; n: number } {
  const pairs = rows.slice(1).filter((row) => row[xCol] !== "" && row[yCol] !== "");
  const x = pairs.map((row) => Number(row[xCol]));
  const y = pairs.map((row) => Number(row[yCol]));
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0, sxx = 0, syy = 0;
  for (let k = 0; k < x.length; k++) {
    sxy += (x[k] - mx) * (y[k] - my);
    sxx += (x[k] - mx) ** 2;
    syy += (y[k] - my) ** 2;
  }
  return { r: sxy / Math.sqrt(sxx * syy), n: x.length };
}

test("report prints the 20-year table and the Phillips/Okun lines, and writes the figures", () => {
  const figures = path.join(tmp, "figs");
  const r = cli(["report", runDir, "--figures", figures]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, "");
  const lines = r.stdout.trimEnd().split("\n");
  assert.equal(lines[0], "baseline-run: policy composite, seed 1, 20 years");

  const yearRows = lines.filter((l) => /^\d{4}\s/.test(l));
  assert.deepEqual(yearRows.map((l) => Number(l.slice(0, 4))), Array.from({ length: 20 }, (_, k) => 2001 + k));

  const annualText = fs.readFileSync(path.join(runDir, "annual.csv"), "utf8").trimEnd().split("\n");
  const header = annualText[0].split(",");
  const annual = annualText.slice(1).map((l) => Object.fromEntries(l.split(",").map((c, k) => [header[k], c])));
  const summary = JSON.parse(fs.readFileSync(path.join(runDir, "summary.json"), "utf8"));

  const check = (label: string, rel: "phillips" | "okun", xCol: string, yCol: string) => {
    const matching = lines.filter((l) => l.includes(label));
    assert.equal(matching.length, 1, `one ${label} line`);
    const line = matching[0];
    assert.ok(line.includes("r = ") && line.includes("n = 19"), line);
    const expected = pearson(annual, xCol, yCol);
    assert.equal(expected.n, 19);
    assert.equal(summary[rel].n, 19);
    assert.ok(Math.abs(summary[rel].r - expected.r) < 1e-9, `summary ${rel}.r ${summary[rel].r} vs ${expected.r}`);
    const printed = Number(/r = ([+-]?\d+\.\d\d)/.exec(line)?.[1]);
    assert.ok(Math.abs(printed - expected.r) <= 0.005 + 1e-12, `printed r ${printed} vs ${expected.r}`);
    assert.ok(summary[rel].p >= 0 && summary[rel].p <= 1, `${rel}.p ${summary[rel].p}`);
  };
  check("Phillips curve", "phillips", "unemployment_rate", "wage_inflation");
  check("Okun's law", "okun", "unemployment_growth", "real_gdp_growth");

  const annualHtml = path.join(figures, "baseline-run-annual.html");
  const phillipsHtml = path.join(figures, "baseline-run-phillips-okun.html");
  assert.deepEqual(fs.readdirSync(figures).sort(), [
    "baseline-run-annual.html",
    "baseline-run-annual.png",
    "baseline-run-phillips-okun.html",
    "baseline-run-phillips-okun.png",
    "plotly.min.js",
  ]);
  for (const file of [annualHtml, phillipsHtml, annualHtml.replace(/html$/, "png"), phillipsHtml.replace(/html$/, "png")]) {
    assert.ok(r.stdout.includes(`  ${file}\n`), `prints ${file}`);
  }
  for (const png of [annualHtml, phillipsHtml].map((f) => f.replace(/html$/, "png"))) {
    const bytes = fs.readFileSync(png);
    assert.deepEqual([...bytes.subarray(1, 4)], [...Buffer.from("PNG")], `${png} is a PNG`);
    assert.equal(bytes.readUInt32BE(16), 1000, "drawn at the figure's width");
  }
  for (const html of [annualHtml, phillipsHtml]) {
    const text = fs.readFileSync(html, "utf8");
    assert.ok(text.startsWith("<!DOCTYPE html>"), html);
    assert.ok(text.includes('<script src="plotly.min.js"></script>'), html);
  }
  const plotly = require.resolve("plotly.js-dist-min/plotly.min.js", { paths: [root] });
  assert.ok(fs.readFileSync(path.join(figures, "plotly.min.js")).equals(fs.readFileSync(plotly)), "a copy of plotly.min.js");

  // Reporting again gives the same text and leaves the figures byte-identical.
  const before = fs.readFileSync(phillipsHtml);
  const again = cli(["report", runDir, "--figures", figures]);
  assert.equal(again.status, 0, again.stderr);
  assert.equal(again.stdout, r.stdout);
  assert.ok(fs.readFileSync(phillipsHtml).equals(before));
});

test("report without Chromium writes the HTML figures and says in one line why there are no PNGs", () => {
  const figures = path.join(tmp, "figs-no-chromium");
  const r = cli(["report", runDir, "--figures", figures], { ECONAGENT_CHROMIUM: path.join(tmp, "no-chromium") });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(fs.readdirSync(figures).sort(), ["baseline-run-annual.html", "baseline-run-phillips-okun.html", "plotly.min.js"]);
  assert.deepEqual(r.stderr.trimEnd().split("\n"), [
    `econagent: PNG export skipped (figures written as HTML only): PNG export needs Chromium at ${path.join(tmp, "no-chromium")}, which is missing: install Debian chromium: apt-get install chromium`,
  ]);
});

test("report on a directory without a manifest → exit 2 naming the directory", () => {
  const empty = fs.mkdtempSync(path.join(tmp, "empty-"));
  assertOneLineError(cli(["report", empty, "--figures", path.join(tmp, "unused")]), JSON.stringify(empty), "manifest.json");
  assert.ok(!fs.existsSync(path.join(tmp, "unused")), "no figures written");
});

test("report on a run that did not complete → exit 2 quoting its status", () => {
  const copy = path.join(tmp, "unfinished");
  fs.cpSync(runDir, copy, { recursive: true });
  const manifestFile = path.join(copy, "manifest.json");
  fs.writeFileSync(manifestFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(manifestFile, "utf8")), status: "running" }));
  assertOneLineError(cli(["report", copy, "--figures", path.join(tmp, "unused2")]), JSON.stringify(copy), '"running"');
});

test("report needs exactly one directory and knows only --figures", () => {
  assertOneLineError(cli(["report"]), "report", "exactly one run directory");
  assertOneLineError(cli(["report", runDir, runDir]), "exactly one run directory");
  assertOneLineError(cli(["report", runDir, "--figures", path.join(tmp, "f"), "--households", "3"]), "--households", "--figures");
});

test("report prints the robust inference and the business cycle beside the US; --seeds adds the across-seed evidence", () => {
  const figures = path.join(tmp, "figs-seeds");
  const plain = cli(["report", runDir, "--figures", figures]);
  assert.equal(plain.status, 0, plain.stderr);
  const robust = plain.stdout.split("\n").filter((l) => l.startsWith("  robust to autocorrelated years: Spearman ρ = "));
  assert.equal(robust.length, 2);
  assert.match(plain.stdout, /Business cycle \(quarterly, HP λ = 1,600; run \/ US 2001–2020\):\nseries \(run \/ US\)/);
  assert.match(plain.stdout, /\nreal_gdp +\d\.\d{3} \/ 1\.407  1 \/ 1 /);
  const r = cli(["report", runDir, "--figures", figures, "--seeds", "3"]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.stdout.startsWith(plain.stdout.slice(0, plain.stdout.indexOf("\n\nfigures:"))), "the same run section first");
  assert.match(r.stdout, /Across seeds 1–3 of this configuration:\npolicy +seeds +Phillips r: median \[10–90 %\]/);
  assert.match(r.stdout, /composite \(3 seeds\):\nseries +statistic/);
  assert.ok(fs.existsSync(path.join(figures, "baseline-run-business-cycle.html")));
  assertOneLineError(cli(["report", runDir, "--seeds", "1"]), "--seeds", "an integer from 2 to 1000");
});

/** A copy of the run with one file replaced (or deleted, for null): what a damaged run directory looks like. */
function damaged(name: string, file: string, content: string | null): string {
  const copy = path.join(tmp, name);
  fs.cpSync(runDir, copy, { recursive: true });
  if (content === null) fs.rmSync(path.join(copy, file));
  else fs.writeFileSync(path.join(copy, file), content);
  return copy;
}

// Issue 18 item 11: every file report reads back is checked; a damaged one is one line naming it, exit 2.
test("report on a run without annual.csv → exit 2 naming the file", () => {
  const dir = damaged("no-annual", "annual.csv", null);
  assertOneLineError(cli(["report", dir, "--figures", path.join(tmp, "unused3")]), path.join(dir, "annual.csv"), "(file)", '"ENOENT"', "a readable annual table");
});

test("report on a run whose annual.csv is garbage → exit 2 naming the file and the columns it should have", () => {
  const dir = damaged("garbage-annual", "annual.csv", "x\n");
  assertOneLineError(cli(["report", dir, "--figures", path.join(tmp, "unused3")]), path.join(dir, "annual.csv"), '(header): got "x"', "the columns year,unemployment_rate,");
  const cell = damaged("text-annual", "annual.csv", fs.readFileSync(path.join(runDir, "annual.csv"), "utf8").replace(/\n2003,[^,]*,/, "\n2003,oops,"));
  assertOneLineError(cli(["report", cell, "--figures", path.join(tmp, "unused3")]), "annual.csv: line 4, unemployment_rate", '"oops"', "a number or an empty cell");
  const short = damaged("short-annual", "annual.csv", fs.readFileSync(path.join(runDir, "annual.csv"), "utf8").split("\n").slice(0, 5).join("\n") + "\n");
  assertOneLineError(cli(["report", short, "--figures", path.join(tmp, "unused3")]), "annual.csv: (rows): got 4", "20 rows (one per year of the run)");
});

test("report on a run whose summary.json is bogus → exit 2 naming the file and the field", () => {
  const dir = damaged("bogus-summary", "summary.json", JSON.stringify({ phillips: { r: "high" } }));
  assertOneLineError(cli(["report", dir, "--figures", path.join(tmp, "unused3")]), path.join(dir, "summary.json"), 'phillips.r: got "high"', "a finite number");
  const notJson = damaged("broken-summary", "summary.json", "{\n  oops");
  assertOneLineError(cli(["report", notJson, "--figures", path.join(tmp, "unused3")]), "summary.json: (file)", "valid JSON");
});

test("report --figures at a file or under /proc → exit 2 naming --figures, at once", () => {
  const file = path.join(tmp, "a-file");
  fs.writeFileSync(file, "");
  assertOneLineError(cli(["report", runDir, "--figures", file]), "--figures", JSON.stringify(file), "a writable directory (EEXIST)");
  if (fs.existsSync("/proc/self")) {
    const r = spawnSync(process.execPath, [bin, "report", runDir, "--figures", "/proc/econagent-probe"], { encoding: "utf8", cwd: root, timeout: 30_000 });
    assertOneLineError(r, "--figures", '"/proc/econagent-probe"', "a writable directory (ENOENT)");
  }
});

test("report on a run whose business_cycle.csv is damaged → exit 2 naming the file and the line", () => {
  const original = fs.readFileSync(path.join(runDir, "business_cycle.csv"), "utf8");
  const renamed = damaged("cycle-renamed", "business_cycle.csv", original.replace("\nreal_consumption,", "\nreal_gdp,"));
  assertOneLineError(cli(["report", renamed, "--figures", path.join(tmp, "unused3")]), "business_cycle.csv: line 3, series", 'got "real_gdp"', '"real_consumption"');
  const garbage = damaged("cycle-garbage", "business_cycle.csv", original.replace(/\nunemployment,[^,]*,/, "\nunemployment,NaNish,"));
  assertOneLineError(cli(["report", garbage, "--figures", path.join(tmp, "unused3")]), "business_cycle.csv: line 6, sd", '"NaNish"', "a number or an empty cell");
});
