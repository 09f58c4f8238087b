/**
 * The longest piece of user input a message quotes: a 20 MB value must not become a 20 MB message.
 * @example
 * quoted("x".repeat(1000)).length; // QUOTE_LIMIT + 1 (the "…")
 */
export const QUOTE_LIMIT = 80;

/**
 * A value as the user wrote it, quoted verbatim (not as JSON): a number literal JSON.parse could not hold, such as
 * `1e400` (it parses to Infinity, which JSON would print as null).
 * @example
 * new UsageError("households", new AsWritten("1e400"), "a positive integer").message; // "households: got 1e400; allowed: a positive integer"
 */
export class AsWritten {
  constructor(readonly text: string) {}
}

/**
 * `text` on one line and at most `limit` characters: line breaks and other control characters become spaces, and
 * a longer text is cut with "…". Every message built from user input goes through it (via {@link quoted}).
 * @example
 * clip("a\nb"); // "a b"
 * clip("x".repeat(100), 5); // "xxxxx…"
 */
export function clip(text: string, limit = QUOTE_LIMIT): string {
  const cut = text.length > limit ? text.slice(0, limit) : text;
  const flat = cut.replace(/[\u0000-\u001f\u007f\u2028\u2029\ufeff]/g, " ");
  return text.length > limit ? `${flat}…` : flat;
}

/**
 * A value for a message, as JSON, cut at {@link QUOTE_LIMIT} characters. It stops walking the value as soon as
 * the limit is reached, so neither a huge nor a deeply nested value costs more than the limit (no recursion
 * deeper than the limit either); non-finite numbers are named (JSON would print null).
 * @example
 * quoted("foo"); // '"foo"'
 * quoted({ a: [1, 2] }); // '{"a":[1,2]}'
 * quoted("x".repeat(1e7)).length; // 81: 80 characters and "…"
 */
export function quoted(value: unknown, limit = QUOTE_LIMIT): string {
  let out = "";
  const emit = (piece: string): boolean => {
    out += piece.length > limit ? piece.slice(0, limit + 1) : piece;
    return out.length <= limit;
  };
  const walk = (v: unknown): boolean => {
    if (v instanceof AsWritten) return emit(v.text);
    if (typeof v === "string") return emit(JSON.stringify(v.slice(0, limit + 1)));
    if (typeof v === "number") return emit(Number.isFinite(v) ? JSON.stringify(v) : String(v));
    if (Array.isArray(v)) {
      if (!emit("[")) return false;
      for (let k = 0; k < v.length; k++) if ((k > 0 && !emit(",")) || !walk(v[k])) return false;
      return emit("]");
    }
    if (typeof v === "object" && v !== null) {
      if (!emit("{")) return false;
      let first = true;
      for (const key of Object.keys(v)) {
        if ((!first && !emit(",")) || !emit(`${JSON.stringify(key.slice(0, limit))}:`) || !walk((v as Record<string, unknown>)[key])) return false;
        first = false;
      }
      return emit("}");
    }
    return emit(String(v));
  };
  walk(value); // stops once past the limit, which clip then marks with "…"
  return clip(out, limit);
}

/**
 * Bad input from a user (flag, config file, scenario): reported as one line naming the field, the value and
 * what is allowed; the CLI prints it without a stack trace and exits with code 2. The line is kept short and
 * single whatever the input (see {@link quoted} and {@link clip}).
 * @example
 * new UsageError("--months", "13", "a positive multiple of 12").message; // '--months: got "13"; allowed: a positive multiple of 12'
 */
export class UsageError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly allowed: string,
  ) {
    // The field may hold a key the user wrote, and `allowed` a parser's message quoting the input: both bounded too.
    super(`${clip(field, 3 * QUOTE_LIMIT)}: got ${quoted(value)}; allowed: ${clip(allowed, 25 * QUOTE_LIMIT)}`);
    this.name = "UsageError";
  }
}
