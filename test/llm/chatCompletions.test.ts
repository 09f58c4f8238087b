/**
 * Both transports of the chat-completions protocol — the direct node:http one (the default) and the `openai` SDK —
 * through one battery against real HTTP servers on 127.0.0.1: answers, request bodies, statuses, Retry-After,
 * timeouts, dropped and refused connections, malformed bodies, the structured-output fallback and the key.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { inspect } from "node:util";
import { describe, test } from "node:test";
import { parseRetryAfter } from "../../lib/llm/chatCompletions.js";
import { HttpChatBackend } from "../../lib/llm/httpChatBackend.js";
import { LlmCallError, type ChatRequest, type ChatResponse } from "../../lib/llm/types.js";
import { startFakeOpenAI, type FakeHandler, type FakeReply } from "../support/fakeOpenAI.js";
import { TRANSPORTS } from "../support/transports.js";

type Body = Record<string, unknown> & { messages: { role: string; content: string }[] };

const request: ChatRequest = {
  messages: [
    { role: "system", content: "You are Ada, a 40-year-old baker." },
    { role: "user", content: "Month 1: decide." },
    { role: "assistant", content: '{"work":1,"consumption":0.5}' },
    { role: "user", content: "Month 2: decide." },
  ],
  maxTokens: 64,
  temperature: 0,
};
const schema = { name: "decision", schema: { type: "object", properties: { work: { type: "number" } }, required: ["work"] } };

/** One fake server for one test; `fn` gets the backend and the server. */
async function withServer(
  handler: FakeHandler,
  fn: (server: Awaited<ReturnType<typeof startFakeOpenAI>>) => Promise<void>,
): Promise<void> {
  const server = await startFakeOpenAI(handler);
  try {
    await fn(server);
  } finally {
    await server.close();
  }
}

/** The LlmCallError `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<LlmCallError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LlmCallError, `expected an LlmCallError, got ${inspect(error)}`);
    return error;
  }
  assert.fail("expected a rejection");
}

test("http transport: a base URL that is not http(s) is refused when the backend is made, naming it", () => {
  for (const baseURL of ["ftp://127.0.0.1/v1", "not a url"]) {
    assert.throws(() => new HttpChatBackend({ model: "m", baseURL }), { name: "RangeError", message: `not an http(s) endpoint: ${baseURL}` });
  }
});

test("http transport: requests go to BASE/chat/completions with the Host header, a trailing slash or not", async () => {
  await withServer(
    () => ({ content: "ok" }),
    async (server) => {
      for (const baseURL of [server.url, `${server.url}/`]) assert.equal((await new HttpChatBackend({ model: "m", baseURL }).complete(request)).content, "ok");
      assert.deepEqual(server.requests.map((r) => r.headers.host), [`127.0.0.1:${server.port}`, `127.0.0.1:${server.port}`]);
    },
  );
});

test("parseRetryAfter reads seconds, HTTP dates and retry-after-ms", () => {
  const headers = (h: Record<string, string>) => new Headers(h);
  const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");
  assert.equal(parseRetryAfter(headers({ "retry-after": "2" }), now), 2000);
  assert.equal(parseRetryAfter(headers({ "retry-after": "0.5" }), now), 500);
  assert.equal(parseRetryAfter(headers({ "retry-after": "Wed, 21 Oct 2015 07:28:03 GMT" }), now), 3000);
  assert.equal(parseRetryAfter(headers({ "retry-after": "Wed, 21 Oct 2015 07:27:00 GMT" }), now), 0);
  assert.equal(parseRetryAfter(headers({ "retry-after": "2", "retry-after-ms": "120" }), now), 120);
  assert.equal(parseRetryAfter(headers({ "retry-after": "soon" }), now), undefined);
  assert.equal(parseRetryAfter(headers({}), now), undefined);
  assert.equal(parseRetryAfter(undefined, now), undefined);
});

for (const transport of TRANSPORTS) {
  describe(`transport ${transport.name}`, () => {
    test("an answer comes back with its content and usage, cached tokens included", async () => {
      await withServer(
        () => ({ content: '{"work":0.4,"consumption":0.3}', usage: { prompt_tokens: 120, completion_tokens: 9, cached_tokens: 64 } }),
        async (server) => {
          const backend = transport.make({ model: "fake-model", baseURL: server.url });
          assert.deepEqual(await backend.complete(request), {
            content: '{"work":0.4,"consumption":0.3}',
            usage: { inputTokens: 120, outputTokens: 9, cachedTokens: 64 },
          });
        },
      );
    });

    test("usage without prompt_tokens_details reports cached tokens as null", async () => {
      await withServer(
        () => ({ content: "ok", usage: { prompt_tokens: 5, completion_tokens: 1 } }),
        async (server) => {
          const backend = transport.make({ model: "m", baseURL: server.url });
          assert.deepEqual((await backend.complete(request)).usage, { inputTokens: 5, outputTokens: 1, cachedTokens: null });
        },
      );
    });

    test("the request body carries model, temperature, max_tokens, seed, messages in order and the schema", async () => {
      await withServer(
        () => ({ content: "{}" }),
        async (server) => {
          const backend = transport.make({ model: "fake-model", baseURL: server.url });
          await backend.complete({ ...request, schema, seed: 7 });
          assert.equal(server.requests.length, 1);
          assert.deepEqual(server.requests[0].body, {
            model: "fake-model",
            messages: request.messages,
            temperature: 0,
            max_tokens: 64,
            seed: 7,
            response_format: { type: "json_schema", json_schema: { name: "decision", strict: true, schema: schema.schema } },
          });
          assert.equal(server.requests[0].headers.authorization, "Bearer no-key", "a placeholder key when none is given");
        assert.equal(server.requests[0].headers["content-type"], "application/json");
        },
      );
    });

    test("no response_format when structured output is off or no schema is given", async () => {
      await withServer(
        () => ({ content: "{}" }),
        async (server) => {
          const off = transport.make({ model: "m", baseURL: server.url, structuredOutput: false });
          await off.complete({ ...request, schema });
          const on = transport.make({ model: "m", baseURL: server.url });
          await on.complete(request);
          const bodies = server.requests.map((r) => r.body as Body);
          assert.deepEqual(bodies.map((b) => "response_format" in b), [false, false]);
          assert.deepEqual(bodies.map((b) => "seed" in b), [false, false]);
          assert.deepEqual(Object.keys(bodies[0]).sort(), ["max_tokens", "messages", "model", "temperature"]);
        },
      );
    });

    test("settings name the endpoint and never the key", async () => {
      const backend = transport.make({ model: "m", baseURL: "http://127.0.0.1:9/v1", apiKey: "sk-test-SECRET-123" });
      assert.equal(backend.kind, "openai");
      assert.equal(backend.model, "m");
      assert.deepEqual(backend.settings, { baseURL: "http://127.0.0.1:9/v1" });
      assert.ok(!JSON.stringify(backend.settings).includes("SECRET"));
    });

    test("429 with Retry-After: 1 is a rate-limit error asking for 1000 ms", async () => {
      await withServer(
        () => ({ status: 429, retryAfter: 1 }),
        async (server) => {
          const error = await failure(transport.make({ model: "m", baseURL: server.url }).complete(request));
          assert.equal(error.kind, "rate-limit");
          assert.equal(error.status, 429);
          assert.equal(error.retryAfterMs, 1000);
          assert.equal(error.retryable, true);
          assert.equal(server.requests.length, 1, "the SDK's own retries are off");
        },
      );
    });

    test("429 with retry-after-ms, and without any hint", async () => {
      await withServer(
        (_, n) => (n === 0 ? { status: 429, retryAfterMs: 250 } : { status: 429 }),
        async (server) => {
          const backend = transport.make({ model: "m", baseURL: server.url });
          assert.equal((await failure(backend.complete(request))).retryAfterMs, 250);
          const bare = await failure(backend.complete(request));
          assert.equal(bare.kind, "rate-limit");
          assert.equal(bare.retryAfterMs, undefined);
        },
      );
    });

    test("500 and 503 are server errors", async () => {
      await withServer(
        (_, n) => (n === 0 ? { status: 500, body: "boom" } : { status: 503 }),
        async (server) => {
          const backend = transport.make({ model: "m", baseURL: server.url });
          const e500 = await failure(backend.complete(request));
          const e503 = await failure(backend.complete(request));
          assert.deepEqual([e500.kind, e500.status, e503.kind, e503.status], ["server", 500, "server", 503]);
          assert.equal(e500.message, "HTTP 500: boom");
          assert.equal(e503.message, "HTTP 503: fake error 503");
        },
      );
    });

    test("a stalled server is a timeout after timeoutMs", async () => {
      await withServer(
        () => ({ stall: true }),
        async (server) => {
          const backend = transport.make({ model: "m", baseURL: server.url, timeoutMs: 200 });
          const started = Date.now();
          const error = await failure(backend.complete(request));
          const elapsed = Date.now() - started;
          assert.equal(error.kind, "timeout");
          assert.equal(error.message, "no answer within 200 ms");
          assert.ok(elapsed >= 195 && elapsed < 1500, `gave up after ${elapsed} ms`);
        },
      );
    });

    test("a dropped connection is a connection error", async () => {
      await withServer(
        () => ({ drop: true }),
        async (server) => {
          const error = await failure(transport.make({ model: "m", baseURL: server.url }).complete(request));
          assert.equal(error.kind, "connection");
          assert.equal(error.status, undefined);
          assert.equal(server.requests.length, 1);
        },
      );
    });

    test("a body cut off midway is a connection error", async () => {
      await withServer(
        () => ({ cut: true }),
        async (server) => {
          const error = await failure(transport.make({ model: "m", baseURL: server.url }).complete(request));
          assert.equal(error.kind, "connection");
          assert.equal(error.status, undefined);
        },
      );
    });

    test("a port nobody listens on is refused", async () => {
      const server = await startFakeOpenAI(() => ({ content: "{}" }));
      await server.close();
      const error = await failure(transport.make({ model: "m", baseURL: server.url }).complete(request));
      assert.equal(error.kind, "refused");
      assert.equal(error.message, `connection refused by ${server.url}`);
    });

    test("2xx bodies that are not chat completions are malformed", async () => {
      const bodies = [
        "{ this is not json",
        JSON.stringify({ object: "chat.completion", choices: [] }),
        JSON.stringify({ object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: null } }] }),
        JSON.stringify({ hello: "world" }),
      ];
      await withServer(
        (_, n) => ({ malformed: true, body: bodies[n] }),
        async (server) => {
          const backend = transport.make({ model: "m", baseURL: server.url });
          const kinds = [];
          for (let i = 0; i < bodies.length; i++) kinds.push((await failure(backend.complete(request))).kind);
          assert.deepEqual(kinds, ["malformed", "malformed", "malformed", "malformed"]);
        },
      );
    });

    test("401, 400 and 404 are client errors and not retryable", async () => {
      await withServer(
        (_, n) => ({ status: [401, 400, 404][n] }),
        async (server) => {
          const backend = transport.make({ model: "m", baseURL: server.url });
          for (const status of [401, 400, 404]) {
            const error = await failure(backend.complete(request));
            assert.deepEqual([error.kind, error.status, error.retryable], ["client", status, false]);
          }
        },
      );
    });

    test("a server rejecting response_format: structured output is switched off and the request resent once", async () => {
      await withServer(
        (body) =>
          "response_format" in (body as Body)
            ? { status: 400, body: { error: { message: "Unknown field: response_format.json_schema is not supported", type: "invalid_request_error" } } }
            : { content: '{"work":1}' },
        async (server) => {
          const backend = transport.make({ model: "m", baseURL: server.url });
          assert.equal(backend.structuredOutput, true);
          assert.equal((await backend.complete({ ...request, schema })).content, '{"work":1}');
          assert.equal(backend.structuredOutput, false);
          await backend.complete({ ...request, schema });
          assert.deepEqual(server.requests.map((r) => "response_format" in (r.body as Body)), [true, false, false]);
        },
      );
    });

    test("a 400 unrelated to response_format is not resent", async () => {
      await withServer(
        () => ({ status: 400, body: { error: { message: "max_tokens is too large", type: "invalid_request_error" } } }),
        async (server) => {
          const backend = transport.make({ model: "m", baseURL: server.url });
          const error = await failure(backend.complete({ ...request, schema }));
          assert.equal(error.message, "HTTP 400: max_tokens is too large");
          assert.equal(backend.structuredOutput, true);
          assert.equal(server.requests.length, 1);
        },
      );
    });

    test("the API key appears in no error, even when the server echoes it back", async () => {
      const key = "sk-test-SECRET-123";
      const echo = (_: unknown, n: number) => {
        const auth = String(server.requests[n].headers.authorization);
        const error = { error: { message: `bad key ${auth}`, type: "x", code: auth } };
        return [
          { status: 401, body: error },
          { status: 400, body: error },
          { status: 500, body: `server saw ${auth}` },
          { status: 429, body: error, retryAfter: 1 },
          { malformed: true as const, body: JSON.stringify({ choices: [{ message: { content: null } }], auth }) },
        ][n];
      };
      const server = await startFakeOpenAI(echo);
      try {
        const backend = transport.make({ model: "m", baseURL: server.url, apiKey: key });
        const errors = [];
        for (let i = 0; i < 5; i++) errors.push(await failure(backend.complete(request)));
        assert.equal(server.requests[0].headers.authorization, `Bearer ${key}`, "the key is sent");
        assert.deepEqual(errors.map((e) => e.kind), ["client", "client", "server", "rate-limit", "malformed"]);
        for (const error of errors) {
          assert.ok(error.message.includes("[redacted]"), error.message);
          for (const text of [error.message, JSON.stringify(error), inspect(error, { depth: 10 }), String(error.stack)]) {
            assert.ok(!text.includes(key), text);
          }
        }
      } finally {
        await server.close();
      }
    });

    test("an abort by the caller rejects with the abort, not a failure to retry", async () => {
      await withServer(
        () => ({ stall: true }),
        async (server) => {
          const backend = transport.make({ model: "m", baseURL: server.url, timeoutMs: 5000 });
          const controller = new AbortController();
          setTimeout(() => controller.abort(), 50);
          const started = Date.now();
          await assert.rejects(backend.complete(request, controller.signal), (error: Error) => {
            assert.ok(!(error instanceof LlmCallError));
            assert.equal(error.name, "AbortError");
            return true;
          });
          assert.ok(Date.now() - started < 1000);
        },
      );
    });
  });
}

/** What a server does, in order, to both transports; each answer or failure must be the same from either. */
const SAME_FAILURES: { what: string; reply: FakeReply }[] = [
  { what: "429 with Retry-After in seconds", reply: { status: 429, retryAfter: 7 } },
  { what: "429 with Retry-After a date past", reply: { status: 429, retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT" } },
  { what: "500 with a text body", reply: { status: 500, body: "boom" } },
  { what: "503 with OpenAI's error JSON", reply: { status: 503 } },
  { what: "400 whose JSON has no error field", reply: { status: 400, body: { detail: "bad field" } } },
  { what: "400 whose error is a string", reply: { status: 400, body: { error: "model not loaded" } } },
  { what: "422 naming response_format without a schema asked", reply: { status: 422, body: { error: { message: "response_format is unsupported" } } } },
  { what: "401", reply: { status: 401 } },
  { what: "408", reply: { status: 408 } },
  { what: "302", reply: { status: 302, body: "moved" } },
  { what: "200 that is not JSON", reply: { malformed: true, body: "{ this is not json" } },
  { what: "200 in text/plain", reply: { status: 200, body: "hello" } },
  { what: "200 without choices", reply: { malformed: true, body: JSON.stringify({ choices: [] }) } },
  { what: "204", reply: { status: 204 } },
  { what: "200 after a byte-order mark", reply: { malformed: true, body: "\uFEFF" + JSON.stringify({ choices: [{ message: { content: "ok" } }], usage: { prompt_tokens: 3, completion_tokens: 1 } }) } },
  { what: "200 with usage", reply: { content: "ok", usage: { prompt_tokens: 7, completion_tokens: 2, cached_tokens: 4 } } },
  { what: "a dropped connection", reply: { drop: true } },
  { what: "a body cut off midway", reply: { cut: true } },
  { what: "a stall", reply: { stall: true } },
];

test("both transports turn the same server behaviour into the same answer or the same error, message included", async () => {
  type Outcome = { what: string; answer?: ChatResponse; kind?: string; status?: number; message?: string; retryAfterMs?: number };
  const outcomes: Record<string, Outcome[]> = {};
  for (const transport of TRANSPORTS) {
    await withServer(
      (_, n) => SAME_FAILURES[n].reply,
      async (server) => {
        const backend = transport.make({ model: "m", baseURL: server.url, timeoutMs: 300 });
        outcomes[transport.name] = [];
        for (const { what } of SAME_FAILURES) {
          try {
            outcomes[transport.name].push({ what, answer: await backend.complete(request) });
          } catch (error) {
            assert.ok(error instanceof LlmCallError, `${transport.name}, ${what}: ${inspect(error)}`);
            const { kind, status, message, retryAfterMs } = error;
            outcomes[transport.name].push({ what, kind, status, message, retryAfterMs });
          }
        }
      },
    );
  }
  assert.deepEqual(outcomes.http, outcomes.sdk);
  // And what they agree on is what the mapping promises.
  const byWhat = Object.fromEntries(outcomes.http.map((o) => [o.what, o]));
  assert.deepEqual(byWhat["429 with Retry-After in seconds"], { what: "429 with Retry-After in seconds", kind: "rate-limit", status: 429, message: "HTTP 429: fake error 429", retryAfterMs: 7000 });
  assert.equal(byWhat["429 with Retry-After a date past"].retryAfterMs, 0);
  assert.equal(byWhat["500 with a text body"].message, "HTTP 500: boom");
  assert.equal(byWhat["400 whose JSON has no error field"].message, "HTTP 400: status code (no body)");
  assert.equal(byWhat["400 whose error is a string"].message, 'HTTP 400: "model not loaded"');
  assert.deepEqual(
    outcomes.http.map((o) => o.kind ?? "answer"),
    ["rate-limit", "rate-limit", "server", "server", "client", "client", "client", "client", "timeout", "client", "malformed", "malformed", "malformed", "malformed", "answer", "answer", "connection", "connection", "timeout"],
  );
  assert.deepEqual(byWhat["200 after a byte-order mark"], { what: "200 after a byte-order mark", answer: { content: "ok", usage: { inputTokens: 3, outputTokens: 1, cachedTokens: null } } });
  assert.equal(byWhat["a dropped connection"].message, "connection failed: socket hang up");
  assert.equal(byWhat["a body cut off midway"].message, "connection failed: aborted");
  assert.equal(byWhat["a stall"].message, "no answer within 300 ms");
});

test("https endpoints: both transports speak TLS, and an untrusted certificate is the same connection failure", async () => {
  // A self-signed certificate for localhost, made for this test (test/support/tls): the handshake happens and fails.
  const tls = path.join(__dirname, "..", "support", "tls");
  const server = https.createServer({ key: fs.readFileSync(path.join(tls, "localhost.key")), cert: fs.readFileSync(path.join(tls, "localhost.crt")) }, (_, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ choices: [{ message: { content: "ok" } }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const baseURL = `https://localhost:${(server.address() as AddressInfo).port}/v1`;
    const errors = [];
    for (const transport of TRANSPORTS) {
      const error = await failure(transport.make({ model: "m", baseURL }).complete(request));
      errors.push({ kind: error.kind, message: error.message });
    }
    assert.deepEqual(errors, [
      { kind: "connection", message: "connection failed: self-signed certificate" },
      { kind: "connection", message: "connection failed: self-signed certificate" },
    ]);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
