/**
 * PNG images of plotly figures, drawn by plotly.js itself in Debian's headless Chromium (driven by
 * playwright-core, which downloads no browser). Python's kaleido is out of reach on these machines, and plotly's
 * own renderer is the only one that draws every trace type exactly as the interactive figure does.
 *
 * Starting Chromium and loading the 4.8 MB plotly.min.js into a page takes seconds, drawing a figure a fraction
 * of a second, so one browser page is kept for the life of the process and reused by every call. What a process
 * pays for its first figure is kept small three ways (docs/performance.md, "PNG export", has the numbers): the
 * headless shell rather than the desktop browser, plotly loaded as a page's own script, and V8 told to record
 * source positions while it compiles.
 */
import { ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { makeDirectory } from "../files.js";
import { PLOTLY_FILE } from "./html.js";
import type { Figure, Trace } from "./plotly.js";

/**
 * Debian's headless shell (`apt-get install chromium-headless-shell`): Chromium without its desktop browser (the
 * old headless mode, which playwright itself prefers for headless pages). It starts on half the CPU time.
 * @example
 * if (fs.existsSync(HEADLESS_SHELL)) console.log("PNGs are drawn by the headless shell");
 */
export const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";

/**
 * Debian's desktop Chromium (`apt-get install chromium`), run with `--headless`: used when the shell is absent.
 * @example
 * spawnSync("npx", ["tsx", "bench/pngExport.bench.ts"], { env: { ...process.env, ECONAGENT_CHROMIUM: DESKTOP_CHROMIUM } });
 */
export const DESKTOP_CHROMIUM = "/usr/bin/chromium";

/**
 * The browser to draw with: `ECONAGENT_CHROMIUM` when set, else Debian's headless shell when installed, else
 * Debian's desktop Chromium (whose absence {@link chromiumMissing} reports).
 * @param env the environment to read `ECONAGENT_CHROMIUM` from
 * @param installed whether a file exists (a parameter so that the choice can be checked without installing)
 * @example
 * chromiumPath({}, (file) => file === "/usr/bin/chromium"); // "/usr/bin/chromium"
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env, installed: (file: string) => boolean = fs.existsSync): string {
  if (env.ECONAGENT_CHROMIUM) return env.ECONAGENT_CHROMIUM;
  return installed(HEADLESS_SHELL) ? HEADLESS_SHELL : DESKTOP_CHROMIUM;
}

/**
 * The browser used, chosen once per process by {@link chromiumPath}.
 * @example
 * const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }); // playwright-core
 */
export const CHROMIUM = chromiumPath();

/**
 * Why PNGs cannot be drawn here, as one line naming the fix, or null when Chromium is installed.
 * @example
 * const missing = chromiumMissing();
 * if (missing !== null) console.log(`PNG export skipped: ${missing}`);
 */
export function chromiumMissing(): string | null {
  return fs.existsSync(CHROMIUM) ? null : `PNG export needs Chromium at ${CHROMIUM}, which is missing: install Debian chromium: apt-get install chromium`;
}

/**
 * Chromium flags for a headless, sandbox-less container that must not reach the network (toolchain.md), and one
 * for V8. Under DevTools (playwright) V8 needs every compiled function's source positions; by default it compiles
 * without them and re-parses each function to collect them, which for plotly's bundle (one 4.8 MB function
 * wrapping the rest) took 1.4 s of a 2.6 s load. Recording them while compiling costs next to nothing.
 * @example
 * const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }); // playwright-core
 */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--js-flags=--no-enable-lazy-source-positions",
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
    await loadPlotly(page);
    process.once("beforeExit", () => void closePngBrowser());
    return { browser: browser, page: page };
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}

/**
 * The temporary folder of the page plotly is loaded from is named this, the process id, `-` and a random suffix.
 * @example
 * fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(`${PAGE_FOLDER_PREFIX}${process.pid}-`)); // [] once loaded
 */
export const PAGE_FOLDER_PREFIX = "econagent-png-";

/**
 * Load plotly the way a browser loads any page's script: open a file:// page whose `<script src>` is the
 * project's plotly.min.js, as kaleido does. Chromium then reads and parses the file off the page's main thread;
 * sending its text through DevTools instead (playwright's addScriptTag) cost 1–2 s more CPU. The page lives in a
 * temporary folder, removed once loaded (the script stays in memory).
 */
async function loadPlotly(page: Page): Promise<void> {
  const plotly = require.resolve(`plotly.js-dist-min/${PLOTLY_FILE}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${PAGE_FOLDER_PREFIX}${process.pid}-`));
  try {
    const html = path.join(dir, "plotly.html");
    const script = pathToFileURL(plotly).href;
    fs.writeFileSync(html, `<!DOCTYPE html><html><head><meta charset="utf-8"><script src="${script}"></script></head><body></body></html>`);
    await page.goto(pathToFileURL(html).href);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const loaded = await page.evaluate(() => typeof (globalThis as { Plotly?: unknown }).Plotly === "object");
  if (!loaded) throw new Error(`PNG export: Chromium could not load ${plotly} (reinstall the project's packages: npm ci)`);
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
