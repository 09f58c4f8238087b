/** One chat message, as sent to any backend (OpenAI wire format roles). */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** A JSON schema the answer must follow (structured output / grammar-constrained decoding). */
export interface AnswerSchema {
  name: string;
  schema: Record<string, unknown>;
}

/** One chat-completion request. Everything that can change the answer is in here (it is the cache key's core). */
export interface ChatRequest {
  messages: ChatMessage[];
  maxTokens: number;
  temperature: number;
  /** Ask for JSON following this schema where the backend supports it; the parser remains the safety net. */
  schema?: AnswerSchema;
  /** Sampling seed, passed to backends that accept one. */
  seed?: number;
}

/** Tokens of one call as the backend reports them. */
export interface ChatUsage {
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens served from the provider's prefix cache, where the backend reports them. */
  cachedTokens: number | null;
}

/** One chat completion: the answer's text and its token usage. */
export interface ChatResponse {
  content: string;
  usage: ChatUsage;
}

/** Why one attempt failed; decides whether it is retried. */
export type FailureKind =
  | "rate-limit" // 429: retried, honouring Retry-After
  | "server" // 5xx: retried
  | "timeout" // no answer in time: retried
  | "connection" // dropped or reset connection: retried
  | "refused" // nothing listening: retried, and counts toward "endpoint down"
  | "malformed" // a 2xx whose body is not a chat completion: retried
  | "client"; // other 4xx (bad request, auth, unknown model): not retried

/**
 * One failed attempt at a chat completion, with the {@link FailureKind} that decides whether it is retried.
 * @example
 * new LlmCallError("rate-limit", "429 Too Many Requests", 429, 2000).retryable; // true
 */
export class LlmCallError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status?: number,
    /** Server-requested wait before the next attempt (Retry-After), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "LlmCallError";
  }
  get retryable(): boolean {
    return this.kind !== "client";
  }
}

/**
 * A language model behind one method: a single attempt at one chat completion. Retries, concurrency, caching
 * and accounting live in the client around it, so every backend gets them.
 */
export interface ChatBackend {
  /** "openai" (any OpenAI-compatible HTTP server) or "llama" (embedded node-llama-cpp). */
  readonly kind: string;
  /** Model id as the backend names it (recorded in manifests and cache keys). */
  readonly model: string;
  /**
   * Backend settings (e.g. the endpoint), recorded in the manifest. Not part of the cache key, which is (backend
   * kind, model, sampling parameters, messages): the same model behind another URL reuses recorded answers.
   */
  readonly settings: Readonly<Record<string, unknown>>;
  /** One attempt; throws LlmCallError on failure. Must never include an API key in errors. */
  complete(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse>;
  /** Release the backend's resources (connections, a loaded model). */
  close?(): Promise<void>;
}
