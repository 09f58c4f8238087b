/** A checkpoint's state survives JSON bit for bit; a snapshot from another economy is refused. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { allocateBank } from "../../lib/economy/bank.js";
import { allocateState } from "../../lib/economy/state.js";
import { restoreBank, restoreState, snapshotBank, snapshotState } from "../../lib/economy/stateSnapshot.js";

const throughJson = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

test("every array and scalar of the state round-trips through JSON exactly (subnormals, −0, 0.1 + 0.2)", () => {
  const a = allocateState(3, 12.5, 0.03, Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]));
  a.month = 7;
  a.price = 0.1 + 0.2;
  a.rate = 5e-324;
  a.inventory = 1 / 3;
  a.wage.set([1e-310, -0, Math.PI]);
  a.savings.set([Number.MAX_VALUE, 0.30000000000000004, 2 ** -1074]);
  a.worked.set([1, 0, 1]);
  a.age.set([18, 64, 255]);
  a.job.set([-1, 99, 37]);
  a.yearIncome.set([1, 2, 3]);
  const b = allocateState(3, 12.5, 0, new Float64Array(9));
  restoreState(b, throughJson(snapshotState(a)));
  assert.deepEqual(snapshotState(b), snapshotState(a));
  assert.ok(Object.is(b.wage[1], -0));
  assert.equal(b.wage[0], 1e-310);
  assert.equal(b.price, 0.30000000000000004);
  assert.equal(b.rate, 5e-324);
  assert.deepEqual([...b.job], [-1, 99, 37]);
  assert.deepEqual([...b.bucketEdges], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test("the bank's accounts and balance sheet round-trip too", () => {
  const a = allocateBank(2);
  a.deposit.set([100.1, 0]);
  a.debt.set([0, 1234.5678]);
  a.missed.set([0, 2]);
  a.frozenUntil.set([0, 40]);
  a.reserves = -17.25;
  a.equity = 3.5;
  const b = allocateBank(2);
  restoreBank(b, throughJson(snapshotBank(a)));
  assert.deepEqual(snapshotBank(b), snapshotBank(a));
  assert.deepEqual([...b.frozenUntil], [0, 40]);
  assert.equal(b.reserves, -17.25);
});

test("a snapshot of another economy is refused naming what differs", () => {
  const snap = snapshotState(allocateState(3, 12.5, 0.03, new Float64Array(9)));
  assert.throws(() => restoreState(allocateState(4, 12.5, 0.03, new Float64Array(9)), snap), /3 households, the configuration 4/);
  assert.throws(() => restoreState(allocateState(3, 10, 0.03, new Float64Array(9)), snap), /different initial economy/);
  const short = { ...snap, arrays: { ...snap.arrays, wage: Buffer.from(new Float64Array(2).buffer).toString("base64") } };
  assert.throws(() => restoreState(allocateState(3, 12.5, 0.03, new Float64Array(9)), short), /array wage has the wrong size/);
});
