/**
 * The notebooks under the test command: the headless runner fails on a failing cell, every notebooks/*.ipynb
 * executes (to a temporary directory, two at a time, the longest first) and writes the figures its metadata promises, and lib
 * compiles the way tslab compiles it. Nothing is skipped: the test command installs Jupyter and Chromium first
 * (scripts/prerequisites.sh); a machine where that was not possible fails here with the command that installs them.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, test } from "node:test";
import { projectRoot } from "../../lib/paths.js";
import { PLOTLY_MIME } from "../../lib/notebook/show.js";
import { executionSeconds } from "../../lib/notebook/executionSeconds.js";
import { CHROMIUM } from "../../lib/report/png.js";

const ROOT = projectRoot();
const PYTHON = "/usr/bin/python3";
const JUPYTER = "/usr/bin/jupyter";
const RUNNER = path.join(ROOT, "scripts", "run-notebooks.py");
/** Figure files must be newer than this; the file system's coarse clock may trail Date.now() by a few ms. */
const STARTED = Date.now() - 100;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-notebooks-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

interface Notebook {
  metadata: { econagent?: { figures?: string[] } } & Record<string, unknown>;
  cells: { cell_type: string; source: string | string[]; outputs?: Output[]; metadata?: { tags?: string[] } }[];
}
interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  evalue?: string;
}

/** Set by the first test; the others fail with its message instead of an obscure one. */
let missing: string | null = "the prerequisites test did not run";

test("prerequisites: Jupyter and Chromium are installed and the tslab kernel registers in .jupyter/", async () => {
  missing = null;
  const problems: string[] = [];
  if (!fs.existsSync(JUPYTER) || (await run(PYTHON, ["-c", "import nbclient, nbformat"])).code !== 0) {
    problems.push(
      `Jupyter is missing (${JUPYTER}, python3-nbclient): run bash scripts/prerequisites.sh as root (npm test runs it first), or apt-get install jupyter-nbconvert python3-nbclient jupyter-client jupyter-core python3-ipykernel`,
    );
  }
  if (!fs.existsSync(CHROMIUM)) {
    problems.push(`Chromium is missing (${CHROMIUM}): run bash scripts/prerequisites.sh as root (npm test runs it first), or apt-get install chromium`);
  }
  const setup = await run("bash", [path.join(ROOT, "scripts", "setup-notebooks.sh")]);
  if (setup.code !== 0) problems.push(`scripts/setup-notebooks.sh failed:\n${setup.stderr}`);
  else {
    const spec = JSON.parse(fs.readFileSync(path.join(ROOT, ".jupyter", "share", "jupyter", "kernels", "tslab", "kernel.json"), "utf8"));
    assert.equal(spec.argv[0], path.join(ROOT, "scripts", "tslab-kernel"), "the kernel starts through the wrapper in the project root");
  }
  if (problems.length > 0) missing = problems.join("\n");
  assert.equal(missing, null, missing ?? "");
});

describe("the notebook runner", { concurrency: true }, () => {
  test("succeeds on a notebook whose cells run, and saves their outputs", async () => {
    const result = await execute("trivial", ["const a = 1 + 1;\nconsole.log(`a = ${a}`);"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(outputText(result.notebook), /a = 2/);
  });

  test("fails (exit 1) on a cell that throws, runs no later cell and saves the traceback", async () => {
    const result = await execute("throws", ['console.log("first");', 'throw new Error("boom on purpose");', 'console.log("never");']);
    assert.equal(result.code, 1, "a throwing cell must fail the run");
    const text = outputText(result.notebook);
    assert.match(text, /boom on purpose/);
    assert.match(result.stderr, /^Error: boom on purpose$/m, "the runner's report names the error (tslab's reply alone said `<Error>: `)");
    assert.match(text, /first/);
    assert.doesNotMatch(text, /never/);
  });

  test("fails (exit 1) on a rejected await", async () => {
    const result = await execute("rejects", ['await Promise.reject(new Error("rejected on purpose"));']);
    assert.equal(result.code, 1, "a rejected await must fail the run");
    assert.match(outputText(result.notebook), /rejected on purpose/);
  });

  test("fails (exit 1) on a TypeScript type error", async () => {
    const result = await execute("type-error", ['const n: number = "text";\nconsole.log(n);']);
    assert.equal(result.code, 1, "a type error must fail the run");
    assert.match(outputText(result.notebook), /Type 'string' is not assignable to type 'number'/);
    assert.match(result.stderr, /^TypeScript: 1:7 - Type 'string' is not assignable to type 'number'/m);
  });

  test("a cell that prints 1,500 lines delivers every one, in order, and the kernel leaves no unhandled rejection", async () => {
    // zeromq sends 512 messages on a socket in a row, then defers one to the next turn of the event loop and refuses
    // every send made meanwhile with EBUSY; tslab sent without waiting, so lines 513 on were lost and a refused status
    // message was an `UnhandledPromiseRejection: Error: Socket is busy writing` (scripts/tslab-kernel.js).
    const result = await execute("many-lines", [
      'const rejections: unknown[] = [];\nprocess.on("unhandledRejection", (reason) => { rejections.push(reason); });\nconsole.log("recording");',
      "for (let i = 0; i < 1500; i++) console.log(`line ${i}`);",
      'await new Promise((resolve) => setTimeout(resolve, 100));\nconsole.log(`unhandled rejections: ${rejections.map(String).join("; ") || "none"}`);',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const cellText = (k: number) => (result.notebook.cells[k].outputs ?? []).map((o) => joined(o.text)).join("");
    const expected = Array.from({ length: 1500 }, (_, i) => `line ${i}\n`).join("");
    const printed = cellText(1);
    assert.ok(printed === expected, `${printed.split("\n").length - 1} of 1500 lines arrived; the last: ${printed.trimEnd().split("\n").pop()}`);
    assert.equal(cellText(2), "unhandled rejections: none\n");
    assert.doesNotMatch(result.stderr, /EBUSY|UnhandledPromiseRejection/);
  });

  test("a thrown value that is not an Error reaches the runner's report as itself", async () => {
    const result = await execute("throws-string", ['throw "a plain string";']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^thrown value: a plain string$/m);
  });

  test("without Chromium a notebook shows its figures interactively and skips the PNGs with one line", async () => {
    const dir = path.join(scratch, "no-chromium-figures");
    const cells = [
      'import { showFigure } from "./lib/notebook/show";',
      [
        'const figure: any = { data: [{ type: "scatter", x: [1, 2, 3], y: [2, 1, 3] }], layout: { title: { text: "t" }, width: 300, height: 200 } };',
        `await showFigure(figure, "first", { dir: ${JSON.stringify(dir)} });`,
        `await showFigure(figure, "second", { dir: ${JSON.stringify(dir)} });`,
      ].join("\n"),
    ];
    const result = await execute("no-chromium", cells, { ECONAGENT_CHROMIUM: path.join(scratch, "no-such-chromium") });
    assert.equal(result.code, 0, `the notebook failed without a browser:\n${result.stderr}\n${errorText(result.notebook)}`);
    const shown = outputs(result.notebook).filter((o) => o.data?.[PLOTLY_MIME] !== undefined);
    assert.equal(shown.length, 2, "both figures are displayed interactively");
    assert.ok(shown.every((o) => o.data?.["image/png"] === undefined), "no PNG without a browser");
    const notices = outputText(result.notebook).split("\n").filter((line) => line.includes("PNG export skipped"));
    assert.equal(notices.length, 1, "one notice, not one per figure");
    assert.match(notices[0], /no-such-chromium, which is missing: install Debian chromium: apt-get install chromium/);
    assert.equal(outputs(result.notebook).filter((o) => o.name === "stderr" || o.output_type === "error").length, 0, "no error output");
    assert.deepEqual(fs.readdirSync(dir).sort(), ["first.html", "plotly.min.js", "second.html"]);
  });
});

/** notebooks/, or (to try this test on notebooks kept elsewhere) the directory in ECONAGENT_NOTEBOOKS. */
const NOTEBOOKS = process.env.ECONAGENT_NOTEBOOKS ? path.resolve(process.env.ECONAGENT_NOTEBOOKS) : path.join(ROOT, "notebooks");
if (process.env.ECONAGENT_NOTEBOOKS) console.log(`# notebooks from ECONAGENT_NOTEBOOKS=${NOTEBOOKS}, not notebooks/`);
/** In byte order, as scripts/notebooks.sh runs them. */
const notebooks = fs.existsSync(NOTEBOOKS) ? fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb")).sort() : [];

// Two at a time, the longest first (by their committed runtimes), so that the two lanes end together: one after
// the other they were the last 7 minutes of the test command. Each runs in its own kernel, writes only its own
// figures (atomically) and its own temporary directories.
describe(`every notebook in notebooks/ executes and writes the figures it promises (${notebooks.length})`, { concurrency: 2 }, () => {
  const out = path.join(scratch, "executed");
  fs.mkdirSync(out, { recursive: true });
  const committedRuntime = (name: string) => executionSeconds(path.join(NOTEBOOKS, name)) ?? 0;
  const longestFirst = [...notebooks].sort((a, b) => committedRuntime(b) - committedRuntime(a));
  for (const name of longestFirst) {
    test(name, { timeout: 10 * 60 * 1000 }, async () => {
      assert.equal(missing, null, `prerequisites missing:\n${missing}`);
      const source = path.join(NOTEBOOKS, name);
      const promised = (JSON.parse(fs.readFileSync(source, "utf8")) as Notebook).metadata.econagent?.figures ?? [];
      const result = await run(PYTHON, [RUNNER, "--out", out, source]);
      const executed = path.join(out, name);
      const notebook = fs.existsSync(executed) ? (JSON.parse(fs.readFileSync(executed, "utf8")) as Notebook) : null;
      assert.equal(result.code, 0, `${name} failed:\n${result.stderr}\n${notebook === null ? "" : errorText(notebook)}`);
      for (const figure of promised) {
        for (const ext of ["html", "png"]) {
          const file = path.join(ROOT, "figures", `${figure}.${ext}`);
          const stat = fs.statSync(file, { throwIfNoEntry: false });
          assert.ok(stat !== undefined, `${name} promises figures/${figure}.${ext}, which does not exist`);
          assert.ok(stat.mtimeMs >= STARTED, `${name} promises figures/${figure}.${ext}, which this run did not write`);
        }
      }
      const shown = notebook === null ? 0 : outputs(notebook).filter((o) => o.data?.[PLOTLY_MIME] !== undefined && o.data["image/png"] !== undefined).length;
      assert.ok(shown >= promised.length, `${name} promises ${promised.length} figures but shows ${shown} (interactive + PNG)`);
      // The committed figures are what the notebooks write now (the HTML holds the figure's JSON, so it is exact;
      // PNGs are pixels from Chromium and are not compared).
      if (!process.env.ECONAGENT_NOTEBOOKS) {
        for (const figure of promised) {
          const relative = `figures/${figure}.html`;
          const committed = await committedText(relative);
          assert.ok(committed !== null, `${name} writes ${relative}, which is not committed: re-execute the notebooks (npm run notebooks) and commit figures/`);
          assert.ok(fs.readFileSync(path.join(ROOT, relative), "utf8") === committed, `${name} writes ${relative} differently from the committed file: re-execute the notebooks (npm run notebooks) and commit figures/`);
        }
      }
    });
  }
});

test("every notebook has at least two exercises, each in a markdown cell tagged exercise", () => {
  assert.ok(notebooks.length > 0);
  for (const name of notebooks) {
    const notebook = JSON.parse(fs.readFileSync(path.join(NOTEBOOKS, name), "utf8")) as Notebook;
    const exercises = notebook.cells.filter((c) => c.metadata?.tags?.includes("exercise"));
    assert.ok(exercises.length >= 2, `${name} has ${exercises.length} cells tagged exercise; a class needs at least two`);
    for (const cell of exercises) {
      const text = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
      assert.equal(cell.cell_type, "markdown", `${name}: an exercise is text for the student`);
      assert.match(text, /\*\*Exercise \d+ — [^*]+[.?]\*\*/, `${name}: an exercise starts with its bold numbered title`);
      assert.match(text, /\*(Observe|Check|Predict)/, `${name}: an exercise says what to observe or check`);
    }
  }
});

/** A file's text as committed (git HEAD), or null when it is not tracked. */
async function committedText(relative: string): Promise<string | null> {
  const result = await run("git", ["-C", ROOT, "show", `HEAD:${relative}`]);
  return result.code === 0 ? result.stdout : null;
}

test("lib compiles as tslab compiles it (TypeScript 5.0.4, CommonJS, Node10 resolution)", async () => {
  const tsc = path.join(ROOT, "node_modules", "@tslab", "typescript-for-tslab", "bin", "tsc");
  const result = await run(process.execPath, [tsc, "-p", path.join(ROOT, "scripts", "tsconfig.tslab.json")]);
  assert.equal(result.code, 0, `tslab's compiler rejects lib:\n${result.stdout}${result.stderr}`);
});

/** Write a one-off notebook with these code cells, run it through the runner, and read the executed copy. */
async function execute(name: string, cells: string[], env: Record<string, string> = {}): Promise<{ code: number; stderr: string; notebook: Notebook }> {
  assert.equal(missing, null, `prerequisites missing:\n${missing}`);
  const dir = path.join(scratch, name);
  fs.mkdirSync(path.join(dir, "out"), { recursive: true });
  const file = path.join(dir, `${name}.ipynb`);
  fs.writeFileSync(file, JSON.stringify(notebookJson(cells)));
  const result = await run(PYTHON, [RUNNER, "--out", path.join(dir, "out"), file], env);
  const executed = path.join(dir, "out", `${name}.ipynb`);
  assert.ok(fs.existsSync(executed), `the runner saved no executed notebook:\n${result.stderr}`);
  return { code: result.code, stderr: result.stderr, notebook: JSON.parse(fs.readFileSync(executed, "utf8")) };
}

/** nbformat 4.5 JSON of a notebook on the tslab kernel (cells with ids, as Jupyter writes them). */
function notebookJson(cells: string[]): object {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" },
      language_info: { name: "typescript" },
    },
    cells: cells.map((source, i) => ({ cell_type: "code", id: `cell-${i}`, metadata: {}, execution_count: null, outputs: [], source: source })),
  };
}

function outputs(notebook: Notebook): Output[] {
  return notebook.cells.flatMap((cell) => cell.outputs ?? []);
}

function joined(text: string | string[] | undefined): string {
  return Array.isArray(text) ? text.join("") : (text ?? "");
}

/** Everything the cells printed (streams, plain-text results, error values). */
function outputText(notebook: Notebook): string {
  return outputs(notebook)
    .map((o) => joined(o.text) + joined(o.data?.["text/plain"] as string | string[] | undefined) + (o.evalue ?? ""))
    .join("\n");
}

/** What a failing notebook wrote to stderr (tslab reports compile errors and throws there). */
function errorText(notebook: Notebook): string {
  return outputs(notebook)
    .filter((o) => o.name === "stderr" || o.output_type === "error")
    .map((o) => joined(o.text) + (o.evalue ?? ""))
    .join("\n");
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      resolve({ code: code, stdout: String(stdout), stderr: String(stderr) || (error?.message ?? "") });
    });
  });
}
