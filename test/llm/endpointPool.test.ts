import assert from "node:assert/strict";
import { test } from "node:test";
import { AdaptiveLimit } from "../../lib/llm/adaptiveLimit.js";
import { EndpointDown, EndpointPool, FAILING_CALLS_TO_TAKE_OUT, type EndpointOptions, type Lease } from "../../lib/llm/endpointPool.js";
import { EndpointRejected } from "../../lib/llm/runStops.js";
import { LlmCallError, type ChatBackend } from "../../lib/llm/types.js";
import { endpointsLine } from "../../lib/llm/endpointsLine.js";

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const backend = (name: string): ChatBackend => ({
  kind: "test",
  model: name,
  settings: { baseURL: name },
  complete: () => Promise.reject(new Error("not called in these tests")),
});

const fixed = (label: string, max: number): EndpointOptions => ({ label, backend: backend(label), concurrency: { adaptive: false, max } });
const OPTIONS = { giveUpAfterMs: 10_000, probeBaseMs: 30, probeMaxMs: 1000, maxPauseMs: 60_000 };
const refused = () => new LlmCallError("refused", "connection refused");
/** The pool's stop reason read afresh (not narrowed by an earlier assertion on it). */
const stoppedBy = (pool: EndpointPool): Error | null => pool.stopped;
const server = () => new LlmCallError("server", "HTTP 503", 503);

test("100 calls on one endpoint with limit 8: at most 8 at once, FIFO, every slot freed", async () => {
  const pool = new EndpointPool([fixed("a", 8)], OPTIONS);
  let running = 0;
  let highest = 0;
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: 100 }, async (_, i) => {
      const lease = await pool.acquire(i);
      order.push(i);
      running++;
      highest = Math.max(highest, running);
      await tick(i % 3);
      running--;
      lease.succeeded();
    }),
  );
  assert.equal(highest, 8);
  assert.equal(pool.maxActive, 8);
  assert.deepEqual(order, Array.from({ length: 100 }, (_, i) => i));
  assert.equal(pool.status()[0].inFlight, 0);
});

test("calls go to the endpoint with the fewest in flight relative to its limit; ties to the first listed", async () => {
  const pool = new EndpointPool([fixed("a", 2), fixed("b", 4)], OPTIONS);
  const leases: Lease[] = [];
  for (let i = 0; i < 6; i++) leases.push(await pool.acquire(i));
  // Loads before each pick: a 0/2, b 0/4 → a; a 1/2 = .5 vs b 0 → b; .5 vs .25 → b; .5 vs .5 → a; 1 (full) → b, b.
  assert.deepEqual(leases.map((l) => l.label), ["a", "b", "b", "a", "b", "b"]);
  const seventh = pool.acquire(6);
  let got: Lease | null = null;
  void seventh.then((l) => (got = l));
  await tick(5);
  assert.equal(got, null, "every slot taken: the seventh waits");
  leases[1].succeeded();
  await tick(1);
  assert.equal(got!.label, "b");
});

test("a refusing endpoint is taken out at once, probed with one call after the backoff, and put back when it answers", async () => {
  const pool = new EndpointPool([fixed("a", 4), fixed("b", 4)], OPTIONS);
  const first = await pool.acquire(0);
  assert.equal(first.label, "a");
  first.failed(refused());
  assert.equal(pool.status()[0].up, false);
  assert.equal(pool.status()[0].takenOut, 1);
  const during = [await pool.acquire(1), await pool.acquire(2), await pool.acquire(3)];
  assert.deepEqual(during.map((l) => l.label), ["b", "b", "b"]);
  await tick(OPTIONS.probeBaseMs + 10);
  const probe = await pool.acquire(4);
  assert.equal(probe.label, "a", "the probe is due: one call goes to the endpoint that was out");
  assert.equal((await pool.acquire(5)).label, "b", "only one probe at a time");
  probe.succeeded();
  assert.equal(pool.status()[0].up, true);
  assert.equal((await pool.acquire(6)).label, "a");
});

test(`${FAILING_CALLS_TO_TAKE_OUT} distinct calls failing in a row take an endpoint out; one call failing again and again does not`, async () => {
  const pool = new EndpointPool([fixed("a", 4), fixed("b", 1)], OPTIONS);
  for (let attempt = 0; attempt < 5; attempt++) (await pool.acquire(7)).failed(server());
  assert.equal(pool.status()[0].up, true, "the same call failing five times is that call's problem");
  for (let call = 1; call < FAILING_CALLS_TO_TAKE_OUT; call++) (await pool.acquire(call)).failed(server());
  assert.equal(pool.status()[0].up, false);
});

test("a failed probe doubles the wait; every endpoint out for the give-up time fails waiting and later calls", async () => {
  const pool = new EndpointPool([fixed("a", 2), fixed("b", 2)], { ...OPTIONS, giveUpAfterMs: 200 });
  (await pool.acquire(0)).failed(refused());
  (await pool.acquire(1)).failed(refused());
  const started = Date.now();
  const probes: number[] = [];
  // Every call fails; stop as soon as the pool gives up.
  const error = await (async () => {
    for (let call = 2; ; call++) {
      try {
        const lease = await pool.acquire(call);
        probes.push(Date.now() - started);
        lease.failed(refused());
      } catch (e) {
        return e;
      }
    }
  })();
  assert.ok(error instanceof EndpointDown, String(error));
  assert.ok(Date.now() - started >= 200 - 5);
  // Probes of each endpoint after 30 ms, then 60 ms more, then 120 ms more (beyond the give-up time).
  assert.ok(probes.length >= 4 && probes.length <= 5, `probes at ${probes}`);
  await assert.rejects(pool.acquire(99), EndpointDown);
  pool.close();
});

test("an endpoint answering 401 is out for good (never probed) and its calls go elsewhere; every endpoint refusing stops the pool at once", async () => {
  const pool = new EndpointPool([fixed("http://a/v1", 4), fixed("http://b/v1", 4)], OPTIONS);
  const first = await pool.acquire(0);
  assert.equal(first.failed(new LlmCallError("client", "HTTP 401: invalid key", 401)), true, "the request may go to another endpoint");
  assert.equal(pool.stopped, null);
  assert.deepEqual(pool.status()[0].refusal, { label: "http://a/v1", status: 401, message: "HTTP 401: invalid key" });
  await tick(OPTIONS.probeBaseMs * 3);
  const later = await Promise.all([pool.acquire(1), pool.acquire(2), pool.acquire(3), pool.acquire(4)]);
  assert.deepEqual(later.map((l) => l.label), ["http://b/v1", "http://b/v1", "http://b/v1", "http://b/v1"], "no probe of a refusing endpoint");
  const waiting = pool.acquire(5); // b is full: this one waits
  assert.equal(later[0].failed(new LlmCallError("client", "HTTP 404: no such model", 404)), true);
  const stopped = stoppedBy(pool);
  assert.ok(stopped instanceof EndpointRejected);
  assert.equal(
    stopped.message,
    "http://a/v1 answered HTTP 401 (authentication failed: check the API key): invalid key; " +
      "http://b/v1 answered HTTP 404 (not found: check the model name and the base URL): no such model",
  );
  await assert.rejects(waiting, EndpointRejected);
  await assert.rejects(pool.acquire(6), EndpointRejected);
  for (const lease of later.slice(1)) lease.released();
  pool.close();
});

test(`a bad request (400) is that call's failure; ${FAILING_CALLS_TO_TAKE_OUT} distinct calls in a row refused make the endpoint refusing`, async () => {
  const bad = () => new LlmCallError("client", "HTTP 400: max_tokens is too large", 400);
  const pool = new EndpointPool([fixed("a", 4)], OPTIONS);
  assert.equal((await pool.acquire(0)).failed(bad()), false, "one bad request: the call falls back");
  (await pool.acquire(0)).failed(bad());
  (await pool.acquire(1)).failed(bad());
  (await pool.acquire(2)).succeeded(); // an answer in between: the bad requests were those requests' own
  (await pool.acquire(3)).failed(bad());
  (await pool.acquire(4)).failed(bad());
  assert.equal(pool.stopped, null);
  assert.equal(pool.status()[0].up, true);
  (await pool.acquire(5)).failed(bad());
  assert.ok(stoppedBy(pool) instanceof EndpointRejected);
  assert.match(stoppedBy(pool)!.message, /^a answered HTTP 400 \(bad request\): max_tokens is too large$/);
  pool.close();
});

test("a 429's Retry-After pauses its endpoint; calls meanwhile go to the other", async () => {
  const pool = new EndpointPool([fixed("a", 4), fixed("b", 4)], OPTIONS);
  (await pool.acquire(0)).failed(new LlmCallError("rate-limit", "HTTP 429", 429, 80));
  const meanwhile = await Promise.all([pool.acquire(1), pool.acquire(2), pool.acquire(3), pool.acquire(4)]);
  assert.deepEqual(meanwhile.map((l) => l.label), ["b", "b", "b", "b"]);
  const started = Date.now();
  const next = await pool.acquire(5);
  assert.equal(next.label, "a");
  assert.ok(Date.now() - started >= 60, "waited for the pause to end");
});

test("adaptive limit: slow start doubles per round trip, congestion keeps 70 %, then +1/4 per round trip", () => {
  const limit = new AdaptiveLimit({ adaptive: true, max: 64 });
  assert.equal(limit.limit, 1);
  const roundTrip = () => {
    const n = limit.limit;
    for (let k = 0; k < n; k++) limit.onSuccess(true);
  };
  roundTrip();
  assert.equal(limit.limit, 2);
  roundTrip();
  roundTrip();
  assert.equal(limit.limit, 8);
  limit.onSuccess(false); // not saturated: says nothing about capacity
  assert.equal(limit.limit, 8);
  const epoch = limit.epoch;
  limit.onCongestion(epoch);
  assert.equal(limit.limit, 5); // floor(8 × 0.7)
  limit.onCongestion(epoch); // a second 429 of the same round trip
  assert.equal(limit.limit, 5);
  for (let k = 0; k < 4; k++) roundTrip(); // 5.6 + 4 round trips × ≈ 1/4 call
  assert.equal(limit.limit, 6);
  assert.equal(limit.reached, 8);
  for (let k = 0; k < 10_000; k++) limit.onSuccess(true);
  assert.equal(limit.limit, 64, "capped at MAX");
  const still = new AdaptiveLimit({ adaptive: false, max: 12 });
  still.onCongestion(still.epoch);
  still.onSuccess(true);
  assert.equal(still.limit, 12);
  // A limit far above what was in use decreases from the calls in flight.
  const idle = new AdaptiveLimit({ adaptive: true, max: 64 });
  for (let k = 0; k < 30; k++) idle.onSuccess(true);
  assert.equal(idle.limit, 31);
  idle.onCongestion(idle.epoch, 7);
  assert.equal(idle.limit, 4); // floor(7 × 0.7)
});

test("the progress bar's endpoint part: in flight / limit, calls and failures per host, or out; silent for one quiet endpoint", async () => {
  const status = (label: string, up: boolean, inFlight: number, limit: number, concurrency = String(limit)) => ({
    label, model: "m", concurrency, limit, limitReached: limit, inFlight, maxInFlight: limit, up, takenOut: up ? 0 : 1, refusal: null,
  });
  const stats = (calls: number, failures: number) => ({ calls, failures, inputTokens: 0, outputTokens: 0, latencyMs: 0 });
  assert.equal(
    endpointsLine([status("http://gpu1:8000/v1", true, 12, 16), status("http://gpu2:8000/v1", false, 0, 16)], {
      "http://gpu1:8000/v1": stats(340, 2),
      "http://gpu2:8000/v1": stats(120, 9),
    }),
    "gpu1:8000 12/16 340 calls 2 failed | gpu2:8000 out 120 calls 9 failed",
  );
  assert.equal(endpointsLine([status("http://a/v1", true, 3, 32)], { "http://a/v1": stats(10, 0) }), "");
  assert.equal(endpointsLine([status("http://a/v1", true, 3, 5, "auto:64")], {}), "a 3/5 0 calls 0 failed");
});
