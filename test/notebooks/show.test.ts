import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { cellText, figuresDir, frameOf, tableHtml } from "../../lib/notebook/index.js";
import { projectRoot } from "../../lib/paths.js";
import { showFigure } from "../../lib/notebook/show.js";
import * as dfd from "danfojs";

test("cellText: rounded to `digits` decimals, tiny numbers with `digits` significant digits, missing as empty", () => {
  assert.equal(cellText(0.123456, 4), "0.1235");
  assert.equal(cellText(23525562.84584124, 4), "23525562.8458");
  assert.equal(cellText(2001, 4), "2001");
  assert.equal(cellText(0.5, 4), "0.5");
  assert.equal(cellText(1.385408605866757e-9, 4), "1.385e-9", "a p-value is not rounded away to 0");
  assert.equal(cellText(0.00001, 2), "1e-5");
  assert.equal(cellText(0, 4), "0");
  assert.equal(cellText(-0.000049, 4), "-4.9e-5");
  assert.equal(cellText(null, 4), "");
  assert.equal(cellText(undefined, 4), "");
  assert.equal(cellText(Number.NaN, 4), "");
  assert.equal(cellText("len", 4), "len");
  assert.equal(cellText(true, 4), "true");
});

test("tableHtml: a DataFrame or rows as an HTML table with caption, escaped text, numbers right-aligned", () => {
  const rows = [{ year: 2001, rate: 0.0158333, note: "a<b & c" }, { year: 2002, rate: null, note: null }];
  const html = tableHtml(frameOf(rows), { caption: "Rates <%>", digits: 3 });
  assert.match(html, /<caption>Rates &lt;%&gt;<\/caption>/);
  assert.match(html, /<th>year<\/th><th>rate<\/th><th>note<\/th>/);
  assert.match(html, /<td style="text-align:right">0\.016<\/td><td>a&lt;b &amp; c<\/td>/);
  assert.match(html, /<td style="text-align:right">2002<\/td><td><\/td><td><\/td>/, "nulls are empty cells");
  assert.match(html, /2 rows × 3 columns/);
  assert.equal(tableHtml(rows, { caption: "Rates <%>", digits: 3 }), html, "plain rows give the same table");
});

test("tableHtml: a long table shows its first and last rows and its size", () => {
  const rows = Array.from({ length: 100 }, (_, i) => ({ i: i }));
  const html = tableHtml(rows, { maxRows: 10 });
  const shown = [...html.matchAll(/<td style="text-align:right">(\d+)<\/td>/g)].map((m) => Number(m[1]));
  assert.deepEqual(shown, [0, 1, 2, 3, 4, 95, 96, 97, 98, 99]);
  assert.match(html, /<td>…<\/td>/);
  assert.match(html, /100 rows × 1 columns/);
  assert.match(tableHtml(frameOf(rows), { maxRows: 10 }), /<td style="text-align:right">99<\/td><\/tr><\/tbody>/);
});

test("showFigure in a script writes figures/<name>.html and .png, and the browser does not keep the script alive", { timeout: 120_000 }, async () => {
  const name = `test-show-figure-${process.pid}`;
  const files = ["html", "png"].map((ext) => path.join(figuresDir(), `${name}.${ext}`));
  try {
    const started = Date.now();
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const script = path.join("test", "notebooks", "showFigureScript.ts");
      execFile(process.execPath, ["--import", "tsx", script, name], { cwd: projectRoot(), timeout: 90_000 }, (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout: stdout, stderr: stderr || String(error) }),
      );
    });
    assert.equal(result.code, 0, `the script failed or hung:\n${result.stderr}`);
    const report = JSON.parse(result.stdout.trim().split("\n").pop() ?? "{}");
    console.log(`PNG export: first figure ${report.firstMs} ms (browser start), next two ${report.nextTwoMs} ms`);
    assert.deepEqual(report.sizes, [[200, 100], [400, 300]], "width/height as asked, else the figure's layout size");
    assert.deepEqual(report.pageFolders, [], "the temporary page plotly was loaded from is removed");
    assert.ok(Date.now() - started < 60_000, "the script ends soon after its last figure");
    const html = fs.readFileSync(files[0], "utf8");
    assert.match(html, /<script src="plotly\.min\.js"><\/script>/);
    const png = fs.readFileSync(files[1]);
    assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from("PNG")]);
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [400, 300]);
  } finally {
    for (const file of files) fs.rmSync(file, { force: true });
  }
});

test("showFigure refuses a name that is not a plain file name", async () => {
  const figure = { data: [], layout: { title: { text: "" }, width: 10, height: 10 } } as unknown as Parameters<typeof showFigure>[0];
  await assert.rejects(showFigure(figure, "../escape"), /plain file name/);
  await assert.rejects(showFigure(figure, "a.html/b"), /plain file name/);
});

test("without Chromium, showFigure writes the HTML and skips the PNG with one line; figurePngs fails with the install command", async () => {
  const name = `test-no-chromium-${process.pid}`;
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const script = path.join("test", "notebooks", "showFigureScript.ts");
    const env = { ...process.env, ECONAGENT_CHROMIUM: "/nonexistent/chromium" };
    execFile(process.execPath, ["--import", "tsx", script, name], { cwd: projectRoot(), env: env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout: stdout, stderr: stderr }),
    );
  });
  const written = ["html", "png"].map((ext) => fs.existsSync(path.join(figuresDir(), `${name}.${ext}`)));
  for (const ext of ["html", "png"]) fs.rmSync(path.join(figuresDir(), `${name}.${ext}`), { force: true });
  assert.deepEqual(written, [true, false], "the HTML page is written, no PNG");
  assert.equal(
    result.stdout.trim(),
    "PNG export skipped (figures are shown interactively and written as HTML only): PNG export needs Chromium at /nonexistent/chromium, which is missing: install Debian chromium: apt-get install chromium",
  );
  assert.equal(result.code, 1, "asking for PNG bytes directly still fails");
  assert.match(result.stderr, /install Debian chromium: apt-get install chromium/);
});

test("tables: digits 0 and frames returned by danfojs selections", async () => {
  assert.equal(cellText(0.2, 0), "2e-1");
  assert.equal(cellText(2.4, 0), "2");
  const frame = new dfd.DataFrame({ a: [1, 2], b: [3, 4] });
  const html = tableHtml(frame.loc({ columns: ["b"] }), {});
  assert.ok(html.includes("<th>b</th>") && !html.includes("<th>a</th>"));
});
