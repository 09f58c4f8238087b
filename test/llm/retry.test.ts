import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_RETRY_POLICY, withRetry } from "../../lib/llm/retry.js";
import { LlmCallError, type FailureKind } from "../../lib/llm/types.js";
import { startFakeOpenAI } from "../support/fakeOpenAI.js";
import { TRANSPORTS } from "../support/transports.js";

/** Records every wait instead of waiting. */
function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

const fail = (kind: FailureKind, retryAfterMs?: number) => new LlmCallError(kind, `${kind} failure`, undefined, retryAfterMs);

test("defaults: 6 attempts, 1 s base, 60 s cap", () => {
  assert.deepEqual({ ...DEFAULT_RETRY_POLICY }, { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000 });
});

test("server errors are retried until an attempt succeeds; attempts are numbered from 1", async () => {
  const { waits, sleep } = recorder();
  const attempts: number[] = [];
  const retries: [FailureKind, number, number][] = [];
  const result = await withRetry(
    async (n) => {
      attempts.push(n);
      if (n < 3) throw fail("server");
      return "answer";
    },
    { baseDelayMs: 100 },
    { sleep, random: () => 0.5, onRetry: (e, n, ms) => retries.push([e.kind, n, ms]) },
  );
  assert.equal(result, "answer");
  assert.deepEqual(attempts, [1, 2, 3]);
  assert.deepEqual(waits, [50, 100]);
  assert.deepEqual(retries, [["server", 1, 50], ["server", 2, 100]]);
});

test("every retryable kind is retried", async () => {
  const kinds: FailureKind[] = ["rate-limit", "server", "timeout", "connection", "refused", "malformed"];
  const { waits, sleep } = recorder();
  const result = await withRetry(
    async (n) => {
      if (n <= kinds.length) throw fail(kinds[n - 1]);
      return n;
    },
    { maxAttempts: 7, baseDelayMs: 1, maxDelayMs: 1 },
    { sleep, random: () => 1 },
  );
  assert.equal(result, 7);
  assert.deepEqual(waits, [1, 1, 1, 1, 1, 1]);
});

test("with random = 1 the waits are base · 2^k, capped at maxDelayMs, and the last error is rethrown", async () => {
  const { waits, sleep } = recorder();
  const errors: LlmCallError[] = [];
  await assert.rejects(
    withRetry(
      async () => {
        errors.push(fail("server"));
        throw errors[errors.length - 1];
      },
      { maxAttempts: 7, baseDelayMs: 100, maxDelayMs: 1000 },
      { sleep, random: () => 1 },
    ),
    (error) => error === errors[6],
  );
  assert.equal(errors.length, 7);
  assert.deepEqual(waits, [100, 200, 400, 800, 1000, 1000]);
});

test("full jitter scales the whole backoff", async () => {
  const { waits, sleep } = recorder();
  const draws = [0, 0.25, 0.5];
  let i = 0;
  await assert.rejects(withRetry(async () => Promise.reject(fail("timeout")), { maxAttempts: 4, baseDelayMs: 100 }, { sleep, random: () => draws[i++] }));
  assert.deepEqual(waits, [0, 50, 200]);
});

test("Retry-After is a floor on the wait, capped at maxDelayMs", async () => {
  const { waits, sleep } = recorder();
  const retryAfter = [1000, 5, 120_000];
  await assert.rejects(
    withRetry(async (n) => Promise.reject(fail("rate-limit", retryAfter[n - 1])), { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 60_000 }, { sleep, random: () => 1 }),
    (error: LlmCallError) => error.kind === "rate-limit" && error.retryAfterMs === undefined,
  );
  assert.deepEqual(waits, [1000, 200, 60_000]);
  assert.ok(waits[0] >= retryAfter[0]);
});

test("client errors and non-LlmCallErrors are rethrown at once", async () => {
  for (const error of [fail("client"), new TypeError("a bug")]) {
    const { waits, sleep } = recorder();
    let attempts = 0;
    await assert.rejects(
      withRetry(async () => {
        attempts++;
        throw error;
      }, {}, { sleep }),
      (thrown) => thrown === error,
    );
    assert.equal(attempts, 1);
    assert.deepEqual(waits, []);
  }
});

test("the default policy gives up after 6 attempts", async () => {
  const { waits, sleep } = recorder();
  let attempts = 0;
  await assert.rejects(withRetry(async () => Promise.reject(fail("connection", attempts++)), undefined, { sleep, random: () => 1 }));
  assert.equal(attempts, 6);
  assert.deepEqual(waits, [1000, 2000, 4000, 8000, 16000]);
});

test("an abort stops the wait at once (real timer) and no further attempt is made", async () => {
  const controller = new AbortController();
  let attempts = 0;
  const started = Date.now();
  setTimeout(() => controller.abort(), 30);
  await assert.rejects(
    withRetry(async () => {
      attempts++;
      throw fail("server");
    }, { baseDelayMs: 10_000 }, { random: () => 1 }, controller.signal),
    (error: Error) => error.name === "AbortError",
  );
  assert.equal(attempts, 1);
  assert.ok(Date.now() - started < 1000);
});

test("an already aborted signal makes no attempt", async () => {
  let attempts = 0;
  await assert.rejects(
    withRetry(async () => attempts++, {}, {}, AbortSignal.abort()),
    (error: Error) => error.name === "AbortError",
  );
  assert.equal(attempts, 0);
});

for (const transport of TRANSPORTS) {
  test(`${transport.name}: end to end: 503, 503, then an answer → 3 requests and the answer`, async () => {
    const server = await startFakeOpenAI((_, n) => (n < 2 ? { status: 503 } : { content: '{"work":1,"consumption":0.2}' }));
    try {
      const backend = transport.make({ model: "m", baseURL: server.url, timeoutMs: 2000 });
      const kinds: FailureKind[] = [];
      const answer = await withRetry(
        () => backend.complete({ messages: [{ role: "user", content: "decide" }], maxTokens: 32, temperature: 0 }),
        { baseDelayMs: 20, maxDelayMs: 50 },
        { onRetry: (e) => kinds.push(e.kind) },
      );
      assert.equal(answer.content, '{"work":1,"consumption":0.2}');
      assert.equal(server.requests.length, 3);
      assert.deepEqual(kinds, ["server", "server"]);
    } finally {
      await server.close();
    }
  });

  test(`${transport.name}: end to end: a 429's retry-after-ms is waited out before the next request`, async () => {
    const arrivals: number[] = [];
    const server = await startFakeOpenAI((_, n) => {
      arrivals.push(Date.now());
      return n === 0 ? { status: 429, retryAfterMs: 150 } : { content: "ok" };
    });
    try {
      const backend = transport.make({ model: "m", baseURL: server.url, timeoutMs: 2000 });
      const waits: number[] = [];
      const answer = await withRetry(
        () => backend.complete({ messages: [{ role: "user", content: "decide" }], maxTokens: 8, temperature: 0 }),
        { baseDelayMs: 10, maxDelayMs: 1000 },
        { onRetry: (_, __, ms) => waits.push(ms) },
      );
      assert.equal(answer.content, "ok");
      assert.deepEqual(waits, [150]);
      assert.ok(arrivals[1] - arrivals[0] >= 150, `waited ${arrivals[1] - arrivals[0]} ms`);
    } finally {
      await server.close();
    }
  });
}
