import { UsageError } from "../errors.js";

/** How one option is read from a flag string or a JSON value, and what it allows (for the error message). */
export interface OptionSpec<T> {
  readonly allowed: string;
  /** Returns the value or undefined when it is not allowed. */
  parse(raw: unknown): T | undefined;
}

/** Plain decimal notation only: no hex, binary, blanks or the empty string that Number() would accept. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const asNumber = (raw: unknown): number | undefined => {
  if (typeof raw === "number") return raw;
  if (typeof raw === "string" && DECIMAL.test(raw)) return Number(raw);
  return undefined;
};

/**
 * An integer option in [min, max] (plain decimal notation or a number); `allowed` is the error message's text.
 * @example
 * const months = integer(1, "a positive integer");
 * months.parse("12"); // 12
 * months.parse("1.5"); // undefined
 * months.parse("0x10"); // undefined
 */
export const integer = (min: number, allowed: string, max = Number.MAX_SAFE_INTEGER): OptionSpec<number> => ({
  allowed,
  parse: (raw) => {
    const v = asNumber(raw);
    return v !== undefined && Number.isInteger(v) && v >= min && v <= max ? v : undefined;
  },
});

/**
 * A finite number option in [min, max] (plain decimal notation or a number); `allowed` is the error message's text.
 * @example
 * const share = real(0, 1, "a number in [0, 1]");
 * share.parse("0.25"); // 0.25
 * share.parse(2); // undefined
 */
export const real = (min: number, max: number, allowed: string): OptionSpec<number> => ({
  allowed,
  parse: (raw) => {
    const v = asNumber(raw);
    return v !== undefined && Number.isFinite(v) && v >= min && v <= max ? v : undefined;
  },
});

/**
 * An option whose value is one of `values` (a flag's text matches a number by its decimal form).
 * @example
 * oneOf(["csv", "parquet"] as const).parse("csv"); // "csv"
 * oneOf([2018, 2019, 2022] as const).parse("2019"); // 2019
 */
export const oneOf = <T extends string | number>(values: readonly T[]): OptionSpec<T> => ({
  allowed: `one of ${values.join(", ")}`,
  parse: (raw) => values.find((v) => v === raw || String(v) === raw),
});

/** The spec, or null meaning "not set" (e.g. the fixed policy's propensities for other policies). */
export const orNull = <T>(spec: OptionSpec<T>): OptionSpec<T | null> => ({
  allowed: spec.allowed,
  parse: (raw) => (raw === null ? null : spec.parse(raw)),
});

/**
 * Any non-empty string.
 * @example
 * text.parse(""); // undefined
 */
export const text: OptionSpec<string> = {
  allowed: "a non-empty string",
  parse: (raw) => (typeof raw === "string" && raw.length > 0 ? raw : undefined),
};

/**
 * A switch: on/off on the command line, or true/false in a config file.
 * @example
 * onOff.parse("on"); // true
 */
export const onOff: OptionSpec<boolean> = {
  allowed: "on or off (true or false in a config file)",
  parse: (raw) => (raw === true || raw === "on" || raw === "true" ? true : raw === false || raw === "off" || raw === "false" ? false : undefined),
};

/** Months: a positive multiple of 12, since every indicator is annual. */
export const wholeYears: OptionSpec<number> = {
  allowed: "a positive multiple of 12",
  parse: (raw) => {
    const v = integer(12, "").parse(raw);
    return v !== undefined && v % 12 === 0 ? v : undefined;
  },
};

/**
 * A seed: an integer (flags give strings; "7" and 7 are the same seed) or a non-empty string that is not a
 * number. A fractional number is refused from a flag and a file alike, rather than silently becoming text.
 */
export const seedSpec: OptionSpec<number | string> = {
  allowed: "an integer or a non-numeric string",
  parse: (raw) => {
    const v = asNumber(raw);
    if (v !== undefined) return Number.isSafeInteger(v) ? v : undefined;
    return typeof raw === "string" && raw.length > 0 ? raw : undefined;
  },
};

/**
 * The option's value, or a {@link UsageError} naming the field, the value and what is allowed.
 * @example
 * parseOption("--months", integer(1, "a positive integer"), "24"); // 24
 * parseOption("--months", integer(1, "a positive integer"), "0"); // throws UsageError: --months: got "0"; allowed: a positive integer
 */
export function parseOption<T>(field: string, spec: OptionSpec<T>, raw: unknown): T {
  const value = spec.parse(raw);
  if (value === undefined) throw new UsageError(field, raw, spec.allowed);
  return value;
}

/** An http(s) URL (an OpenAI-compatible endpoint). */
export const url: OptionSpec<string> = {
  allowed: "an http:// or https:// URL",
  parse: (raw) => {
    if (typeof raw !== "string") return undefined;
    try {
      const u = new URL(raw);
      return u.protocol === "http:" || u.protocol === "https:" ? raw : undefined;
    } catch {
      return undefined;
    }
  },
};
