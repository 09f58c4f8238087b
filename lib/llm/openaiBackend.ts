import OpenAI from "openai";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { nodeFetch } from "./nodeFetch.js";
import { LlmCallError, type ChatBackend, type ChatRequest, type ChatResponse, type FailureKind } from "./types.js";

/** Options of {@link OpenAIBackend}. */
export interface OpenAIBackendOptions {
  /** Model id sent with every request, e.g. "gpt-4o-mini" or a local server's model name. */
  model: string;
  /** Endpoint, e.g. "http://127.0.0.1:8000/v1"; the SDK's default (api.openai.com, or OPENAI_BASE_URL) when absent. */
  baseURL?: string;
  /** Passed in by the caller, never read here; local servers need none. */
  apiKey?: string;
  /** Give up on one attempt after this long, headers and body included. Default 60 000 ms. */
  timeoutMs?: number;
  /** Ask for `response_format: json_schema` when a request carries a schema. Default true. */
  structuredOutput?: boolean;
  /** Replaces our node:http fetch (tests, proxies). */
  fetch?: typeof fetch;
  /** Connections kept open to the endpoint (the run's concurrency). Default 64. */
  maxConnections?: number;
}

/** Sent when no key is given: the SDK refuses to start without one, and local servers ignore it. */
const PLACEHOLDER_KEY = "no-key";

/** Server text kept in an error message: enough to diagnose, not a whole HTML error page. */
const MAX_DETAIL = 300;

/** A 400/422 mentioning these is a server that does not support `response_format: json_schema`. */
const STRUCTURED_UNSUPPORTED = /response_format|json_schema|structured output/i;

/**
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama, llama.cpp server) through the official
 * SDK, one attempt per call: the SDK's own retries are off because retries, with their accounting, belong to the
 * client. Every failure becomes an {@link LlmCallError} whose kind decides whether it is retried.
 *
 * A server that rejects `response_format` (a 400/422 naming response_format or json_schema) makes the backend
 * switch structured output off for good and resend the same request at once; {@link structuredOutput} then
 * reads false. The answer parser is the safety net either way.
 *
 * @example
 * const backend = new OpenAIBackend({ model: "qwen2.5-7b", baseURL: "http://127.0.0.1:8000/v1", timeoutMs: 30_000 });
 * const { content, usage } = await backend.complete({ messages, maxTokens: 64, temperature: 0 });
 */
export class OpenAIBackend implements ChatBackend {
  readonly kind = "openai";
  readonly model: string;
  readonly settings: Readonly<Record<string, unknown>>;
  private readonly client: OpenAI;
  /** Only a caller's real key is redacted from messages (the placeholder is no secret). */
  private readonly secret: string | undefined;
  private readonly timeoutMs: number;
  private structured: boolean;

  constructor(options: OpenAIBackendOptions) {
    this.model = options.model;
    this.secret = options.apiKey || undefined;
    this.timeoutMs = Math.max(1, Math.round(options.timeoutMs ?? 60_000));
    this.structured = options.structuredOutput ?? true;
    this.client = new OpenAI({
      apiKey: this.secret ?? PLACEHOLDER_KEY,
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      maxRetries: 0,
      timeout: this.timeoutMs,
      // Node's built-in fetch costs ~4× the CPU of node:http per call (lib/llm/nodeFetch.ts).
      fetch: options.fetch ?? nodeFetch(options.maxConnections ?? 64),
    });
    // The endpoint changes answers; the key does not and must never be recorded.
    this.settings = Object.freeze({ baseURL: this.client.baseURL });
  }

  /** Whether schemas are still sent as `response_format` (false after the server rejected it). */
  get structuredOutput(): boolean {
    return this.structured;
  }

  /**
   * One chat completion. Throws {@link LlmCallError} on failure; if `signal` aborts, throws its reason (an
   * abort is the caller stopping, not a failure to retry).
   */
  async complete(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    const structured = this.structured && request.schema !== undefined;
    try {
      return await this.send(request, structured, signal);
    } catch (error) {
      if (!structured || !(error instanceof LlmCallError) || !error.message.includes("structured output unsupported")) throw error;
      this.structured = false;
      return this.send(request, false, signal);
    }
  }

  private async send(request: ChatRequest, structured: boolean, signal?: AbortSignal): Promise<ChatResponse> {
    const body: ChatCompletionCreateParamsNonStreaming = {
      model: this.model,
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      temperature: request.temperature,
      max_tokens: request.maxTokens,
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(structured && request.schema
        ? { response_format: { type: "json_schema", json_schema: { name: request.schema.name, strict: true, schema: request.schema.schema } } }
        : {}),
    };
    // The SDK's timeout covers the wait for headers only; this deadline also covers a body that never ends.
    const deadline = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      deadline.abort();
    }, this.timeoutMs);
    const forward = () => deadline.abort();
    signal?.addEventListener("abort", forward, { once: true });
    try {
      if (signal?.aborted) throw abortReason(signal);
      const completion: unknown = await this.client.chat.completions.create(body, { signal: deadline.signal, timeout: this.timeoutMs, maxRetries: 0 });
      return toResponse(completion);
    } catch (error) {
      if (error instanceof LlmCallError) throw new LlmCallError(error.kind, this.redact(error.message), error.status, error.retryAfterMs);
      if (signal?.aborted && !timedOut) throw abortReason(signal);
      throw this.classify(error, timedOut, structured);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", forward);
    }
  }

  /** The SDK's error (or a raw fetch/parse error) as an LlmCallError whose message cannot contain the key. */
  private classify(error: unknown, timedOut: boolean, structured: boolean): LlmCallError {
    const fail = (kind: FailureKind, message: string, status?: number, retryAfterMs?: number) =>
      new LlmCallError(kind, this.redact(message), status, retryAfterMs);
    if (timedOut || error instanceof OpenAI.APIConnectionTimeoutError) {
      return fail("timeout", `no answer within ${this.timeoutMs} ms`);
    }
    if (error instanceof OpenAI.APIConnectionError || !(error instanceof OpenAI.APIError)) {
      if (error instanceof SyntaxError) return fail("malformed", `the answer is not JSON: ${detail(error.message)}`);
      const codes = errorCodes(error);
      if (codes.includes("ECONNREFUSED")) return fail("refused", `connection refused by ${this.client.baseURL}`);
      return fail("connection", `connection failed: ${detail(describe(error))}`);
    }
    const status = error.status ?? 0;
    // The SDK's message starts with the status again: "503 upstream overloaded".
    const text = `HTTP ${status}: ${detail(error.message.replace(/^\d{3} /, ""))}`;
    if (status === 429) return fail("rate-limit", text, status, parseRetryAfter(error.headers));
    if (status === 408) return fail("timeout", text, status);
    if (status >= 500) return fail("server", text, status);
    if (structured && (status === 400 || status === 422) && STRUCTURED_UNSUPPORTED.test(error.message)) {
      return fail("client", `structured output unsupported: ${text}`, status);
    }
    return fail("client", text, status);
  }

  /** Servers may echo request headers in error bodies: the key is cut out of anything we report. */
  private redact(message: string): string {
    return this.secret ? message.split(this.secret).join("[redacted]") : message;
  }
}

/** A completion as the project's ChatResponse; anything without a string message content is malformed. */
function toResponse(completion: unknown): ChatResponse {
  const c = completion as {
    choices?: { message?: { content?: unknown } }[];
    usage?: { prompt_tokens?: unknown; completion_tokens?: unknown; prompt_tokens_details?: { cached_tokens?: unknown } | null };
  } | null;
  const choices = c?.choices;
  const content = Array.isArray(choices) ? choices[0]?.message?.content : undefined;
  if (typeof content !== "string") {
    throw new LlmCallError("malformed", `the answer has no choices[0].message.content: ${detail(JSON.stringify(completion) ?? "")}`);
  }
  const usage = c?.usage;
  const cached = usage?.prompt_tokens_details?.cached_tokens;
  return {
    content,
    usage: {
      inputTokens: typeof usage?.prompt_tokens === "number" ? usage.prompt_tokens : 0,
      outputTokens: typeof usage?.completion_tokens === "number" ? usage.completion_tokens : 0,
      cachedTokens: typeof cached === "number" ? cached : null,
    },
  };
}

/**
 * The wait a 429 asks for, in ms: `retry-after-ms` (OpenAI's own header), else `Retry-After` as seconds or as
 * an HTTP date; undefined when absent or unreadable.
 */
export function parseRetryAfter(headers: { get(name: string): string | null } | undefined, now: number = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function abortReason(signal: AbortSignal): Error {
  if (signal.reason instanceof Error) return signal.reason;
  const error = new Error("the call was aborted");
  error.name = "AbortError";
  return error;
}

/** Error codes (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET…) anywhere in the cause chain fetch builds. */
function errorCodes(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== "object" || depth > 5) return [];
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof e.code === "string" ? [e.code] : [];
  const nested = Array.isArray(e.errors) ? e.errors.flatMap((x) => errorCodes(x, depth + 1)) : [];
  return [...own, ...nested, ...errorCodes(e.cause, depth + 1)];
}

/** The innermost message of a cause chain ("other side closed") says more than "fetch failed". */
function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e = error, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    parts.push(e instanceof Error ? e.message : String(e));
  }
  return parts.join(": ");
}

function detail(text: string): string {
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
}
