/** The month as an ordered list: insertions of the bank and a scenario land where they belong. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { orderStages, type Stage } from "../../lib/economy/stage.js";

const stage = (name: string): Stage => ({ name, equation: "", run: () => undefined });
const names = (stages: Stage[]) => stages.map((s) => s.name);

test("insertions go before or after the stage they name, in the order given; a removal drops one", () => {
  const base = ["a", "b", "c"].map(stage);
  assert.deepEqual(names(orderStages(base, [{ after: "a", stage: stage("x") }, { after: "a", stage: stage("y") }])), ["a", "y", "x", "b", "c"]);
  assert.deepEqual(names(orderStages(base, [{ before: "c", stage: stage("x") }, { removes: "a", because: "test" }])), ["b", "x", "c"]);
  assert.deepEqual(names(base), ["a", "b", "c"], "the base list is not changed");
});

test("an insertion naming a stage that is not there throws, listing the month", () => {
  assert.throws(() => orderStages([stage("a")], [{ after: "z", stage: stage("x") }]), /no stage "z" in the month \(a\)/);
});
