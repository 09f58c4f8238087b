import { test } from "node:test";
import assert from "node:assert/strict";
import { householdNames, usNames } from "../../lib/calibration/index.js";
import { createRng } from "../../lib/rng.js";

function allNames(seed: number, n: number): string[] {
  const nameOf = householdNames(createRng(seed), n);
  return Array.from({ length: n }, (_, i) => nameOf(i));
}

test("name lists hold 100 distinct first names and 100 distinct surnames", () => {
  const { first, last } = usNames();
  assert.equal(new Set(first).size, 100);
  assert.equal(new Set(last).size, 100);
  assert.deepEqual(first.slice(0, 3), ["Michael", "James", "John"]);
  assert.deepEqual(last.slice(0, 3), ["Smith", "Johnson", "Williams"]);
});

test("100 and 10,000 households get unique plain 'First Last' names", () => {
  for (const n of [100, 10_000]) {
    const names = allNames(1, n);
    assert.equal(new Set(names).size, n);
    assert.ok(names.every((name) => /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(name)), "plain names only");
  }
});

test("names are deterministic for a seed and look random", () => {
  assert.deepEqual(allNames(3, 50), allNames(3, 50));
  assert.notDeepEqual(allNames(3, 50), allNames(4, 50));
  const firsts = new Set(allNames(3, 100).map((name) => name.split(" ")[0]));
  assert.ok(firsts.size > 40, `only ${firsts.size} first names among 100 households`);
});

test("1,000,000 households get unique names", () => {
  const names = allNames(5, 1_000_000);
  assert.equal(new Set(names).size, 1_000_000);
  assert.equal(names.filter((name) => !name.includes(".")).length, 10_000);
  assert.ok(names.some((name) => / 4$/.test(name)));
});

test("the name function refuses indices out of range", () => {
  const nameOf = householdNames(createRng(1), 3);
  assert.throws(() => nameOf(3), RangeError);
  assert.throws(() => householdNames(createRng(1), 1.5), RangeError);
});
