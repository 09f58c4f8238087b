import type * as OpenAISdk from "openai";
import { lazyModule } from "../lazy.js";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import {
  abortReason,
  ChatCompletionsBackend,
  overLongAnswer,
  statusFailure,
  timeoutFailure,
  toResponse,
  transportFailure,
  type ChatCompletionsOptions,
  type CompletionBody,
} from "./chatCompletions.js";
import { nodeFetch } from "./nodeFetch.js";
import { LlmCallError, type ChatResponse } from "./types.js";

/** The openai SDK, loaded by the first `--transport sdk` backend (runs over our own HTTP client never load it). */
const sdk = lazyModule<typeof OpenAISdk>(() => require("openai"));

/** Options of {@link OpenAIBackend}. */
export interface OpenAIBackendOptions extends ChatCompletionsOptions {
  /** Replaces our node:http fetch (tests, proxies). */
  fetch?: typeof fetch;
}

/**
 * The chat-completions endpoint through the official `openai` SDK (`--transport sdk`), its own retries off.
 * The default transport is {@link "llm/httpChatBackend"!HttpChatBackend} (lib/llm/httpChatBackend.ts), which costs a fraction of the
 * SDK's CPU per call (docs/performance.md, "LLM plumbing speed"); both map every failure through lib/llm/chatCompletions.ts.
 *
 * @example
 * const backend = new OpenAIBackend({ model: "qwen2.5-7b", baseURL: "http://127.0.0.1:8000/v1", timeoutMs: 30_000 });
 * const { content, usage } = await backend.complete({ messages, maxTokens: 64, temperature: 0 });
 */
export class OpenAIBackend extends ChatCompletionsBackend {
  private readonly client: OpenAISdk.OpenAI;

  constructor(options: OpenAIBackendOptions) {
    super(options);
    this.client = new sdk.OpenAI({
      apiKey: this.apiKey,
      baseURL: this.baseURL,
      maxRetries: 0,
      timeout: this.timeoutMs,
      // Node's built-in fetch costs ~4× the CPU of node:http per call (lib/llm/nodeFetch.ts).
      fetch: options.fetch ?? nodeFetch(options.maxConnections ?? 64),
    });
  }

  protected async send(body: CompletionBody, structured: boolean, signal?: AbortSignal): Promise<ChatResponse> {
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
      const completion: unknown = await this.client.chat.completions.create(body satisfies ChatCompletionCreateParamsNonStreaming, {
        signal: deadline.signal,
        timeout: this.timeoutMs,
        maxRetries: 0,
      });
      const answer = toResponse(completion);
      // The SDK reads the whole body before it answers: the cap is applied to what it read, so a long answer is
      // still not kept (cache, transcripts), but it was held in memory once — the http transport stops reading.
      return Buffer.byteLength(answer.content) > this.maxAnswerBytes ? overLongAnswer(this.maxAnswerBytes) : answer;
    } catch (error) {
      if (error instanceof LlmCallError) throw error;
      if (signal?.aborted && !timedOut) throw abortReason(signal);
      throw this.classify(error, timedOut, structured);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", forward);
    }
  }

  /** The SDK's error (or a raw fetch/parse error) as the shared mapping's LlmCallError. */
  private classify(error: unknown, timedOut: boolean, structured: boolean): LlmCallError {
    if (timedOut || error instanceof sdk.APIConnectionTimeoutError) return timeoutFailure(this.timeoutMs);
    if (error instanceof sdk.APIConnectionError || !(error instanceof sdk.APIError)) return transportFailure(error, this.baseURL);
    // The SDK's message starts with the status again: "503 upstream overloaded".
    return statusFailure(error.status ?? 0, error.message.replace(/^\d{3} /, ""), error.headers, structured);
  }
}
