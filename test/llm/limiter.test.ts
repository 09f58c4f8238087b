import assert from "node:assert/strict";
import { test } from "node:test";
import { ConcurrencyLimiter } from "../../lib/llm/limiter.js";

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("100 tasks with limit 8: exactly 8 at once at most, all complete", async () => {
  const limiter = new ConcurrencyLimiter(8);
  let running = 0;
  let highest = 0;
  const results = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      limiter.run(async () => {
        running++;
        highest = Math.max(highest, running);
        assert.ok(limiter.active <= 8);
        await tick(i % 3);
        running--;
        return i * 2;
      }),
    ),
  );
  assert.deepEqual(results, Array.from({ length: 100 }, (_, i) => i * 2));
  assert.equal(limiter.maxActive, 8);
  assert.equal(highest, 8);
  assert.equal(limiter.active, 0);
  assert.equal(limiter.queued, 0);
});

test("queued tasks start in FIFO order", async () => {
  const limiter = new ConcurrencyLimiter(2);
  const started: number[] = [];
  const release: (() => void)[] = [];
  const done = Array.from({ length: 6 }, (_, i) =>
    limiter.run(() => {
      started.push(i);
      return new Promise<void>((resolve) => release.push(resolve));
    }),
  );
  await tick(5);
  assert.deepEqual(started, [0, 1]);
  assert.equal(limiter.queued, 4);
  release[1]();
  await tick(5);
  assert.deepEqual(started, [0, 1, 2]);
  // A newcomer arriving while others wait goes to the back of the queue.
  done.push(limiter.run(async () => void started.push(6)));
  release[0]();
  release[2]();
  await tick(5);
  assert.deepEqual(started, [0, 1, 2, 3, 4]);
  for (let i = 3; i < 6; i++) {
    release[i]();
    await tick(5);
  }
  await Promise.all(done);
  assert.deepEqual(started, [0, 1, 2, 3, 4, 5, 6]);
  assert.equal(limiter.maxActive, 2);
});

test("a failing task frees its slot and its error reaches the caller", async () => {
  const limiter = new ConcurrencyLimiter(1);
  const boom = new Error("boom");
  const first = limiter.run(async () => {
    throw boom;
  });
  const second = limiter.run(() => {
    throw new Error("sync throw");
  });
  const third = limiter.run(async () => "ok");
  await assert.rejects(first, (e) => e === boom);
  await assert.rejects(second, /sync throw/);
  assert.equal(await third, "ok");
  assert.equal(limiter.active, 0);
});

test("a limit below 1 or fractional is refused", () => {
  for (const bad of [0, -1, 1.5, Number.NaN]) assert.throws(() => new ConcurrencyLimiter(bad), RangeError);
});
