import { createHash } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** Token counts the fake reports; `cached_tokens` omitted → no `prompt_tokens_details` in the answer. */
export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens?: number;
}

/** What the fake does with one request; `delayMs` waits before doing it. */
export type FakeReply =
  | { content: string; delayMs?: number; usage?: FakeUsage }
  | { status: number; retryAfter?: string | number; retryAfterMs?: number; body?: unknown; delayMs?: number }
  | { stall: true }
  | { drop: true; delayMs?: number }
  | { cut: true; delayMs?: number }
  | { malformed: true; body?: string; delayMs?: number }
  /** A well-formed completion whose content is `bytes` bytes of "x", streamed in chunks (an answer too long to read). */
  | { bulk: number; delayMs?: number };

/**
 * Decides the reply to the n-th (0-based) chat-completion request, given its parsed JSON body and its headers
 * (a server that echoes `authorization` into its answer is how a key could reach the run's files).
 */
export type FakeHandler = (body: unknown, n: number, headers: http.IncomingHttpHeaders) => FakeReply | Promise<FakeReply>;

/** The reply of a server whose every answer (or, with `status`, error body) repeats the request's Authorization header. */
export const echoAuthorization =
  (status?: number): FakeHandler =>
  (_body, _n, headers) => {
    const text = `you sent ${headers.authorization ?? "(no authorization)"}`;
    return status === undefined ? { content: text } : { status, body: { error: { message: text, type: "fake_error" } } };
  };

export interface ReceivedRequest {
  body: unknown;
  headers: http.IncomingHttpHeaders;
}

export interface FakeOpenAI {
  /** Base URL to hand to the SDK, e.g. "http://127.0.0.1:PORT/v1". */
  url: string;
  /** Port the server listens (listened) on. */
  port: number;
  /** Every chat-completion request received, in arrival order. */
  requests: ReceivedRequest[];
  /** Requests being handled right now (answered or not yet). */
  readonly inFlight: number;
  /** Highest `inFlight` ever seen. */
  readonly maxInFlight: number;
  /** Stop listening and destroy open sockets (stalled requests included), so tests never hang. */
  close(): Promise<void>;
}

const CHAT_PATH = "/v1/chat/completions";

/** Rough token count, only so that usage is non-trivial and deterministic. */
const tokens = (text: string): number => Math.ceil(text.length / 4);

function defaultUsage(body: unknown, content: string): FakeUsage {
  const messages = (body as { messages?: { content?: unknown }[] } | null)?.messages ?? [];
  const prompt = messages.map((m) => (typeof m.content === "string" ? m.content : "")).join("");
  return { prompt_tokens: tokens(prompt), completion_tokens: tokens(content), cached_tokens: 0 };
}

function completion(body: unknown, n: number, content: string, usage: FakeUsage): Record<string, unknown> {
  return {
    id: `chatcmpl-fake-${n}`,
    object: "chat.completion",
    created: 1_700_000_000 + n,
    model: (body as { model?: unknown } | null)?.model ?? "fake-model",
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: {
      prompt_tokens: usage.prompt_tokens,
      completion_tokens: usage.completion_tokens,
      total_tokens: usage.prompt_tokens + usage.completion_tokens,
      ...(usage.cached_tokens === undefined ? {} : { prompt_tokens_details: { cached_tokens: usage.cached_tokens } }),
    },
  };
}

function sendJson(res: http.ServerResponse, status: number, payload: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(payload));
}

function sendError(res: http.ServerResponse, reply: Extract<FakeReply, { status: number }>): void {
  const headers: http.OutgoingHttpHeaders = {};
  if (reply.retryAfter !== undefined) headers["retry-after"] = String(reply.retryAfter);
  if (reply.retryAfterMs !== undefined) headers["retry-after-ms"] = String(reply.retryAfterMs);
  if (typeof reply.body === "string") {
    res.writeHead(reply.status, { "content-type": "text/plain", ...headers });
    res.end(reply.body);
    return;
  }
  const body = reply.body ?? { error: { message: `fake error ${reply.status}`, type: "fake_error", code: null } };
  sendJson(res, reply.status, body, headers);
}

/** A completion of `bytes` bytes of content, written chunk by chunk as the client reads (stops when it hangs up). */
function sendBulk(res: http.ServerResponse, body: unknown, n: number, bytes: number): void {
  const [head, tail] = JSON.stringify(completion(body, n, "\u0000", { prompt_tokens: 1, completion_tokens: 1 })).split("\\u0000");
  const chunk = "x".repeat(64 * 1024);
  let left = bytes;
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const piece = left >= chunk.length ? chunk : chunk.slice(0, left);
      left -= piece.length;
      if (!res.write(piece)) {
        res.once("drain", pump);
        return;
      }
    }
    if (!res.destroyed) res.end(tail);
  };
  res.writeHead(200, { "content-type": "application/json" });
  res.write(head);
  pump();
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A real HTTP server on 127.0.0.1 (random port) speaking the OpenAI chat-completions wire format, whose every
 * answer — success, error status, stall, dropped socket, a body cut off midway, garbage — is chosen by `handler`.
 * The LLM plumbing is tested against real sockets because its failure modes (timeouts, resets, refused ports) live
 * there.
 */
export async function startFakeOpenAI(handler: FakeHandler): Promise<FakeOpenAI> {
  const requests: ReceivedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let counter = 0;

  const server = http.createServer((req, res) => {
    if (req.method !== "POST" || req.url !== CHAT_PATH) {
      sendJson(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: "not_found" } });
      return;
    }
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // 'close' fires once per response whether it was answered, dropped or cut off by close().
    res.on("close", () => inFlight--);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
      requests.push({ body, headers: req.headers });
      const n = counter++;
      Promise.resolve()
        .then(() => handler(body, n, req.headers))
        .then(async (reply) => {
          if ("stall" in reply) return; // the client gives up; close() destroys the socket
          if (reply.delayMs) await wait(reply.delayMs);
          if (res.destroyed) return;
          if ("drop" in reply) req.socket.destroy();
          else if ("cut" in reply) {
            // Headers and half a body, then the connection is gone.
            res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
            res.write('{"choices": [');
            setTimeout(() => req.socket.destroy(), 10);
          }          else if ("malformed" in reply) {
            res.writeHead(200, { "content-type": "application/json" });
            res.end(reply.body ?? "{ this is not json");
          } else if ("status" in reply) sendError(res, reply);
          else if ("bulk" in reply) sendBulk(res, body, n, reply.bulk);
          else sendJson(res, 200, completion(body, n, reply.content, reply.usage ?? defaultUsage(body, reply.content)));
        })
        .catch((error: unknown) => {
          if (!res.headersSent) sendJson(res, 500, { error: { message: `fake handler threw: ${String(error)}` } });
        });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | null = null;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

/**
 * A deterministic "model" for LLM-household runs: the answer depends only on the last message, whichever server
 * gives it — a reflection for the quarterly reflection prompt, else work and consumption from the prompt's hash.
 */
export function deterministicAnswer(body: unknown): string {
  const messages = (body as { messages: { content: string }[] }).messages;
  const last = messages[messages.length - 1].content;
  if (last.startsWith("Given the previous quarter")) return `Reflection on ${messages.length} messages.`;
  const h = createHash("sha256").update(last).digest();
  return JSON.stringify({ work: (h[0] % 51) / 50, consumption: (h[1] % 51) / 50 });
}
