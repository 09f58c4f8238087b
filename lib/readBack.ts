/**
 * JSON read back from disk (checkpoints, manifests, policy snapshots) checked at the boundary: a damaged file is
 * a one-line error naming the file and the field, the value found and what was expected — never a wrong run.
 */
import * as fs from "node:fs";
import { AsWritten, clip, UsageError } from "./errors.js";
import { errorCode } from "./files.js";

/** A file this program wrote that no longer holds what it wrote. */
export class DamagedFile extends UsageError {
  constructor(file: string, field: string, value: unknown, expected: string) {
    super(`${file}: ${field}`, value, expected);
    this.name = "DamagedFile";
  }
}

/**
 * How deeply a JSON file this program reads may nest: none it reads needs more than a few levels, and a value
 * nested thousands deep would overflow the stack of whatever walks it next (a message quoting it included).
 * @example
 * parseJson("[".repeat(MAX_JSON_DEPTH + 1) + "]".repeat(MAX_JSON_DEPTH + 1), fail); // fail("[0][0]…", …, "at most 64 levels of nesting")
 */
export const MAX_JSON_DEPTH = 64;

/** What {@link parseJson} calls on a problem: the field ("" for the text as a whole), the value, what is allowed. */
export type JsonFail = (field: string, value: unknown, expected: string) => never;

/**
 * Parse JSON text from a file with the checks every reader of a file needs, before anything walks the value:
 * a leading byte-order mark (which some editors add) is ignored; invalid JSON, a number too large for a double
 * (`1e400`, which JSON.parse turns into Infinity) quoted as written, and nesting deeper than {@link MAX_JSON_DEPTH}
 * are reported through `fail` naming the field (`base.households`, `grid.city[2]`).
 * @example
 * parseJson('{"households": 1e400}', fail); // fail("households", 1e400 as written, "a number a double can hold (this one is too large)")
 * parseJson("\ufeff{\"a\": 1}", fail); // { a: 1 }
 */
export function parseJson(text: string, fail: JsonFail): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body) as unknown;
  } catch (error) {
    fail("", body.slice(0, 40), `valid JSON (${(error as Error).message})`);
  }
  // Iterative, so a deep value cannot overflow the stack here either; a field's path is only spelled out on a
  // problem (a checkpoint holds millions of numbers).
  type Frame = { v: object; parent: Frame | null; key: string | number; depth: number };
  const pathOf = (frame: Frame | null, key: string | number | null): string => {
    const keys: (string | number)[] = key === null ? [] : [key];
    for (let f = frame; f !== null && f.parent !== null; f = f.parent) keys.unshift(f.key);
    return keys.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
  };
  const stack: Frame[] = [];
  const visit = (x: unknown, parent: Frame | null, key: string | number, depth: number) => {
    if (typeof x === "number" && !Number.isFinite(x)) {
      fail(pathOf(parent, parent === null ? null : key), new AsWritten(overflowingLiteral(body) ?? String(x)), "a number a double can hold (this one is too large)");
    }
    if (typeof x !== "object" || x === null) return;
    if (depth > MAX_JSON_DEPTH) fail(clip(pathOf(parent, key), 40), x, `at most ${MAX_JSON_DEPTH} levels of nesting`);
    stack.push({ v: x, parent, key, depth });
  };
  visit(value, null, "", 1);
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (Array.isArray(frame.v)) frame.v.forEach((x, k) => visit(x, frame, k, frame.depth + 1));
    else for (const [key, x] of Object.entries(frame.v)) visit(x, frame, key, frame.depth + 1);
  }
  return value;
}

/** The first number literal of valid JSON `text` that a double cannot hold, as written (strings skipped). */
function overflowingLiteral(text: string): string | undefined {
  for (const [token] of text.matchAll(/"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g)) {
    if (!token.startsWith('"') && !Number.isFinite(Number(token))) return token;
  }
  return undefined;
}

/**
 * Parse a JSON file ({@link parseJson}); unreadable, not JSON, a number too large or nesting too deep is a
 * {@link DamagedFile} naming the file.
 * @example
 * readJsonFile("runs/c1/checkpoint.json"); // the checkpoint, or throws DamagedFile("runs/c1/checkpoint.json", "(file)", …)
 */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new DamagedFile(file, "(file)", errorCode(error), "a readable file");
  }
  return parseJson(text, (field, value, expected) => {
    throw new DamagedFile(file, field === "" ? "(file)" : field, value, expected);
  });
}

/** The checks {@link fields} returns for one file, handed to whoever validates a part of it (a policy's snapshot). */
export type FieldChecks = ReturnType<typeof fields>;

/**
 * Checks on one file's fields, each naming the path it checks ("simulation.rng.s0").
 * @example
 * const at = fields("run/checkpoint.json");
 * const c = at.object(raw, "");
 * at.integer(c.month, "month", 0); // throws DamagedFile("run/checkpoint.json", "month", …) if not an integer ≥ 0
 */
export function fields(file: string) {
  const fail = (field: string, value: unknown, expected: string): never => {
    throw new DamagedFile(file, field === "" ? "(top level)" : field, value, expected);
  };
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  return {
    /** Throw {@link DamagedFile} naming `field`, the value and what was expected. */
    fail,
    /** An object (not an array, not null). */
    object(v: unknown, field: string): Record<string, unknown> {
      return isObject(v) ? v : fail(field, v, "an object");
    },
    /** An array. */
    array(v: unknown, field: string): unknown[] {
      return Array.isArray(v) ? v : fail(field, v, "an array");
    },
    /** A finite number. */
    number(v: unknown, field: string): number {
      return typeof v === "number" && Number.isFinite(v) ? v : fail(field, v, "a finite number");
    },
    /** An integer of at least `min`. */
    integer(v: unknown, field: string, min: number): number {
      return Number.isInteger(v) && (v as number) >= min ? (v as number) : fail(field, v, `an integer ≥ ${min}`);
    },
    /** A string. */
    string(v: unknown, field: string): string {
      return typeof v === "string" ? v : fail(field, v, "a string");
    },
    /** One of the `allowed` strings. */
    oneOf<T extends string>(v: unknown, field: string, allowed: readonly T[]): T {
      return (allowed as readonly unknown[]).includes(v) ? (v as T) : fail(field, v, `one of ${allowed.join(", ")}`);
    },
    /** Every value of an object of `check`ed values (e.g. an indicator row). */
    record(v: unknown, field: string, check: (x: unknown, field: string) => void): Record<string, unknown> {
      const o = isObject(v) ? v : fail(field, v, "an object");
      for (const [k, x] of Object.entries(o)) check(x, `${field}.${k}`);
      return o;
    },
  };
}
