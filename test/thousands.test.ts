/** thousands(n) writes whole numbers exactly as toLocaleString("en-US") does, without loading ICU's locale data. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { thousands } from "../lib/thousands.js";

test("thousands matches toLocaleString('en-US') on whole numbers of every length and sign", () => {
  const values = [0, 7, 42, 999, 1000, 10_000, 65_536, 999_999, 1_000_000, 32_380, 123_456_789, 2 ** 53 - 1, -1, -1000, -1_234_567];
  for (const n of values) assert.equal(thousands(n), n.toLocaleString("en-US"), String(n));
});

test("thousands refuses what it would write differently: fractions and numbers JavaScript writes with an exponent", () => {
  assert.throws(() => thousands(1.5), /whole number/);
  assert.throws(() => thousands(Number.NaN), /whole number/);
  assert.throws(() => thousands(1e21), /below 1e21/);
});
