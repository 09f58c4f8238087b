/** A decision read from a model's answer, or why none could be read. */
export type ParsedDecision =
  | { ok: true; work: number; consumption: number; saving?: number; borrow?: number }
  | { ok: false; reason: string };

/** The keys an answer must hold: the paper's two, or four with the bank on (`saving`, `borrow`). */
export type DecisionKey = "work" | "consumption" | "saving" | "borrow";
const PAPER_KEYS: readonly DecisionKey[] = ["work", "consumption"];

/**
 * Snap a propensity to EconAgent's 0.02 grid by rounding half up, then clamp to [0, 1]. The official code
 * truncated (`x // 0.02`), which with float error turned 0.58 into 0.56 (docs/model.md §9).
 * @example snapToGrid(0.57) // 0.58
 * @example snapToGrid(1.3) // 1
 */
export function snapToGrid(x: number): number {
  // Settle the step count to 1e-6 before rounding: 0.57 * 50 is 28.499999999999996 in binary floating point
  // and would round down, while 0.51 * 50 is exactly 25.5 and rounds up. Decimal ties must all go the same way.
  const steps = Math.round(Math.round(x * 50 * 1e6) / 1e6);
  return Math.min(1, Math.max(0, steps / 50));
}

/**
 * Read the work and consumption propensities from a model's answer (docs/model.md §6, "Action"), by key name and
 * never by `eval`. Every `{` in the text starts a candidate object, read by a lenient parser that accepts what
 * chat models write around and inside JSON: code fences and prose (skipped over), single quotes (Python dicts),
 * unquoted keys, trailing commas, numbers as strings, percentages ("60%" → 0.6), any key case, extra keys, and
 * the two keys nested under a wrapper key. The first object, in reading order, holding both keys with readable
 * values wins — a model that restates the format with placeholders before answering is still understood.
 * Values are snapped to the 0.02 grid and clamped to [0, 1].
 * @example
 * parseDecision("```json\n{'work': 0.9, 'consumption': '57%'}\n```") // { ok: true, work: 0.9, consumption: 0.58 }
 */
export function parseDecision(text: string, keys: readonly DecisionKey[] = PAPER_KEYS): ParsedDecision {
  if (text.trim() === "") return { ok: false, reason: "empty answer" };
  const objects = objectsIn(text);
  const candidates = objects.flatMap((o) => withKeys(o, keys));
  if (candidates.length === 0) return { ok: false, reason: missingReason(objects, keys) };
  let firstError = "";
  for (const obj of candidates) {
    const values = keys.map((key) => toPropensity(key, valueOf(obj, key)!));
    const error = values.find((v): v is string => typeof v === "string");
    if (error === undefined) {
      return { ok: true, ...(Object.fromEntries(keys.map((key, k) => [key, values[k]])) as { work: number; consumption: number }) };
    }
    firstError ||= error;
  }
  return { ok: false, reason: firstError };
}

/** Parsed JSON-ish value. Scalars stay text (quoted or bare) until a key's value is needed as a number. */
type Value = string | Value[] | Obj;
/** Entries in order, not a plain object: no prototype keys, duplicates kept, keys compared case-insensitively. */
interface Obj {
  entries: [string, Value][];
}

const isObj = (v: Value): v is Obj => typeof v === "object" && !Array.isArray(v);
const keyOf = (k: string) => k.trim().toLowerCase();
const valueOf = (obj: Obj, key: string): Value | undefined => obj.entries.find(([k]) => keyOf(k) === key)?.[1];

/** Objects holding every key, in pre-order (an object before the objects nested in it). */
function withKeys(v: Value, keys: readonly DecisionKey[]): Obj[] {
  const children = isObj(v) ? v.entries.map(([, x]) => x) : Array.isArray(v) ? v : [];
  const here = isObj(v) && keys.every((key) => valueOf(v, key) !== undefined) ? [v] : [];
  return [...here, ...children.flatMap((c) => withKeys(c, keys))];
}

/** Why no object qualified: the keys missing from the object that holds the most of them. */
function missingReason(objects: Value[], keys: readonly DecisionKey[]): string {
  if (objects.length === 0) return "no JSON object found";
  let best: readonly DecisionKey[] = keys;
  const visit = (v: Value): void => {
    if (isObj(v)) {
      const missing = keys.filter((key) => valueOf(v, key) === undefined);
      if (missing.length < best.length) best = missing;
      v.entries.forEach(([, x]) => visit(x));
    } else if (Array.isArray(v)) v.forEach(visit);
  };
  objects.forEach(visit);
  if (best.length === keys.length) return `no ${keys.map((k) => `'${k}'`).join(" or ")} key`;
  return `missing key${best.length > 1 ? "s" : ""} ${best.map((k) => `'${k}'`).join(", ")}`;
}

const NUMBER = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(%?)$/i;

/** A snapped propensity, or the reason the value is unusable. */
function toPropensity(key: string, v: Value): number | string {
  if (typeof v !== "string") return `'${key}' is an object or list, not a number`;
  const m = NUMBER.exec(v.trim());
  if (m === null) return `'${key}' is not a number: ${JSON.stringify(v)}`;
  const x = Number(m[1]) / (m[2] === "%" ? 100 : 1);
  if (!Number.isFinite(x)) return `'${key}' is not finite: ${JSON.stringify(v)}`;
  return snapToGrid(x);
}

// ---- Lenient reader -----------------------------------------------------------------------------------------

/** Every top-level object in the text; a `{` that does not open a readable object is skipped. */
function objectsIn(text: string): Obj[] {
  const found: Obj[] = [];
  let from = 0;
  for (let at = text.indexOf("{", from); at >= 0; at = text.indexOf("{", from)) {
    const reader = new Reader(text, at);
    try {
      found.push(reader.object(0));
      from = reader.pos;
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
      from = at + 1;
    }
  }
  return found;
}

class Unreadable extends Error {}

const CLOSING_QUOTE: Record<string, string> = { '"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019" };
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" };
/** Nesting deeper than any real answer: refuse rather than overflow the stack on a run of braces. */
const MAX_DEPTH = 32;

class Reader {
  constructor(
    private readonly text: string,
    public pos: number,
  ) {}

  object(depth: number): Obj {
    if (depth > MAX_DEPTH) throw new Unreadable();
    const entries: [string, Value][] = [];
    this.expect("{");
    for (;;) {
      if (this.peek() === "}") break; // also ends after a trailing comma
      const key = this.peek() in CLOSING_QUOTE ? this.quoted() : this.bare(":");
      this.expect(":");
      entries.push([key, this.value(depth)]);
      if (this.peek() !== ",") break;
      this.pos++;
    }
    this.expect("}");
    return { entries };
  }

  private list(depth: number): Value[] {
    if (depth > MAX_DEPTH) throw new Unreadable();
    const items: Value[] = [];
    this.expect("[");
    for (;;) {
      if (this.peek() === "]") break;
      items.push(this.value(depth));
      if (this.peek() !== ",") break;
      this.pos++;
    }
    this.expect("]");
    return items;
  }

  private value(depth: number): Value {
    const c = this.peek();
    if (c === "{") return this.object(depth + 1);
    if (c === "[") return this.list(depth + 1);
    if (c in CLOSING_QUOTE) return this.quoted();
    return this.bare(",}]\n");
  }

  private quoted(): string {
    const close = CLOSING_QUOTE[this.text[this.pos]];
    let out = "";
    for (let i = this.pos + 1; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === close) {
        this.pos = i + 1;
        return out;
      }
      if (c === "\\" && i + 1 < this.text.length) {
        const e = this.text[++i];
        if (e === "u" && /^[0-9a-f]{4}$/i.test(this.text.slice(i + 1, i + 5))) {
          out += String.fromCharCode(parseInt(this.text.slice(i + 1, i + 5), 16));
          i += 4;
        } else out += ESCAPES[e] ?? e;
      } else out += c;
    }
    throw new Unreadable();
  }

  /** Unquoted text (a number, NaN, a bare key) up to one of `stops`; another line break or bracket is unreadable. */
  private bare(stops: string): string {
    const start = this.pos;
    for (; this.pos < this.text.length; this.pos++) {
      const c = this.text[this.pos];
      if (stops.includes(c)) break;
      if ("\n{}[]".includes(c)) throw new Unreadable();
    }
    const token = this.text.slice(start, this.pos).trim();
    if (token === "" || this.pos >= this.text.length) throw new Unreadable();
    return token;
  }

  /** The next non-space character, after skipping whitespace. */
  private peek(): string {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
    return this.text[this.pos] ?? "";
  }

  private expect(c: string): void {
    if (this.peek() !== c) throw new Unreadable();
    this.pos++;
  }
}
