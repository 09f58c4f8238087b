import { UsageError } from "../errors.js";

/** Parsed command line: positional words, `--flag value` / `--flag=value` options, and bare switches. */
export interface ParsedArgs {
  positional: string[];
  options: Map<string, string>;
  switches: Set<string>;
}

/**
 * Split argv into positionals, valued options and switches. `switchNames` are the flags that take no value;
 * every other `--flag` needs one.
 */
export function parseArgs(argv: readonly string[], switchNames: ReadonlySet<string>): ParsedArgs {
  const parsed: ParsedArgs = { positional: [], options: new Map(), switches: new Set() };
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (!arg.startsWith("--")) {
      parsed.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    if (switchNames.has(flag)) {
      if (eq >= 0) throw new UsageError(flag, arg.slice(eq + 1), "no value (it is a switch)");
      parsed.switches.add(flag);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++k];
    if (value === undefined) throw new UsageError(flag, undefined, "a value after the flag");
    if (parsed.options.has(flag)) throw new UsageError(flag, value, "the flag once");
    parsed.options.set(flag, value);
  }
  return parsed;
}
