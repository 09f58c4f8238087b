/**
 * Standalone HTML pages for figures. Every page in a directory references one shared copy of plotly.min.js
 * placed next to it (inlining the library would cost 4.8 MB per page). The bytes depend only on the figure and
 * the file name, so regenerating an unchanged figure leaves the file unchanged.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { makeDirectory } from "../files.js";
import type { Figure, Trace } from "./plotly.js";

/**
 * The one copy of plotly.js that every standalone figure page under figures/ loads.
 * @example
 * path.join("figures", PLOTLY_FILE); // "figures/plotly.min.js"
 */
export const PLOTLY_FILE = "plotly.min.js";

/**
 * Write `figure` as a standalone page at `filePath` (atomically: a temporary file renamed into place), creating
 * the directory and copying plotly.min.js into it when absent or of a different size. Returns `filePath`.
 * @example writeFigureHtml(annualIndicatorsFigure(annual, "Run 1"), "runs/run1/figures/annual.html");
 */
export function writeFigureHtml(figure: Figure<Trace>, filePath: string): string {
  const dir = path.dirname(filePath);
  makeDirectory(dir);
  ensurePlotly(dir);
  writeAtomic(filePath, figureHtml(figure, divId(filePath)));
  return filePath;
}

/** The page for a figure drawn into the div `id`. The figure travels as JSON in a non-executed script tag. */
export function figureHtml(figure: Figure<Trace>, id: string): string {
  const title = escapeHtml(figure.layout.title.text || id);
  const json = JSON.stringify(figure).replace(/</g, "\\u003c");
  const { width, height } = figure.layout;
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<title>${title}</title>`,
    `<script src="${PLOTLY_FILE}"></script>`,
    "</head>",
    '<body style="margin:0;font-family:sans-serif">',
    `<div id="${id}" style="width:${width}px;height:${height}px"></div>`,
    `<script type="application/json" id="${id}-data">${json}</script>`,
    "<script>",
    `const figure = JSON.parse(document.getElementById("${id}-data").textContent);`,
    `Plotly.newPlot("${id}", figure.data, figure.layout, { displaylogo: false });`,
    "</script>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** A div id from the file name, e.g. "runs/a/Phillips Okun.html" → "fig-Phillips-Okun". */
export function divId(filePath: string): string {
  const stem = path.basename(filePath, path.extname(filePath));
  return `fig-${stem.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
}

function ensurePlotly(dir: string): void {
  const source = require.resolve(`plotly.js-dist-min/${PLOTLY_FILE}`);
  const target = path.join(dir, PLOTLY_FILE);
  const existing = fs.statSync(target, { throwIfNoEntry: false });
  if (existing !== undefined && existing.size === fs.statSync(source).size) return;
  const tmp = tmpName(target);
  fs.copyFileSync(source, tmp);
  fs.renameSync(tmp, target);
}

function writeAtomic(filePath: string, text: string): void {
  const tmp = tmpName(filePath);
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, filePath);
}

function tmpName(filePath: string): string {
  return `${filePath}.tmp-${process.pid}`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
