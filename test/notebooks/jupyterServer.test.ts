/**
 * `npm run jupyter` in a real browser: the script starts Debian's Notebook server on notebooks/ with the project's
 * kernel; Chromium (through playwright-core, as the PNG export drives it) opens 00-start-here, runs its first code
 * cell as a reader would (click, Shift+Enter), and reads the cell's output from the page. The test stops the server
 * it started (its whole process group) and checks that it is gone.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as net from "node:net";
import * as path from "node:path";
import { after, test } from "node:test";
import type { Browser } from "playwright-core";
import { projectRoot } from "../../lib/paths.js";
import { CHROMIUM, CHROMIUM_ARGS } from "../../lib/report/png.js";

const ROOT = projectRoot();
let server: ChildProcess | null = null;
let browser: Browser | null = null;
let serverLog = "";

after(async () => {
  await browser?.close();
  stopServer();
});

/** The whole process group: the notebook server and the kernels it started. */
function stopServer(): void {
  if (server?.pid !== undefined && server.exitCode === null) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (server?.exitCode !== null) throw new Error(`the notebook server exited (${server?.exitCode}):\n${serverLog}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the notebook server did not answer ${url} in time:\n${serverLog}`);
}

test("npm run jupyter serves notebooks/; a browser runs 00-start-here's first code cell and reads its output", { timeout: 5 * 60 * 1000 }, async () => {
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  server = spawn("bash", [path.join(ROOT, "scripts", "jupyter.sh"), "--no-browser", "--ip=127.0.0.1", `--port=${port}`, "--port-retries=0", `--NotebookApp.token=${token}`], {
    cwd: ROOT,
    detached: true, // its own process group, so the test can stop the server and its kernels together
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d) => (serverLog += d));
  server.stderr?.on("data", (d) => (serverLog += d));
  const base = `http://127.0.0.1:${port}`;
  await waitForServer(`${base}/api/status?token=${token}`, Date.now() + 3 * 60 * 1000);

  const listing = (await (await fetch(`${base}/api/contents?token=${token}`)).json()) as { content: { name: string }[] };
  assert.ok(listing.content.some((f) => f.name === "00-start-here.ipynb"), "the server is opened on notebooks/");

  const { chromium } = require("playwright-core") as typeof import("playwright-core");
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  await page.goto(`${base}/notebooks/00-start-here.ipynb?token=${token}`);
  // The classic Notebook's page object: ready once the kernel (tslab) has started and connected.
  await page.waitForFunction(() => {
    const nb = (globalThis as unknown as { Jupyter?: { notebook?: { kernel?: { is_connected(): boolean; info_reply?: { implementation?: string } } } } }).Jupyter?.notebook;
    return nb?.kernel?.is_connected() === true && nb.kernel.info_reply?.implementation !== undefined;
  }, undefined, { timeout: 120_000 });
  const implementation = await page.evaluate(() => (globalThis as unknown as { Jupyter: { notebook: { kernel: { info_reply: { implementation: string } } } } }).Jupyter.notebook.kernel.info_reply.implementation);
  assert.equal(implementation, "tslab", "the notebook runs on the project's TypeScript kernel");

  const firstCode = page.locator(".cell.code_cell").first();
  await firstCode.locator(".input_area").click();
  await page.keyboard.press("Shift+Enter");
  const output = firstCode.locator(".output_area");
  await output.locator("table").first().waitFor({ timeout: 120_000 });
  const text = await output.innerText();
  assert.match(text, /The notebooks, in reading order/, "the cell's table caption is on the page");
  for (const name of ["01-calibration", "04-llm-households", "08-experiments"]) assert.ok(text.includes(name), `the output lists ${name}`);
  assert.doesNotMatch(text, /Error/, "the cell ran without an error");

  await browser.close();
  browser = null;
  stopServer();
  const pid = server.pid as number;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && groupAlive(pid)) await new Promise((r) => setTimeout(r, 200));
  assert.equal(groupAlive(pid), false, "the server and its kernel are stopped");
});

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
