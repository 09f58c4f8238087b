/**
 * A package that is loaded the first time one of its exports is used, not when the module naming it is loaded:
 * the command line loads only what a command needs (TensorFlow.js for AI-Economist households, DuckDB for
 * `collect`, Arrow for Parquet, the openai SDK for `--transport sdk`), so `econagent run --help` starts in a blink.
 * Type positions name the package through an `import type` of it.
 *
 * @example
 * import type * as Arrow from "apache-arrow";
 * const arrow = lazyModule<typeof Arrow>(() => require("apache-arrow"));
 * new arrow.Table({}); // apache-arrow is loaded here
 */
export function lazyModule<T extends object>(load: () => T): T {
  let loaded: T | undefined;
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get((loaded ??= load()), key),
  });
}
