/**
 * `import()` that survives compilation to CommonJS. TypeScript (and tslab) turn a literal `import("x")` in a
 * CommonJS module into `require("x")`, which cannot load ESM-only packages with top-level await such as
 * node-llama-cpp; a function built at run time keeps the real dynamic import.
 *
 * @example
 * const { getLlama } = await importEsm("node-llama-cpp");
 */
export const importEsm = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<any>;
