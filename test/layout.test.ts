/**
 * The folders of lib/ depend on each other one way (docs/layout.md): no import between two top-level
 * parts of lib/ — type-only imports, re-exports and dynamic imports included — closes a loop.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";

const LIB = path.join(process.cwd(), "lib");
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g;

/** The top-level part of lib/ a path lies in: a folder name, or a file's name without `.ts`/`.js`. */
const partOf = (file: string) => path.relative(LIB, file).split(path.sep)[0].replace(/\.(ts|js)$/, "");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

/** part → part → the imports that make the edge. */
function partGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of sources(LIB)) {
    const from = partOf(file);
    for (const [, spec] of fs.readFileSync(file, "utf8").matchAll(SPECIFIER)) {
      const target = path.resolve(path.dirname(file), spec);
      if (path.relative(LIB, target).startsWith("..")) continue;
      const to = partOf(target);
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      graph.set(from, edges);
      edges.set(to, [...(edges.get(to) ?? []), `${path.relative(LIB, file)} → ${spec}`]);
    }
  }
  return graph;
}

/** A loop as the imports along it, or null. */
function findLoop(graph: Map<string, Map<string, string[]>>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const trail: string[] = [];
  const visit = (part: string): string[] | null => {
    state.set(part, "open");
    trail.push(part);
    for (const next of graph.get(part)?.keys() ?? []) {
      if (state.get(next) === "open") {
        const loop = [...trail.slice(trail.indexOf(next)), next];
        return loop.slice(1).map((to, k) => `${loop[k]} → ${to}: ${graph.get(loop[k])!.get(to)![0]}`);
      }
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    trail.pop();
    state.set(part, "done");
    return null;
  };
  for (const part of [...graph.keys()].sort()) {
    if (!state.has(part)) {
      const found = visit(part);
      if (found) return found;
    }
  }
  return null;
}

test("no import loop between the top-level parts of lib/", () => {
  assert.equal(findLoop(partGraph()), null);
});

test("the loop finder sees a loop through type-only imports", () => {
  const graph = new Map([
    ["economy", new Map([["households", ["economy/simulation.ts → ../households/policy.js"]]])],
    ["households", new Map([["economy", ["households/policy.ts → ../economy/state.js"]]])],
  ]);
  assert.deepEqual(findLoop(graph), ["economy → households: economy/simulation.ts → ../households/policy.js", "households → economy: households/policy.ts → ../economy/state.js"]);
  const SAMPLE = 'import type { A } from "../economy/state.js";\nexport { b } from "./b.js";\nconst m = await import("../llm/client.js");';
  assert.deepEqual([...SAMPLE.matchAll(SPECIFIER)].map((m) => m[1]), ["../economy/state.js", "./b.js", "../llm/client.js"]);
});
