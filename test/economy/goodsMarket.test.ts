import assert from "node:assert/strict";
import { test } from "node:test";
import { consumeGoods, marketImbalance, adjustPrice } from "../../lib/economy/goodsMarket.js";
import { adjustWages } from "../../lib/economy/laborMarket.js";
import { allocateState } from "../../lib/economy/state.js";
import { createRng } from "../../lib/rng.js";

function market(savings: number[], inventory: number, price: number) {
  const state = allocateState(savings.length, price, 0.03, new Float64Array(9));
  state.savings.set(savings);
  state.inventory = inventory;
  return state;
}

test("marketImbalance is (D − G)/max(D, G) (eq. 7)", () => {
  assert.equal(marketImbalance(8400, 16800), -0.5);
  assert.equal(marketImbalance(10, 5), 0.5);
  assert.equal(marketImbalance(0, 0), 0);
  assert.equal(marketImbalance(3, 0), 1);
});

test("without shortage everyone buys c_i/P and nobody is rationed", () => {
  const state = market([100, 200, 300], 1000, 2);
  const out = consumeGoods(state, Float64Array.from([0.5, 0.5, 1]), createRng(1), new Int32Array(3));
  assert.deepEqual([...state.spend], [50, 100, 300]);
  assert.deepEqual([...state.savings], [50, 100, 0]);
  assert.equal(out.demand, 225); // (50 + 100 + 300) / 2
  assert.equal(state.inventory, 775);
  assert.equal(out.rationed, 0);
});

test("under shortage households are served in random order until goods run out (eqs. 10–11)", () => {
  // Demands 40, 40, 40 goods (budget 80 each at P = 2) against 100 in stock: two are served in full,
  // the third in the random order gets the remaining 20 and is rationed.
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const state = market([80, 80, 80], 100, 2);
    const out = consumeGoods(state, Float64Array.from([1, 1, 1]), createRng(seed), new Int32Array(3));
    assert.equal(out.demand, 120);
    assert.equal(out.goodsSold, 100);
    assert.equal(out.spending, 200);
    assert.equal(state.inventory, 0);
    assert.deepEqual([...state.spend].sort((a, b) => a - b), [40, 80, 80]);
    assert.equal(out.rationed, 1);
    const last = state.spend.indexOf(40);
    assert.equal(state.rationed[last], 1);
    assert.equal(state.savings[last], 40);
  }
  const lastServed = new Set<number>();
  for (let seed = 0; seed < 40; seed++) {
    const state = market([80, 80, 80], 100, 2);
    consumeGoods(state, Float64Array.from([1, 1, 1]), createRng(seed), new Int32Array(3));
    lastServed.add(state.spend.indexOf(40));
  }
  assert.deepEqual([...lastServed].sort(), [0, 1, 2], "every household is sometimes last in line");
});

test("wages and price move by at most α·|φ| in φ's direction, floored at 1 (eqs. 8–9)", () => {
  const state = market([0, 0, 0], 0, 100);
  state.wage.set([10, 20, 1]);
  adjustWages(state, -0.5, 0.05, 1, createRng(1));
  assert.ok(state.wage[0] <= 10 && state.wage[0] >= 10 * (1 - 0.025));
  assert.ok(state.wage[1] <= 20 && state.wage[1] >= 20 * (1 - 0.025));
  assert.equal(state.wage[2], 1);
  adjustPrice(state, 1, 0.1, 1, createRng(1));
  assert.ok(state.price >= 100 && state.price <= 110);
});
