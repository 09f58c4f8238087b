/**
 * A script (not a notebook) that shows a figure: run by show.test.ts in a child process to prove that outside a
 * notebook showFigure only writes files, that the shared browser does not keep the process alive, and that the
 * temporary page plotly was loaded from is gone.
 * Usage: node --import tsx test/notebooks/showFigureScript.ts NAME
 */
import * as fs from "node:fs";
import * as os from "node:os";
import { showFigure } from "../../lib/notebook/show.js";
import { PAGE_FOLDER_PREFIX, figurePngs } from "../../lib/report/png.js";
import type { Figure } from "../../lib/report/plotly.js";

const figure: Figure = {
  data: [{ type: "scatter", mode: "lines", name: "line", x: [1, 2, 3], y: [2, 1, 3], xaxis: "x", yaxis: "y" }],
  layout: { title: { text: "A line" }, width: 400, height: 300 },
} as unknown as Figure;

async function main(): Promise<void> {
  let t = Date.now();
  await showFigure(figure, process.argv[2]);
  const first = Date.now() - t;
  t = Date.now();
  const pngs = await figurePngs([{ figure: figure, width: 200, height: 100 }, { figure: figure }]);
  const pageFolders = fs.readdirSync(os.tmpdir()).filter((entry) => entry.startsWith(`${PAGE_FOLDER_PREFIX}${process.pid}-`));
  const sizes = pngs.map((png) => [png.readUInt32BE(16), png.readUInt32BE(20)]);
  console.log(JSON.stringify({ firstMs: first, nextTwoMs: Date.now() - t, sizes: sizes, pageFolders: pageFolders }));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
