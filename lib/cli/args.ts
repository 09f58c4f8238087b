import { UsageError } from "../errors.js";

/** Parsed command line: positional words, `--flag value` / `--flag=value` options, and bare switches. */
export interface ParsedArgs {
  positional: string[];
  options: Map<string, string>;
  switches: Set<string>;
}

/** The valued flags a command takes, and the command's name for the message about any other flag. */
export interface KnownFlags {
  flags: Iterable<string>;
  command: string;
}

/**
 * Split argv into positionals, valued options and switches. `switchNames` are the flags that take no value;
 * every other `--flag` needs one. With `known`, a flag that is neither is refused as an unknown flag before its
 * value is looked for (so `--bogus` at the end is not "a flag without a value").
 * @example
 * parseArgs(["x.json", "--out", "d", "--quiet"], new Set(["--quiet"])).options.get("--out"); // "d"
 * parseArgs(["--bogus"], new Set(), { flags: ["--out"], command: "sweep" }); // throws: --bogus: …unknown flag…
 */
export function parseArgs(argv: readonly string[], switchNames: ReadonlySet<string>, known?: KnownFlags): ParsedArgs {
  const valued = known ? new Set(known.flags) : null;
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
    if (valued !== null && !valued.has(flag)) {
      const next = eq >= 0 ? arg.slice(eq + 1) : argv[k + 1]?.startsWith("--") ? undefined : argv[k + 1];
      const list = valued.size <= 12 ? `${known!.command} takes ${[...valued].join(", ")}` : `see econagent ${known!.command} --help`;
      throw new UsageError(flag, next, `a known flag (this is an unknown flag; ${list})`);
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++k];
    if (value === undefined) throw new UsageError(flag, undefined, "a value after the flag");
    if (parsed.options.has(flag)) throw new UsageError(flag, value, "the flag once");
    parsed.options.set(flag, value);
  }
  return parsed;
}
