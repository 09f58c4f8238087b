/**
 * The repository stands on its own: no tracked file refers to a place outside it (a sibling folder, a path of the
 * machine it was written on), every "docs/model.md §N" citation names a section docs/model.md has, and every
 * relative link of the README and the guide pages under docs/ resolves, anchors included.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";

const ROOT = process.cwd();

/** Tracked files (git ls-files); a checkout without git falls back to every file outside node_modules and .git. */
function trackedFiles(): string[] {
  try {
    return execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 })
      .split("\0")
      .filter((f) => f !== "" && fs.existsSync(path.join(ROOT, f)));
  } catch {
    const walk = (dir: string): string[] =>
      fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
        const rel = dir === "" ? e.name : `${dir}/${e.name}`;
        if (e.name === "node_modules" || e.name === ".git") return [];
        return e.isDirectory() ? walk(rel) : [rel];
      });
    return walk("");
  }
}

/** The text of a tracked file, or null for a binary one (a NUL byte in its first 8 KB). */
function textOf(file: string): string | null {
  const bytes = fs.readFileSync(path.join(ROOT, file));
  return bytes.subarray(0, 8192).includes(0) ? null : bytes.toString("utf8");
}

const texts = (() => {
  let cache: { file: string; text: string }[] | undefined;
  return () =>
    (cache ??= trackedFiles().flatMap((file) => {
      const text = textOf(file);
      return text === null ? [] : [{ file, text }];
    }));
})();

/** Line number (1-based) of a character offset. */
const lineAt = (text: string, index: number) => text.slice(0, index).split("\n").length;

// Absolute paths of a working machine: project checkouts, home and scratch directories. System paths (/usr/bin/…,
// /proc/self/…, /dev/null, /bin/sh) and example cluster paths (/scratch/…, /sweeps) name nothing of this machine's.
const MACHINE_ROOTS = ["work", "root", "tmp", "home", "Users", "mnt"];
const MACHINE_PATH = new RegExp(`(?<![\\w.~\\-/])/(?:${MACHINE_ROOTS.join("|")})/`, "g");
const OUTSIDE = /\.\.\/shared\b|\bshared\/(?:spec|seed)\//g;

/**
 * The only machine paths allowed, each for its reason: the committed tiny-model recording keeps the path its model
 * was written to (part of its recorded configuration), and its README gives the commands that wrote it.
 */
const TINY_MODEL = ["", "tmp", "econagent-tiny", "tiny.gguf"].join("/");
const ALLOWED: readonly { file: RegExp; text: string }[] = [{ file: /^data\/recorded\//, text: TINY_MODEL }];

function outsideReferences(file: string, text: string): string[] {
  const found: string[] = [];
  for (const pattern of [MACHINE_PATH, OUTSIDE]) {
    for (const m of text.matchAll(pattern)) {
      const at = m.index ?? 0;
      const allowed = ALLOWED.some((a) => a.file.test(file) && text.startsWith(a.text, at));
      if (!allowed) found.push(`${file}:${lineAt(text, at)}: ${text.slice(at, at + 40).split("\n")[0]}`);
    }
  }
  return found;
}

test("no tracked file refers outside the repository (a sibling folder, absolute paths of a machine)", () => {
  const found = texts().flatMap(({ file, text }) => outsideReferences(file, text));
  assert.deepEqual(found, [], `references outside the repository:\n${found.join("\n")}`);
});

test("the outside-reference check catches what it should and lets system paths through", () => {
  // Written in pieces, so that this file does not hold what it looks for.
  const sibling = ["..", "shared", "spec", "model.md"].join("/");
  const bad = outsideReferences("lib/x.ts", `see ${sibling}; root = "${"/"}work/main"; f("${"/"}tmp/a"), "${"/"}home/me/x"`);
  assert.equal(bad.length, 4, bad.join("\n"));
  const fine = outsideReferences("lib/x.ts", `"${"/"}usr/bin/chromium", readdirSync("${"/"}proc/self/fd"), 2>${"/"}dev/null, a${"/"}tmp/b, .${"/"}work/x`);
  assert.deepEqual(fine, []);
  assert.deepEqual(outsideReferences("data/recorded/README.md", `--model-path ${TINY_MODEL}`), []);
  assert.equal(outsideReferences("lib/x.ts", `--model-path ${TINY_MODEL}`).length, 1);
});

/** GitHub's anchor of a heading: lower case, punctuation and symbols dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, "")
    .replace(/ /g, "-");
}

/** Markdown without fenced code blocks and inline code, where brackets are not links. */
const prose = (markdown: string) => markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "``");

/** The anchors of a Markdown file's headings (a repeated heading gets -1, -2, … as on GitHub). */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const [, heading] of markdown.replace(/^```[\s\S]*?^```/gm, "").matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(heading);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

test("slug gives GitHub's anchors", () => {
  assert.equal(slug("6. The LLM household"), "6-the-llm-household");
  assert.equal(slug("Goal status: ≤ 0.4 ms CPU per call at 1,000 households"), "goal-status--04-ms-cpu-per-call-at-1000-households");
  assert.equal(slug("Robust inference in `summary.json`"), "robust-inference-in-summaryjson");
  assert.deepEqual([...anchors("# A\n## B\n```\n# not a heading\n```\n## B\n")], ["a", "b", "b-1"]);
});

/** Section numbers of docs/model.md ("## N. Title"). */
function modelSections(): Set<string> {
  const model = fs.readFileSync(path.join(ROOT, "docs", "model.md"), "utf8");
  return new Set([...model.matchAll(/^## (\d+)\. /gm)].map((m) => m[1]));
}

const CITATION = /model\.md`?\s*§\s*(\d+)/g;

test("docs/model.md has the sections §1–§9 that the code cites, in order", () => {
  assert.deepEqual([...modelSections()], ["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
});

/** The equation numbers docs/model.md states, as "(N)" at the start of a line. */
function modelEquations(): Set<number> {
  const model = fs.readFileSync(path.join(ROOT, "docs", "model.md"), "utf8");
  return new Set([...model.matchAll(/^\s*\((\d+)\) /gm)].map((m) => Number(m[1])));
}

test("docs/model.md states the paper's equations (1)–(14), and every equation a stage of the month names", () => {
  const stated = modelEquations();
  const paper = Array.from({ length: 14 }, (_, i) => i + 1);
  assert.deepEqual(paper.filter((n) => !stated.has(n)), [], "paper equations docs/model.md does not state");
  const named = texts()
    .filter(({ file }) => file.startsWith("lib/") && file.endsWith(".ts"))
    .flatMap(({ file, text }) =>
      [...text.matchAll(/equation: "eqs?\. ([\d, ]+)"/g)].flatMap((m) => m[1].split(",").map((n) => ({ file, n: Number(n) }))),
    );
  assert.ok(named.length >= 9, `expected the month's stages to name their equations, found ${named.length}`);
  assert.deepEqual(named.filter(({ n }) => !stated.has(n)), [], "stages naming equations docs/model.md does not state");
});

test("every model.md §N citation in a tracked file names a section of docs/model.md", () => {
  const sections = modelSections();
  const broken: string[] = [];
  let citations = 0;
  for (const { file, text } of texts()) {
    for (const m of text.matchAll(CITATION)) {
      citations++;
      if (!sections.has(m[1])) broken.push(`${file}:${lineAt(text, m.index ?? 0)}: ${m[0]}`);
    }
  }
  assert.ok(citations > 30, `expected the code's citations to be found, found ${citations}`);
  assert.deepEqual(broken, [], `citations of sections docs/model.md does not have:\n${broken.join("\n")}`);
});

test("every relative link of the README and docs/*.md resolves, anchors included", () => {
  const pages = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
  const broken: string[] = [];
  let links = 0;
  for (const page of pages) {
    const text = fs.readFileSync(path.join(ROOT, page), "utf8");
    for (const m of prose(text).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = m[1];
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      links++;
      const [file, anchor] = target.split("#");
      const resolved = file === "" ? path.join(ROOT, page) : path.resolve(ROOT, path.dirname(page), decodeURI(file));
      if (!resolved.startsWith(ROOT + path.sep) || !fs.existsSync(resolved)) {
        broken.push(`${page}: ${target} (no such file in the repository)`);
      } else if (anchor !== undefined && resolved.endsWith(".md") && !anchors(fs.readFileSync(resolved, "utf8")).has(anchor)) {
        broken.push(`${page}: ${target} (no heading with that anchor)`);
      }
    }
  }
  assert.ok(links >= 9, `expected the README's links to the guide pages, found ${links} links`);
  assert.deepEqual(broken, [], broken.join("\n"));
});

test("the README links every guide page under docs/", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const missing = fs
    .readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md") && !readme.includes(`](docs/${f}`));
  assert.deepEqual(missing, [], `guide pages the README does not link: ${missing.join(", ")}`);
});

test("the README stays a newcomer's page: at most 300 lines, with the two quick-start commands", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  assert.ok(readme.split("\n").length <= 300, `README.md has ${readme.split("\n").length} lines`);
  assert.match(readme, /^npm ci && npm start /m);
  assert.match(readme, /^npm test /m);
});
