/**
 * JSON read back from disk (checkpoints, manifests, policy snapshots) checked at the boundary: a damaged file is
 * a one-line error naming the file and the field, the value found and what was expected — never a wrong run.
 */
import * as fs from "node:fs";
import { UsageError } from "./errors.js";
import { errorCode } from "./files.js";

/** A file this program wrote that no longer holds what it wrote. */
export class DamagedFile extends UsageError {
  constructor(file: string, field: string, value: unknown, expected: string) {
    super(`${file}: ${field}`, value, expected);
    this.name = "DamagedFile";
  }
}

/** Parse a JSON file; unreadable or not JSON is a {@link DamagedFile}. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new DamagedFile(file, "(file)", errorCode(error), "a readable file");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DamagedFile(file, "(file)", text.slice(0, 40), `valid JSON (${(error as Error).message})`);
  }
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
