/**
 * The OpenAI chat-completions wire protocol as both of its transports speak it: the request body, the reading of an
 * answer, and the one mapping of every failure (status, body, headers, socket error, timeout) to the
 * {@link LlmCallError} kind that lib/llm/retry.ts and lib/llm/endpointPool.ts act on. The transports — the `openai`
 * SDK (lib/llm/openaiBackend.ts) and a direct node:http client (lib/llm/httpChatBackend.ts) — differ only in how the
 * bytes travel, so both extend {@link ChatCompletionsBackend} and report the same failure as the same error, message
 * included.
 */
import { addSecret, redact } from "../redact.js";
import { LlmCallError, type ChatBackend, type ChatMessage, type ChatRequest, type ChatResponse } from "./types.js";

/** Options of either transport. */
export interface ChatCompletionsOptions {
  /** Model id sent with every request, e.g. "gpt-4o-mini" or a local server's model name. */
  model: string;
  /** Endpoint, e.g. "http://127.0.0.1:8000/v1"; OPENAI_BASE_URL, else api.openai.com, when absent (as the SDK). */
  baseURL?: string;
  /** Passed in by the caller, never read here; local servers need none. */
  apiKey?: string;
  /** Give up on one attempt after this long, headers and body included. Default 60 000 ms. */
  timeoutMs?: number;
  /** Ask for `response_format: json_schema` when a request carries a schema. Default true. */
  structuredOutput?: boolean;
  /** Connections kept open to the endpoint (the run's concurrency). Default 64. */
  maxConnections?: number;
  /** Bytes of an answer read at most (`--max-answer-bytes`); a longer one is not read. Default {@link DEFAULT_MAX_ANSWER_BYTES}. */
  maxAnswerBytes?: number;
}

/**
 * Default of `--max-answer-bytes`: 64 KiB of response body. A decision is a few dozen bytes and a reflection a few
 * hundred tokens; a server streaming megabytes is broken, and reading it would fill the cache, the transcripts and
 * the run's memory with text no parser can use.
 * @example
 * new HttpChatBackend({ model: "m", maxAnswerBytes: DEFAULT_MAX_ANSWER_BYTES }); // the default, spelled out
 */
export const DEFAULT_MAX_ANSWER_BYTES = 65_536;

/**
 * What an answer longer than the cap reads as: a short text in place of the unread body, with no usage (it was
 * never read). No decision can be parsed from it, so the household re-asks and then falls back, counted, as for any
 * unreadable answer; and it is all the cache and the transcripts keep of it.
 * @example
 * overLongAnswer(65536).content; // "(answer not read: longer than 65536 bytes, the --max-answer-bytes cap)"
 */
export function overLongAnswer(maxAnswerBytes: number): ChatResponse {
  return {
    content: `(answer not read: longer than ${maxAnswerBytes} bytes, the --max-answer-bytes cap)`,
    usage: { inputTokens: 0, outputTokens: 0, cachedTokens: null },
  };
}

/** The SDK's endpoint when neither the option nor OPENAI_BASE_URL names one. */
export const DEFAULT_BASE_URL = "https://api.openai.com/v1";

/** Sent when no key is given: the SDK refuses to start without one, and local servers ignore it. */
export const PLACEHOLDER_KEY = "no-key";

/** Server text kept in an error message: enough to diagnose, not a whole HTML error page. */
const MAX_DETAIL = 300;

/** A 400/422 mentioning these is a server that does not support `response_format: json_schema`. */
const STRUCTURED_UNSUPPORTED = /response_format|json_schema|structured output/i;

/** The marker of the failure that makes {@link ChatCompletionsBackend} resend without `response_format`. */
const UNSUPPORTED_PREFIX = "structured output unsupported";

/** A request body of `POST /chat/completions` (non-streaming). */
export interface CompletionBody {
  model: string;
  messages: ChatMessage[];
  temperature: number;
  max_tokens: number;
  seed?: number;
  response_format?: { type: "json_schema"; json_schema: { name: string; strict: true; schema: Record<string, unknown> } };
}

/** Response headers, read by name (a WHATWG `Headers`, or node:http's lower-cased object behind {@link headerLookup}). */
export interface HeaderLookup {
  /** The header's value, or null when absent. */
  get(name: string): string | null;
}

/**
 * node:http's response headers as a {@link HeaderLookup}.
 * @example
 * headerLookup({ "retry-after": "2" }).get("retry-after"); // "2"
 */
export function headerLookup(headers: Record<string, string | string[] | undefined>): HeaderLookup {
  return {
    get: (name) => {
      const value = headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/**
 * The base URL requests go to: the option, else OPENAI_BASE_URL, else OpenAI's (the SDK's order).
 * @example
 * resolveBaseURL("http://127.0.0.1:8000/v1"); // "http://127.0.0.1:8000/v1"
 */
export function resolveBaseURL(baseURL: string | undefined): string {
  return baseURL || process.env.OPENAI_BASE_URL || DEFAULT_BASE_URL;
}

/**
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama, llama.cpp server), one attempt per call:
 * retries, with their accounting, belong to the client. A transport implements {@link send}; everything else —
 * the body, structured-output fallback, redaction of the key — is here, once.
 *
 * A server that rejects `response_format` (a 400/422 naming response_format or json_schema) makes the backend
 * switch structured output off for good and resend the same request at once; {@link structuredOutput} then
 * reads false. The answer parser is the safety net either way.
 *
 * @example
 * class Transport extends ChatCompletionsBackend { protected send(body) { … } }
 */
export abstract class ChatCompletionsBackend implements ChatBackend {
  readonly kind = "openai";
  readonly model: string;
  readonly settings: Readonly<Record<string, unknown>>;
  protected readonly baseURL: string;
  protected readonly timeoutMs: number;
  /** Bytes of an answer read at most: past them the transport stops reading and returns {@link overLongAnswer}. */
  protected readonly maxAnswerBytes: number;
  /** Sent as the bearer token: the caller's key, else the placeholder. */
  protected readonly apiKey: string;
  private structured: boolean;

  constructor(options: ChatCompletionsOptions) {
    this.model = options.model;
    // Only a caller's real key is a secret (the placeholder is none): from now on it is cut out of everything written.
    addSecret(options.apiKey || undefined);
    this.apiKey = options.apiKey || PLACEHOLDER_KEY;
    this.timeoutMs = Math.max(1, Math.round(options.timeoutMs ?? 60_000));
    this.structured = options.structuredOutput ?? true;
    this.maxAnswerBytes = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
    this.baseURL = resolveBaseURL(options.baseURL);
    // The endpoint changes answers; the key does not and must never be recorded.
    this.settings = Object.freeze({ baseURL: this.baseURL });
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
      return await this.attempt(request, structured, signal);
    } catch (error) {
      if (!structured || !(error instanceof LlmCallError) || !error.message.startsWith(UNSUPPORTED_PREFIX)) throw error;
      this.structured = false;
      return this.attempt(request, false, signal);
    }
  }

  /**
   * One request over the transport: the answer, or an {@link LlmCallError} from {@link statusFailure},
   * {@link transportFailure}, {@link timeoutFailure} or {@link toResponse}; an abort's reason as it is.
   */
  protected abstract send(body: CompletionBody, structured: boolean, signal?: AbortSignal): Promise<ChatResponse>;

  private async attempt(request: ChatRequest, structured: boolean, signal?: AbortSignal): Promise<ChatResponse> {
    if (signal?.aborted) throw abortReason(signal);
    try {
      const answer = await this.send(completionBody(this.model, request, structured), structured, signal);
      // A server may echo the request's headers into its answer: the run keeps (and its replay gives) the redacted text.
      return { ...answer, content: redact(answer.content) };
    } catch (error) {
      throw error instanceof LlmCallError ? redactedError(error) : error;
    }
  }
}

/** Servers may echo request headers in error bodies: the key is cut out of anything we report (stack included). */
function redactedError(error: LlmCallError): LlmCallError {
  const message = redact(error.message);
  return message === error.message ? error : new LlmCallError(error.kind, message, error.status, error.retryAfterMs);
}

/**
 * The body of one request: model, messages (role and content only), sampling, and the schema as
 * `response_format` when structured output is on.
 * @example
 * completionBody("m", { messages: [{ role: "user", content: "hi" }], maxTokens: 8, temperature: 0 }, false);
 * // { model: "m", messages: [{ role: "user", content: "hi" }], temperature: 0, max_tokens: 8 }
 */
export function completionBody(model: string, request: ChatRequest, structured: boolean): CompletionBody {
  const body: CompletionBody = {
    model,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    temperature: request.temperature,
    max_tokens: request.maxTokens,
  };
  if (request.seed !== undefined) body.seed = request.seed;
  if (structured && request.schema) {
    body.response_format = { type: "json_schema", json_schema: { name: request.schema.name, strict: true, schema: request.schema.schema } };
  }
  return body;
}

/**
 * A parsed 2xx body as the project's ChatResponse; anything without a string message content is malformed.
 * @example
 * toResponse({ choices: [{ message: { content: "ok" } }], usage: { prompt_tokens: 5, completion_tokens: 1 } });
 * // { content: "ok", usage: { inputTokens: 5, outputTokens: 1, cachedTokens: null } }
 */
export function toResponse(completion: unknown): ChatResponse {
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
 * The server's explanation of a non-2xx answer from its body text, worded as the `openai` SDK words its
 * `APIError` (so both transports report the same message): `error.message` of a JSON body, else the JSON of its
 * `error`, else a non-JSON body's text, else "status code (no body)".
 * @example
 * serverMessage('{"error":{"message":"max_tokens is too large"}}'); // "max_tokens is too large"
 * serverMessage("boom"); // "boom"
 */
export function serverMessage(body: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const error = json ? (json as { error?: { message?: unknown } }).error : undefined;
  const message = error?.message
    ? typeof error.message === "string"
      ? error.message
      : JSON.stringify(error.message)
    : error
      ? JSON.stringify(error)
      : json
        ? undefined
        : body;
  return message || "status code (no body)";
}

/**
 * A non-2xx answer as an LlmCallError: 429 rate-limit (with its Retry-After), 408 timeout, 5xx server, a 400/422
 * naming response_format while structured output was asked for "structured output unsupported", any other client.
 * @example
 * statusFailure(503, "upstream overloaded", headerLookup({}), false); // LlmCallError server "HTTP 503: upstream overloaded"
 */
export function statusFailure(status: number, message: string, headers: HeaderLookup | undefined, structured: boolean): LlmCallError {
  const text = `HTTP ${status}: ${detail(message)}`;
  if (status === 429) return new LlmCallError("rate-limit", text, status, parseRetryAfter(headers));
  if (status === 408) return new LlmCallError("timeout", text, status);
  if (status >= 500) return new LlmCallError("server", text, status);
  if (structured && (status === 400 || status === 422) && STRUCTURED_UNSUPPORTED.test(message)) {
    return new LlmCallError("client", `${UNSUPPORTED_PREFIX}: ${text}`, status);
  }
  return new LlmCallError("client", text, status);
}

/**
 * No complete answer within the attempt's deadline.
 * @example
 * timeoutFailure(200).message; // "no answer within 200 ms"
 */
export function timeoutFailure(timeoutMs: number): LlmCallError {
  return new LlmCallError("timeout", `no answer within ${timeoutMs} ms`);
}

/**
 * A failure below HTTP as an LlmCallError: a body that is not JSON (a SyntaxError) is malformed, nothing listening
 * (ECONNREFUSED anywhere in the cause chain) refused, anything else (reset, dropped mid-body, DNS) a connection
 * failure named by the innermost cause ("socket hang up", not the wrappers around it).
 * @example
 * transportFailure(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), url).kind; // "refused"
 */
export function transportFailure(error: unknown, baseURL: string): LlmCallError {
  if (error instanceof SyntaxError) return new LlmCallError("malformed", `the answer is not JSON: ${detail(error.message)}`);
  if (errorCodes(error).includes("ECONNREFUSED")) return new LlmCallError("refused", `connection refused by ${baseURL}`);
  return new LlmCallError("connection", `connection failed: ${detail(innermostMessage(error))}`);
}

/**
 * The wait a 429 asks for, in ms: `retry-after-ms` (OpenAI's own header), else `Retry-After` as seconds or as
 * an HTTP date; undefined when absent or unreadable.
 * @example
 * parseRetryAfter(new Headers({ "retry-after": "2" })); // 2000
 */
export function parseRetryAfter(headers: HeaderLookup | undefined, now: number = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Why a call stopped when its caller's signal aborted: the signal's reason, else an AbortError.
 * @example
 * abortReason(AbortSignal.abort()).name; // "AbortError"
 */
export function abortReason(signal: AbortSignal): Error {
  if (signal.reason instanceof Error) return signal.reason;
  const error = new Error("the call was aborted");
  error.name = "AbortError";
  return error;
}

/** Error codes (ECONNREFUSED, ECONNRESET…) anywhere in the cause chain a fetch or the SDK builds. */
function errorCodes(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== "object" || depth > 5) return [];
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof e.code === "string" ? [e.code] : [];
  const nested = Array.isArray(e.errors) ? e.errors.flatMap((x) => errorCodes(x, depth + 1)) : [];
  return [...own, ...nested, ...errorCodes(e.cause, depth + 1)];
}

/** The innermost message of a cause chain: "other side closed" says more than "Connection error.: fetch failed". */
function innermostMessage(error: unknown): string {
  let e = error;
  for (let i = 0; i < 5 && e instanceof Error && (e as { cause?: unknown }).cause !== undefined; i++) e = (e as { cause?: unknown }).cause;
  return e instanceof Error ? e.message : String(e);
}

function detail(text: string): string {
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
}
