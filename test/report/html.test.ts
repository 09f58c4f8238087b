import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { annualIndicatorsFigure, divId, phillipsOkunFigure, writeFigureHtml } from "../../lib/report/index.js";
import { annualFixture, okunFixture, phillipsFixture } from "./fixtures.js";

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "econagent-report-"));
}

function embeddedFigure(html: string, id: string): unknown {
  const open = `<script type="application/json" id="${id}-data">`;
  const start = html.indexOf(open) + open.length;
  return JSON.parse(html.slice(start, html.indexOf("</script>", start)));
}

test("writeFigureHtml: page references the shared plotly copy and embeds the figure", () => {
  const dir = path.join(tmpDir(), "figures");
  const fig = phillipsOkunFigure(phillipsFixture(), okunFixture(), "Run <A> & B");
  const file = path.join(dir, "phillips okun.html");
  assert.equal(writeFigureHtml(fig, file), file);
  const html = fs.readFileSync(file, "utf8");
  assert.match(html, /<script src="plotly\.min\.js"><\/script>/);
  assert.match(html, /<title>Run &lt;A&gt; &amp; B<\/title>/);
  assert.ok(html.includes('<div id="fig-phillips-okun"'));
  assert.ok(html.includes('Plotly.newPlot("fig-phillips-okun"'));
  assert.deepEqual(embeddedFigure(html, "fig-phillips-okun"), fig);
  assert.ok(!html.includes("p < 0.001"), "'<' inside the JSON is escaped");
  const source = require.resolve("plotly.js-dist-min/plotly.min.js");
  assert.equal(fs.statSync(path.join(dir, "plotly.min.js")).size, fs.statSync(source).size);
  assert.deepEqual(fs.readdirSync(dir).sort(), ["phillips okun.html", "plotly.min.js"]);
});

test("writeFigureHtml: identical bytes on a second write; one plotly copy per directory", () => {
  const dir = tmpDir();
  const fig = annualIndicatorsFigure(annualFixture(), "Run A");
  const a = path.join(dir, "annual.html");
  writeFigureHtml(fig, a);
  const first = fs.readFileSync(a);
  const plotlyMtime = fs.statSync(path.join(dir, "plotly.min.js")).mtimeMs;
  writeFigureHtml(fig, a);
  writeFigureHtml(fig, path.join(dir, "annual-copy.html"));
  assert.ok(first.equals(fs.readFileSync(a)));
  assert.equal(fs.statSync(path.join(dir, "plotly.min.js")).mtimeMs, plotlyMtime, "plotly copy not rewritten");
  assert.deepEqual(fs.readdirSync(dir).sort(), ["annual-copy.html", "annual.html", "plotly.min.js"]);
});

test("writeFigureHtml: replaces a plotly copy of the wrong size", () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, "plotly.min.js"), "stale");
  writeFigureHtml(annualIndicatorsFigure(annualFixture(), "t"), path.join(dir, "a.html"));
  const source = require.resolve("plotly.js-dist-min/plotly.min.js");
  assert.equal(fs.statSync(path.join(dir, "plotly.min.js")).size, fs.statSync(source).size);
});

test("divId: derived from the file name", () => {
  assert.equal(divId("runs/x/Phillips Okun (v2).html"), "fig-Phillips-Okun-v2-");
  assert.equal(divId("annual.html"), "fig-annual");
});
