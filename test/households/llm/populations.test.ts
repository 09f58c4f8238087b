/**
 * Populations (several models in one economy): exact counts by the largest remainder, a seeded draw that is the
 * same on every machine and leaves the run's own stream alone, assignment by rank of wage or age, and the one-line
 * errors of config `populations`.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { assignPopulations, populationCounts } from "../../../lib/households/llm/populations.js";
import { parsePopulations } from "../../../lib/run/populationOptions.js";
import { resolveConfig } from "../../../lib/run/config.js";

test("counts: floor of share·N, the rest to the largest remainders, summing to N", () => {
  assert.deepEqual(populationCounts([0.3, 0.7], 100), [30, 70]);
  // 33.33… each: one household left, to the first (ties go to the earlier population).
  assert.deepEqual(populationCounts([1 / 3, 1 / 3, 1 / 3], 100), [34, 33, 33]);
  // 0.15·7 = 1.05, 0.25·7 = 1.75, 0.6·7 = 4.2: floors 1 + 1 + 4 = 6, the seventh to the 0.75 remainder.
  assert.deepEqual(populationCounts([0.15, 0.25, 0.6], 7), [1, 2, 4]);
  assert.deepEqual(populationCounts([0.5, 0.5], 1), [1, 0]);
  // 0.1 + 0.2 + 0.7 in floating point: 0.7·10 = 7.000000000000001, 0.1·10 = 1, 0.2·10 = 2 — no household lost to rounding.
  assert.deepEqual(populationCounts([0.1, 0.2, 0.7], 10), [1, 2, 7]);
});

const economy = (wage: number[], age: number[]) => ({ n: wage.length, wage: Float64Array.from(wage), age: Uint8Array.from(age) });

test("a seeded draw: exact counts, the same assignment for the same seed, another for another seed", () => {
  const e = economy(Array.from({ length: 100 }, (_, i) => i), Array.from({ length: 100 }, () => 40));
  const a = assignPopulations([0.3, 0.7], "draw", e, 1);
  assert.equal(a.filter((p) => p === 0).length, 30);
  assert.equal(a.filter((p) => p === 1).length, 70);
  assert.deepEqual(assignPopulations([0.3, 0.7], "draw", e, 1), a);
  assert.notDeepEqual(assignPopulations([0.3, 0.7], "draw", e, 2), a);
  // A draw, not the first 30 households.
  assert.notDeepEqual(Array.from(a.subarray(0, 30)), new Array(30).fill(0));
});

test("by rank: the lowest wages (ages) to the first population, ties by household id", () => {
  const wage = [30, 10, 50, 20, 40];
  const age = [60, 25, 25, 70, 18];
  // Wages ranked 10 (1), 20 (3), 30 (0), 40 (4), 50 (2): the two lowest to population 0.
  assert.deepEqual(Array.from(assignPopulations([0.4, 0.6], "wage", economy(wage, age), 1)), [1, 0, 1, 0, 1]);
  // Ages ranked 18 (4), 25 (1), 25 (2), 60 (0), 70 (3): three populations of 1, 2, 2.
  assert.deepEqual(Array.from(assignPopulations([0.2, 0.4, 0.4], "age", economy(wage, age), 1)), [2, 1, 1, 2, 0]);
});

const two = [
  { name: "small", share: 0.3, model: "m-small", baseUrl: "http://127.0.0.1:1/v1" },
  { name: "large", share: 0.7, model: "m-large" },
];

test("config populations: a list (drawn) or {by, groups}, normalised, only for LLM households", () => {
  const list = parsePopulations(two);
  assert.equal(list.by, "draw");
  assert.deepEqual(list.groups[1], { name: "large", share: 0.7, model: "m-large", baseUrl: null, apiKeyEnv: null });
  assert.equal(parsePopulations({ by: "wage", groups: two }).by, "wage");
  const endpoints = parsePopulations([{ ...two[0], baseUrl: undefined, endpoints: [{ baseUrl: "http://127.0.0.1:2/v1" }] }, two[1]]);
  assert.deepEqual(endpoints.groups[0].baseUrl, [{ baseUrl: "http://127.0.0.1:2/v1" }]);
  // A resumed run reads its manifest's normalised value back to the same configuration.
  assert.deepEqual(parsePopulations(JSON.parse(JSON.stringify(list))), list);
  assert.deepEqual(resolveConfig({ policy: "llm", populations: two }).populations, list);
  assert.throws(() => resolveConfig({ policy: "composite", populations: two }), { message: /^populations: got "small,large"; allowed: only with --policy llm.*policy is composite\)$/ });
  assert.throws(() => resolveConfig({ policy: "llm", model: "m", populations: two }), { message: /--model is m\)$/ });
});

test("bad populations: one line naming the field, the value and what is allowed", () => {
  const bad: [unknown, string | RegExp][] = [
    [[{ ...two[0], share: 0.4 }, two[1]], 'populations[].share: got "0.4 + 0.7 = 1.1"; allowed: shares that sum to 1'],
    [{ by: "income", groups: two }, 'populations.by: got "income"; allowed: draw, wage or age'],
    [[two[0], { name: "large", share: 0.7 }], "populations[1].model: got undefined; allowed: the model's name (every population needs one)"],
    [[two[0], { ...two[1], name: "small" }], 'populations[1].name: got "small"; allowed: a name no other population has'],
    [[{ ...two[0], temperature: 1 }, two[1]], "populations[0].temperature: got 1; allowed: a population field (name, share, model, baseUrl, endpoints, apiKeyEnv)"],
    [[{ ...two[0], baseUrl: "ftp://x" }, two[1]], /^populations\[0\]\.baseUrl: got "ftp:\/\/x"; allowed: an http/],
    [[], /^populations: got \[\]; allowed: a list of 1 to 255 populations/],
  ];
  for (const [value, message] of bad) {
    assert.throws(() => parsePopulations(value), (e: Error) => (message instanceof RegExp ? message.test(e.message) : e.message === message) || assert.fail(e.message));
  }
});
