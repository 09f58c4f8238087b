import assert from "node:assert/strict";
import { test } from "node:test";
import { allocateState } from "../../../lib/economy/state.js";
import { groupHouseholds, type TraitSource } from "../../../lib/households/llm/archetypes.js";
import { createRng } from "../../../lib/rng.js";

function smallEconomy(): TraitSource {
  const s = allocateState(8, 100, 0.03, new Float64Array(9));
  [1, 2, 3, 4, 5, 6, 7, 8].forEach((w, i) => (s.wage[i] = w));
  [30, 20, 40, 50, 60, 25, 35, 45].forEach((a, i) => (s.age[i] = a));
  s.worked.fill(1);
  return { economy: s, month: 2, hoursPerMonth: 1, debt: null, population: null };
}

test("a budget tree worked by hand: income halves first, then age (savings are constant), representatives nearest the medians", () => {
  const g = groupHouseholds(smallEconomy(), 4);
  assert.equal(g.count, 4);
  assert.deepEqual(Array.from(g.group), [0, 0, 1, 1, 3, 2, 2, 3]);
  assert.deepEqual(g.labels, ["p0 e1 r0 d0 i0 a0", "p0 e1 r0 d0 i0 a1", "p0 e1 r0 d0 i1 a0", "p0 e1 r0 d0 i1 a1"]);
  assert.deepEqual(Array.from(g.size), [2, 2, 2, 2]);
  // Group {0, 1}: both members equally far from the medians (income 1.5, age 25): the lower index; group {4, 7} likewise.
  assert.deepEqual(Array.from(g.representative), [0, 2, 5, 4]);
  // An audited household represents its group only when every member is audited.
  const avoid = Uint8Array.from([1, 1, 1, 0, 1, 0, 0, 0]);
  assert.deepEqual(Array.from(groupHouseholds(smallEconomy(), 4, avoid).representative), [0, 3, 5, 7]);
});

test("category traits split first, in proportion to their members; month 1 has nobody employed", () => {
  const source = smallEconomy();
  const s = source.economy as ReturnType<typeof allocateState>;
  s.worked.set([0, 0, 1, 1, 1, 1, 1, 1]);
  const g = groupHouseholds(source, 4);
  // Employed last month: 2 of 8 → budget 1 (4 × 2/8), 6 of 8 → budget 3.
  assert.equal(g.labels.filter((l) => l.includes("e0")).length, 1);
  assert.equal(g.labels.filter((l) => l.includes("e1")).length, 3);
  assert.deepEqual(Array.from(g.group.slice(0, 2)), [0, 0]);
  const first = groupHouseholds({ ...source, month: 1 }, 4);
  assert.ok(first.labels.every((l) => l.includes("e0")));
  assert.equal(groupHouseholds(source, 1).count, 1);
});

function randomEconomy(n: number, seed: number): TraitSource {
  const rng = createRng(seed);
  const s = allocateState(n, 150, 0.03, new Float64Array(9));
  for (let i = 0; i < n; i++) {
    s.wage[i] = 5 + 60 * rng.next() ** 2;
    s.savings[i] = 20_000 * rng.next() ** 3;
    s.age[i] = 18 + Math.floor(rng.next() * 47);
    s.worked[i] = rng.next() < 0.93 ? 1 : 0;
    s.rationed[i] = rng.next() < 0.05 ? 1 : 0;
  }
  return { economy: s, month: 5, hoursPerMonth: 168, debt: null, population: null };
}

test("K = 100 gives about 100 non-empty groups whatever N is; deterministic; groups never mix populations", () => {
  for (const n of [2_000, 20_000]) {
    const source = randomEconomy(n, n);
    const g = groupHouseholds(source, 100);
    assert.ok(g.count >= 95 && g.count <= 100, `N = ${n}: ${g.count} groups`);
    assert.equal(Array.from(g.size).reduce((a, b) => a + b, 0), n);
    assert.ok(Array.from(g.size).every((k) => k > 0));
    g.representative.forEach((r, k) => assert.equal(g.group[r], k));
    assert.deepEqual(groupHouseholds(source, 100), g);
  }
  const source = randomEconomy(3_000, 7);
  const population = Int32Array.from({ length: 3_000 }, (_, i) => i % 3);
  const g = groupHouseholds({ ...source, population }, 60);
  const seen = new Map<number, number>();
  for (let i = 0; i < 3_000; i++) {
    const p = seen.get(g.group[i]);
    if (p === undefined) seen.set(g.group[i], population[i]);
    else assert.equal(p, population[i], `group ${g.group[i]} mixes populations`);
  }
  assert.ok(g.count <= 60 && g.count >= 55);
  // Fewer archetypes than populations: still one group per population at least.
  assert.equal(groupHouseholds({ ...source, population }, 1).count, 3);
});
