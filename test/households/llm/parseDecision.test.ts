import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDecision, snapToGrid } from "../../../lib/households/llm/parseDecision.js";

const ok = (work: number, consumption: number) => ({ ok: true, work, consumption });
const bad = (reason: string) => ({ ok: false, reason });

/** [answer, expected]: the shapes chat models actually produce, and the ones that must be refused. */
const CASES: [string, string, ReturnType<typeof ok> | ReturnType<typeof bad>][] = [
  ["plain JSON", '{"work": 0.6, "consumption": 0.4}', ok(0.6, 0.4)],
  ["grid values stay put (official truncation gave 0.56)", '{"work": 0.58, "consumption": 0.58}', ok(0.58, 0.58)],
  ["an odd hundredth rounds half up", '{"work": 0.57, "consumption": 0.29}', ok(0.58, 0.3)],
  ["below the half step rounds down", '{"work": 0.569, "consumption": 0.011}', ok(0.56, 0.02)],
  ["0.999 rounds to 1", '{"work": 0.999, "consumption": 0.001}', ok(1, 0)],
  ["fenced with a language tag", '```json\n{\n  "work": 0.92,\n  "consumption": 0.74\n}\n```', ok(0.92, 0.74)],
  ["fenced without a tag", '```\n{"work": 0.5, "consumption": 0.3}\n```', ok(0.5, 0.3)],
  ["prose before and after", 'Here is my decision: {"work": 0.8, "consumption": 0.2} I hope this helps.', ok(0.8, 0.2)],
  [
    "the seed's reply: Python dict, then an explanation",
    "{\n'work': 0.92,\n'consumption': 0.76\n}\nExplanation:\n\nWillingness to Work (Work): Despite the slight decrease...",
    ok(0.92, 0.76),
  ],
  ["single quotes on one line", "{'work': 0.3, 'consumption': 0.9}", ok(0.3, 0.9)],
  ["numbers as strings", '{"work": "0.6", "consumption": " 0.44 "}', ok(0.6, 0.44)],
  ["percentages as strings", '{"work": "60%", "consumption": "35 %"}', ok(0.6, 0.36)],
  ["bare percentages", '{"work": 80%, "consumption": 10%}', ok(0.8, 0.1)],
  ["trailing comma", '{"work": 0.7, "consumption": 0.5,}', ok(0.7, 0.5)],
  ["capitalised keys", '{"Work": 0.7, "CONSUMPTION": 0.5}', ok(0.7, 0.5)],
  ["keys with stray spaces", '{" work ": 0.7, "consumption ": 0.5}', ok(0.7, 0.5)],
  ["unquoted keys", "{work: 0.2, consumption: .4}", ok(0.2, 0.4)],
  ["keys in the other order", '{"consumption": 0.1, "work": 0.9}', ok(0.9, 0.1)],
  [
    "extra keys and explanation fields",
    '{"reasoning": "Prices fell {a lot}, so I\'ll spend more.", "work": 1, "consumption": 0.66, "confidence": "high"}',
    ok(1, 0.66),
  ],
  ["nested under a wrapper key", '{"decision": {"work": 0.44, "consumption": 0.22}, "note": "ok"}', ok(0.44, 0.22)],
  ["inside a list", '[{"work": 0.44, "consumption": 0.22}]', ok(0.44, 0.22)],
  ["whitespace and newlines everywhere", '\n\n  {\n\t"work"\n:\n 0.5 \n,\n "consumption" :0.5\n}\n\n', ok(0.5, 0.5)],
  ["curly quotes", "{\u201cwork\u201d: 0.5, \u201cconsumption\u201d: 0.2}", ok(0.5, 0.2)],
  ["escaped quotes inside strings", '{"why": "she said \\"no\\"", "work": 0.3, "consumption": 0.3}', ok(0.3, 0.3)],
  ["two objects: the first wins", '{"work": 0.2, "consumption": 0.4}\nOr, if prices rise: {"work": 0.9, "consumption": 0.1}', ok(0.2, 0.4)],
  [
    "a placeholder template before the answer is skipped",
    "Format: {'work': <value>, 'consumption': <value>}. My answer: {'work': 0.62, 'consumption': 0.48}",
    ok(0.62, 0.48),
  ],
  ["an unclosed brace before the answer is skipped", 'Thinking {about it... {"work": 0.1, "consumption": 0.2}', ok(0.1, 0.2)],
  ["above 1 clamps to 1", '{"work": 1.3, "consumption": 60}', ok(1, 1)],
  ["negatives clamp to 0", '{"work": -0.2, "consumption": "-5%"}', ok(0, 0)],
  ["exponent notation", '{"work": 5e-1, "consumption": 2E-1}', ok(0.5, 0.2)],
  ["missing consumption", '{"work": 0.6}', bad("missing key 'consumption'")],
  ["missing work", "Sure! {'consumption': 0.6, 'reason': 'food'}", bad("missing key 'work'")],
  ["the keys split across objects", '{"work": 0.5, "details": {"consumption": 0.3}}', bad("missing key 'consumption'")],
  ["neither key", '{"labor": 0.6, "spending": 0.4}', bad("no 'work' or 'consumption' key")],
  ["a word for a number", '{"work": "yes", "consumption": 0.5}', bad("'work' is not a number: \"yes\"")],
  ["a boolean", '{"work": 0.5, "consumption": true}', bad("'consumption' is not a number: \"true\"")],
  ["null", '{"work": null, "consumption": 0.5}', bad("'work' is not a number: \"null\"")],
  ["NaN", '{"work": NaN, "consumption": 0.5}', bad("'work' is not a number: \"NaN\"")],
  ["Infinity", '{"work": 0.5, "consumption": Infinity}', bad("'consumption' is not a number: \"Infinity\"")],
  ["overflowing exponent", '{"work": 1e400, "consumption": 0.5}', bad("'work' is not finite: \"1e400\"")],
  ["a list for a number", '{"work": [0.5], "consumption": 0.5}', bad("'work' is an object or list, not a number")],
  ["a template only", "{'work': <value>, 'consumption': <value>}", bad("'work' is not a number: \"<value>\"")],
  ["empty", "", bad("empty answer")],
  ["whitespace only", "  \n\t ", bad("empty answer")],
  ["prose only", "I would rather not say.", bad("no JSON object found")],
  ["a truncated object", '{"work": 0.6, "consumption": 0.', bad("no JSON object found")],
  ["positional list (official eval read these)", "[0.6, 0.4]", bad("no JSON object found")],
];

for (const [name, answer, expected] of CASES) {
  test(`parseDecision: ${name}`, () => assert.deepEqual(parseDecision(answer), expected));
}

test("parseDecision never evaluates the answer", () => {
  const g = globalThis as { pwned?: boolean };
  assert.deepEqual(
    parseDecision('{"work": (globalThis.pwned = true) && 1, "consumption": 0.5}'),
    bad("'work' is not a number: \"(globalThis.pwned = true) && 1\""),
  );
  assert.equal(g.pwned, undefined);
});

test("parseDecision survives a long run of braces", () => {
  assert.deepEqual(parseDecision("{".repeat(50_000) + '{"work": 0.5, "consumption": 0.5}'), ok(0.5, 0.5));
});

test("snapToGrid: every hundredth snaps half up, exactly; clamps to [0, 1]", () => {
  for (let k = 0; k <= 100; k++) {
    const x = Number((k / 100).toFixed(2));
    const expected = (k % 2 === 0 ? k : k + 1) / 100;
    assert.equal(snapToGrid(x), Math.min(1, expected), `snapToGrid(${x})`);
  }
  assert.equal(snapToGrid(0.58), 0.58);
  assert.equal(snapToGrid(0.57), 0.58);
  assert.equal(snapToGrid(0.5699), 0.56);
  assert.equal(snapToGrid(1.3), 1);
  assert.equal(snapToGrid(-0.2), 0);
  assert.equal(snapToGrid(-0.004), 0); // +0, not -0
});
