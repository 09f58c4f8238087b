/**
 * PNG images of plotly figures, drawn by plotly.js itself in Debian's headless Chromium (driven by
 * playwright-core, which downloads no browser). Python's kaleido is out of reach on these machines, and plotly's
 * own renderer is the only one that draws every trace type exactly as the interactive figure does.
 *
 * Starting Chromium and loading the 4.8 MB plotly.min.js into a page takes seconds, drawing a figure a fraction
 * of a second, so one browser page is kept for the life of the process and reused by every call.
 */
import { ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Browser, Page } from "playwright-core";
import { makeDirectory } from "../files.js";
import type { Figure, Trace } from "./plotly.js";

/** The browser used; Debian's package (`apt-get install chromium`), overridable for other systems. */
export const CHROMIUM = process.env.ECONAGENT_CHROMIUM || "/usr/bin/chromium";

/**
 * Why PNGs cannot be drawn here, as one line naming the fix, or null when Chromium is installed.
 * @example
 * const missing = chromiumMissing();
 * if (missing !== null) console.log(`PNG export skipped: ${missing}`);
 */
export function chromiumMissing(): string | null {
  return fs.existsSync(CHROMIUM) ? null : `PNG export needs Chromium at ${CHROMIUM}, which is missing: install Debian chromium: apt-get install chromium`;
}

/** Chromium flags for a headless, sandbox-less container that must not reach the network (toolchain.md). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** One figure to draw; `width`/`height` (px) default to the figure's layout size, else plotly's 700 × 450. */
export interface PngRequest {
  figure: Figure<Trace>;
  width?: number;
  height?: number;
}

interface Session {
  browser: Browser;
  page: Page;
}

let session: Promise<Session> | null = null;
/** Draws run one at a time on the shared page: a chain of the pending calls. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * PNG bytes of each figure, in order. The first call starts Chromium and loads plotly (seconds); later calls
 * reuse that page (a fraction of a second per figure).
 * @throws Error naming the fix when Chromium is not installed, or plotly's message when a figure cannot be drawn
 * @example
 * const [png] = await figurePngs([{ figure: annualIndicatorsFigure(annual, "Run 1") }]);
 * fs.writeFileSync("figures/run1-annual.png", png);
 */
export function figurePngs(figures: PngRequest[]): Promise<Buffer[]> {
  const run = queue.then(() => keepAlive(() => drawAll(figures)));
  queue = run.catch(() => undefined);
  return run;
}

/** A figure and the file its PNG goes to. */
export interface PngFile {
  figure: Figure<Trace>;
  file: string;
}

/**
 * Draw the figures in one batch on the shared page and write each PNG atomically (a temporary file renamed into
 * place). Without Chromium nothing is drawn or written and `skipped` says why and how to install it.
 * @returns the PNG files written, and the reason they were not (null when they were)
 * @example
 * const { skipped } = await writeFigurePngs([{ figure: fig, file: "figures/run1-annual.png" }]);
 * if (skipped !== null) console.log(`PNG export skipped: ${skipped}`);
 */
export async function writeFigurePngs(files: PngFile[]): Promise<{ written: string[]; skipped: string | null }> {
  const missing = chromiumMissing();
  if (missing !== null) return { written: [], skipped: missing };
  const pngs = await figurePngs(files.map((f) => ({ figure: f.figure })));
  files.forEach(({ file }, k) => {
    makeDirectory(path.dirname(file));
    const tmp = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, pngs[k]);
    fs.renameSync(tmp, file);
  });
  return { written: files.map((f) => f.file), skipped: null };
}

/** Close the shared browser once the pending draws are done (it is otherwise closed when the process is about
 * to exit). A later {@link figurePngs} starts a new one. */
export function closePngBrowser(): Promise<void> {
  const run = queue.then(async () => {
    const current = session;
    session = null;
    if (current === null) return;
    const { browser } = await current.catch(() => ({ browser: null }));
    if (browser !== null) await keepAlive(() => browser.close()).catch(() => undefined);
  });
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Start the shared browser now, in the background, so the first {@link figurePngs} finds it ready (a notebook
 * computes its first results meanwhile). A failure here is not reported: the first real call retries and throws.
 */
export function warmPngBrowser(): void {
  openSession().catch(() => undefined);
}

async function drawAll(figures: PngRequest[]): Promise<Buffer[]> {
  const { page } = await openSession();
  const pngs: Buffer[] = [];
  for (const request of figures) {
    const { figure } = request;
    const width = request.width ?? figure.layout.width ?? 700;
    const height = request.height ?? figure.layout.height ?? 450;
    const dataUrl = await page.evaluate(
      // Runs in the page, where plotly.min.js defined the global Plotly.
      (args) => {
        const Plotly = (globalThis as unknown as { Plotly: { toImage(fig: unknown, opts: unknown): Promise<string> } }).Plotly;
        return Plotly.toImage(args.figure, { format: "png", width: args.width, height: args.height });
      },
      { figure: figure as unknown as Record<string, unknown>, width: width, height: height },
    );
    pngs.push(Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64"));
  }
  return pngs;
}

function openSession(): Promise<Session> {
  if (session === null) {
    const current: Promise<Session> = launch(() => {
      if (session === current) session = null;
    });
    session = current;
    // A failed launch is not kept: the next call tries again (e.g. after Chromium was installed).
    current.catch(() => {
      if (session === current) session = null;
    });
  }
  return session;
}

/** Start Chromium with plotly loaded into a blank page; `drop` forgets this session once it cannot draw. */
async function launch(drop: () => void): Promise<Session> {
  const missing = chromiumMissing();
  if (missing !== null) throw new Error(missing);
  // Loaded on first use: scripts that never draw a PNG do not pay for playwright.
  const { chromium } = require("playwright-core") as typeof import("playwright-core");
  const before = new Set(activeHandles());
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  releaseEventLoop(before);
  browser.on("disconnected", drop);
  try {
    const page = await browser.newPage();
    // A crashed page cannot draw again: the next call starts a new browser.
    page.on("crash", () => {
      drop();
      void browser.close().catch(() => undefined);
    });
    await page.setContent("<!DOCTYPE html><html><body></body></html>");
    await page.addScriptTag({ path: require.resolve("plotly.js-dist-min/plotly.min.js") });
    process.once("beforeExit", () => void closePngBrowser());
    return { browser: browser, page: page };
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}

/**
 * The browser process and its pipes would keep Node's event loop alive forever, so a script that drew a PNG
 * would never end. They are unref'd; while a call is in flight {@link keepAlive} holds the loop instead. When the
 * process ends, playwright kills the browser and removes its profile directory ('exit' handler).
 */
function releaseEventLoop(before: Set<unknown>): void {
  for (const handle of activeHandles()) {
    if (before.has(handle) || !(handle instanceof ChildProcess) || handle.spawnfile !== CHROMIUM) continue;
    handle.unref();
    for (const stream of handle.stdio) (stream as { unref?: () => void } | null)?.unref?.();
  }
}

async function keepAlive<T>(work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => undefined, 1 << 30);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** Node's list of live handles (undocumented but stable since Node 0.x); empty where unavailable. */
function activeHandles(): unknown[] {
  const list = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles;
  return typeof list === "function" ? list.call(process) : [];
}
