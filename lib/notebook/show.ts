/**
 * Showing figures and tables in a tslab notebook. A figure is also written to the project's figures/ directory as
 * a standalone HTML page and a PNG, so what a notebook shows can be opened, linked and committed on its own.
 *
 * Outside a notebook (a script, a test) nothing is displayed: figures are only written, tables printed as text.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as dfd from "danfojs";
import type { DataFrame } from "danfojs";
import { projectRoot } from "../paths.js";
import { columnsOf } from "./columns.js";
import { writeFigureHtml } from "../report/html.js";
import type { Figure, Trace } from "../report/plotly.js";
import { chromiumMissing, warmPngBrowser, writeFigurePngs } from "../report/png.js";

// In a notebook, start Chromium while the first cells compute: a notebook that imports this shows figures.
if (inNotebook() && chromiumMissing() === null) warmPngBrowser();

/** The MIME type JupyterLab and VS Code draw as an interactive plotly figure. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** Where {@link showFigure} writes: `<project root>/figures`. */
export function figuresDir(): string {
  return path.join(projectRoot(), "figures");
}

/**
 * Write `figure` to figures/<name>.html and figures/<name>.png and show it in the notebook: one output carrying
 * both the interactive plotly figure and the PNG, so JupyterLab and VS Code draw the interactive one while
 * GitHub, nbconvert and other static viewers show the image. Without Chromium the figure is still written as HTML
 * and shown interactively; the PNG is skipped with one line (once per kernel) saying why and how to install it.
 * @param name file name without extension: letters, digits, `.`, `_`, `-`
 * @param options.dir where the files go (default {@link figuresDir})
 * @returns once the files are written and the output is sent
 * @example
 * await showFigure(annualFigureOf(loadRunFrames("data/runs/composite-seed1")), "my-annual");
 */
export async function showFigure(figure: Figure<Trace>, name: string, options: { dir?: string } = {}): Promise<void> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new Error(`showFigure: name "${name}" must be a plain file name (letters, digits, ".", "_", "-"), without extension`);
  }
  const dir = options.dir ?? figuresDir();
  // The PNG first: when it cannot be drawn (other than for a missing browser), no half of the pair is written.
  const pngPath = path.join(dir, `${name}.png`);
  const { skipped } = await writeFigurePngs([{ figure: figure, file: pngPath }]);
  writeFigureHtml(figure, path.join(dir, `${name}.html`));
  if (skipped !== null) {
    if (!pngSkipNoticeShown) console.log(`PNG export skipped (figures are shown interactively and written as HTML only): ${skipped}`);
    pngSkipNoticeShown = true;
    displayBundle({ [PLOTLY_MIME]: figure });
    return;
  }
  displayBundle({ [PLOTLY_MIME]: figure, "image/png": fs.readFileSync(pngPath).toString("base64") });
}

/** The missing-browser notice is printed once per process (kernel), not under every figure. */
let pngSkipNoticeShown = false;

/** How {@link showTable} renders a table: a caption and the decimals shown. */
export interface TableOptions {
  /** A caption above the table. */
  caption?: string;
  /** Decimal places numbers are rounded to (default 4); smaller non-zero numbers keep `digits` significant digits. */
  digits?: number;
  /** Longer tables show their first and last `maxRows / 2` rows (default 60). */
  maxRows?: number;
}

/**
 * Show a danfojs DataFrame (or plain row objects) as an HTML table: numbers rounded to `digits`, null, NaN and
 * missing values as empty cells, long tables cut in the middle with their size noted underneath.
 * @example
 * showTable(run.annual, { caption: "Annual indicators", digits: 3 });
 */
export function showTable(table: DataFrame | Record<string, unknown>[], options: TableOptions = {}): void {
  const html = tableHtml(table, options);
  if (!displayBundle({ "text/html": html })) console.log(tableText(table, options));
}

/** The HTML {@link showTable} displays. */
export function tableHtml(table: DataFrame | Record<string, unknown>[], options: TableOptions = {}): string {
  const { columns, head, tail, total } = tableParts(table, options.maxRows ?? 60);
  const digits = options.digits ?? 4;
  const row = (r: Record<string, unknown>) =>
    "<tr>" + columns.map((c) => `<td${typeof r[c] === "number" ? ' style="text-align:right"' : ""}>${escapeHtml(cellText(r[c], digits))}</td>`).join("") + "</tr>";
  const gap = tail.length > 0 ? `<tr>${columns.map(() => "<td>…</td>").join("")}</tr>` : "";
  return [
    "<table>",
    options.caption === undefined ? "" : `<caption>${escapeHtml(options.caption)}</caption>`,
    `<thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr></thead>`,
    `<tbody>${head.map(row).join("")}${gap}${tail.map(row).join("")}</tbody>`,
    "</table>",
    `<p>${total} rows × ${columns.length} columns</p>`,
  ].join("");
}

/**
 * One cell as text: numbers rounded to `digits` decimals (trailing zeros dropped), tiny non-zero numbers in
 * exponent form with `digits` significant digits; null, undefined and non-finite numbers empty.
 * @example cellText(0.123456, 4) // "0.1235"; cellText(1.3854e-9, 4) // "1.385e-9"; cellText(null, 4) // ""
 */
export function cellText(value: unknown, digits: number): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    if (value !== 0 && Math.abs(value) < 0.5 * Math.pow(10, -digits)) {
      return value.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, "e");
    }
    return String(Number(value.toFixed(digits)));
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Plain-text rendering for scripts (outside a notebook). */
function tableText(table: DataFrame | Record<string, unknown>[], options: TableOptions): string {
  const { columns, head, tail, total } = tableParts(table, options.maxRows ?? 60);
  const digits = options.digits ?? 4;
  const lines = [columns, ...head.map((r) => columns.map((c) => cellText(r[c], digits)))];
  if (tail.length > 0) lines.push(columns.map(() => "…"), ...tail.map((r) => columns.map((c) => cellText(r[c], digits))));
  const widths = columns.map((_, j) => Math.max(...lines.map((l) => l[j].length)));
  const text = lines.map((l) => l.map((cell, j) => cell.padStart(widths[j])).join("  ")).join("\n");
  return [options.caption ?? "", text, `${total} rows × ${columns.length} columns`].filter((s) => s !== "").join("\n");
}

/** The columns and the rows to show (all, or the first and last `maxRows / 2` of a longer table). */
function tableParts(
  table: DataFrame | Record<string, unknown>[],
  maxRows: number,
): { columns: string[]; head: Record<string, unknown>[]; tail: Record<string, unknown>[]; total: number } {
  const half = Math.max(1, Math.floor(maxRows / 2));
  // By shape, not instanceof: danfojs returns frames of other internal classes from e.g. df.loc(...).
  if (!Array.isArray(table)) {
    const total = table.shape[0];
    const columns = table.columns.map(String);
    if (total === 0) return { columns: columns, head: [], tail: [], total: 0 };
    const rows = (df: DataFrame) => dfd.toJSON(df) as Record<string, unknown>[];
    if (total <= maxRows) return { columns: columns, head: rows(table), tail: [], total: total };
    return { columns: columns, head: rows(table.head(half)), tail: rows(table.tail(half)), total: total };
  }
  const columns = columnsOf(table);
  const total = table.length;
  if (total <= maxRows) return { columns: columns, head: table, tail: [], total: total };
  return { columns: columns, head: table.slice(0, half), tail: table.slice(total - half), total: total };
}

/**
 * Send one display output with several representations of the same thing (the frontend picks the richest it
 * can draw). tslab's public `display` sends one MIME type per output, so its kernel-side writer is used.
 * @returns false outside a notebook (nothing sent)
 */
function displayBundle(data: Record<string, unknown>): boolean {
  if (!inNotebook()) return false;
  const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData?: unknown };
  const write = jupyter.lastWriteDisplayData;
  if (typeof write === "function") {
    write({ data: data, metadata: {}, transient: {} }, false);
  } else {
    // Another tslab version: one output per representation through the public API.
    const { display } = require("tslab") as typeof import("tslab");
    for (const [mime, value] of Object.entries(data)) display.raw(mime, value as string);
  }
  return true;
}

/** Whether this code runs in a tslab kernel: its executor defines this global before running any cell. */
function inNotebook(): boolean {
  return (globalThis as { __tslab__?: unknown }).__tslab__ !== undefined;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
