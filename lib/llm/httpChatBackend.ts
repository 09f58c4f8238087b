/**
 * The chat-completions endpoint over node:http directly (`--transport http`, the default). The `openai` SDK spends
 * more CPU per call than the whole rest of an LLM household's month — its request building, header objects, log
 * formatting, and the WHATWG `Response` and web streams its `fetch` interface needs (docs/performance.md, "LLM plumbing speed");
 * this transport sends the same request and reads the same answer with one `http.request`: constant headers built
 * once, the body stringified once, the answer's Buffer chunks joined and parsed once. Every failure goes through
 * the same mapping as the SDK path (lib/llm/chatCompletions.ts), so both report the same errors.
 */
import * as http from "node:http";
import * as https from "node:https";
import {
  abortReason,
  ChatCompletionsBackend,
  headerLookup,
  overLongAnswer,
  serverMessage,
  statusFailure,
  timeoutFailure,
  toResponse,
  transportFailure,
  type ChatCompletionsOptions,
  type CompletionBody,
} from "./chatCompletions.js";
import type { ChatResponse } from "./types.js";

/** Answers that have no body, whatever the server sends (as fetch reads them). */
const NO_BODY = 204;

/** A dropped connection after the headers: the body never completed. */
const cutOff = () => Object.assign(new Error("other side closed"), { code: "ECONNRESET" });

/**
 * One OpenAI-compatible endpoint over keep-alive node:http(s) connections, at most `maxConnections` open.
 *
 * @example
 * const backend = new HttpChatBackend({ model: "qwen2.5-7b", baseURL: "http://127.0.0.1:8000/v1", maxConnections: 32 });
 * const { content, usage } = await backend.complete({ messages, maxTokens: 64, temperature: 0 });
 * await backend.close();
 */
export class HttpChatBackend extends ChatCompletionsBackend {
  private readonly agent: http.Agent;
  private readonly request: typeof http.request;
  /** Where every request goes (built once). */
  private readonly target: { protocol: string; hostname: string; port: string | number; path: string; method: "POST"; agent: http.Agent };
  /**
   * Its headers but content-length, as the flat name/value list node:http sends as it is (an object's headers
   * would be validated and copied one by one on every call); Host included, which node:http adds only to objects.
   */
  private readonly headers: string[];

  constructor(options: ChatCompletionsOptions) {
    super(options);
    const url = chatCompletionsURL(this.baseURL);
    const secure = url.protocol === "https:";
    const maxSockets = options.maxConnections ?? 64;
    this.agent = secure ? new https.Agent({ keepAlive: true, maxSockets }) : new http.Agent({ keepAlive: true, maxSockets });
    this.request = secure ? https.request : http.request;
    this.headers = [
      "host", url.host,
      "content-type", "application/json",
      "accept", "application/json",
      "authorization", `Bearer ${this.apiKey}`,
      "user-agent", "econagent-ts",
      // The SDK sends these when they are set; OpenAI bills the organization and project they name.
      ...(process.env.OPENAI_ORG_ID ? ["openai-organization", process.env.OPENAI_ORG_ID] : []),
      ...(process.env.OPENAI_PROJECT_ID ? ["openai-project", process.env.OPENAI_PROJECT_ID] : []),
    ];
    this.target = {
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: url.port || (secure ? 443 : 80),
      path: url.pathname + url.search,
      method: "POST",
      agent: this.agent,
    };
  }

  /** Close the kept-alive connections. */
  async close(): Promise<void> {
    this.agent.destroy();
  }

  protected send(body: CompletionBody, structured: boolean, signal?: AbortSignal): Promise<ChatResponse> {
    const json = JSON.stringify(body);
    const { protocol, hostname, port, path, method, agent } = this.target;
    const headers = this.headers.concat("content-length", String(Buffer.byteLength(json)));
    return new Promise<ChatResponse>((resolve, reject) => {
      let settled = false;
      let timedOut = false;
      // The first outcome wins: it stops the deadline and the abort listener; later ones are ignored.
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        return true;
      };
      // Any failure: what the deadline or the caller did comes first, then what the socket says.
      const fail = (error: unknown) => {
        if (!settle()) return;
        reject(timedOut ? timeoutFailure(this.timeoutMs) : signal?.aborted ? abortReason(signal) : transportFailure(error, this.baseURL));
      };
      const request = this.request({ protocol, hostname, port, path, method, agent, headers }, (response) => {
        const chunks: Buffer[] = [];
        let received = 0;
        response.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received <= this.maxAnswerBytes) chunks.push(chunk);
          else if (settle()) {
            // Past the cap: stop reading (the connection goes, with whatever the server still sends) and keep none
            // of it; an error status is still reported, from the part read.
            request.destroy();
            const status = response.statusCode ?? 0;
            if (status >= 200 && status <= 299) resolve(overLongAnswer(this.maxAnswerBytes));
            else reject(statusFailure(status, serverMessage(utf8(chunks)), headerLookup(response.headers), structured));
          }
        });
        response.on("error", fail);
        response.on("close", () => {
          if (!response.complete) fail(cutOff());
        });
        response.on("end", () => {
          if (!settle()) return;
          try {
            resolve(this.read(response, chunks, structured));
          } catch (error) {
            reject(error);
          }
        });
      });
      request.on("error", fail);
      // One deadline for headers and body alike.
      const timer = setTimeout(() => {
        timedOut = true;
        request.destroy();
        fail(null);
      }, this.timeoutMs);
      const onAbort = () => {
        request.destroy();
        fail(null);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      request.end(json);
    });
  }

  /** A complete answer, read as the SDK reads it: a non-2xx is a status failure, a JSON body is parsed, other text kept as text. */
  private read(response: http.IncomingMessage, chunks: Buffer[], structured: boolean): ChatResponse {
    const status = response.statusCode ?? 0;
    const text = status === NO_BODY ? "" : utf8(chunks);
    if (status < 200 || status > 299) throw statusFailure(status, serverMessage(text), headerLookup(response.headers), structured);
    if (status === NO_BODY) return toResponse(null);
    const mediaType = response.headers["content-type"]?.split(";")[0]?.trim();
    if (!mediaType || !(mediaType.includes("application/json") || mediaType.endsWith("+json"))) return toResponse(text);
    if (response.headers["content-length"] === "0") return toResponse(undefined);
    let completion: unknown;
    try {
      completion = JSON.parse(text);
    } catch (error) {
      throw transportFailure(error, this.baseURL);
    }
    return toResponse(completion);
  }
}

/** Where the SDK sends a chat completion: the base URL with "/chat/completions" appended; http(s) only. */
function chatCompletionsURL(baseURL: string): URL {
  let url: URL | null;
  try {
    url = new URL(baseURL + (baseURL.endsWith("/") ? "" : "/") + "chat/completions");
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== "http:" && url.protocol !== "https:")) throw new RangeError(`not an http(s) endpoint: ${baseURL}`);
  return url;
}

/** The body as text, a leading byte-order mark dropped (as fetch's text() and json() do). */
function utf8(chunks: Buffer[]): string {
  const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
