/**
 * A minimal `fetch` over node:http/https with keep-alive connections, for the OpenAI SDK (its `fetch` option).
 * Node 20's built-in fetch (undici) costs about 0.75 ms of CPU per chat-completion call against 0.16 ms for a
 * plain node:http request (bench/llm.bench.ts); at hundreds of calls a month that overhead, not the endpoint,
 * limited throughput at high concurrency. Requests and responses are buffered (chat completions are not streamed
 * here); the result is a standard `Response`, so the SDK's parsing and error handling are unchanged.
 */
import * as http from "node:http";
import * as https from "node:https";

/** Statuses whose response must have no body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 204, 205, 304]);

function abortError(signal: AbortSignal): Error {
  if (signal.reason instanceof Error) return signal.reason;
  return new DOMException("This operation was aborted", "AbortError");
}

/**
 * A fetch whose connections are pooled per origin, at most `maxSockets` open at once (further requests queue),
 * kept alive between calls.
 * @example
 * new OpenAI({ apiKey, baseURL, fetch: nodeFetch(32) });
 */
export function nodeFetch(maxSockets: number): typeof fetch {
  const agents = {
    "http:": new http.Agent({ keepAlive: true, maxSockets }),
    "https:": new https.Agent({ keepAlive: true, maxSockets }),
  };
  const fetchOverNode = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : input);
      const signal = init.signal ?? undefined;
      if (signal?.aborted) return reject(abortError(signal));
      const protocol = url.protocol === "https:" ? "https:" : url.protocol === "http:" ? "http:" : null;
      if (protocol === null) return reject(new TypeError(`unsupported protocol ${url.protocol}`));
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, key) => {
        headers[key] = value;
      });
      const body = typeof init.body === "string" ? init.body : init.body == null ? undefined : String(init.body);
      if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
      const request = (protocol === "https:" ? https : http).request(url, { method: init.method ?? "GET", headers, agent: agents[protocol] });
      const onAbort = () => request.destroy(abortError(signal!));
      signal?.addEventListener("abort", onAbort, { once: true });
      const done = () => signal?.removeEventListener("abort", onAbort);
      request.on("error", (error) => {
        done();
        reject(signal?.aborted ? abortError(signal) : new TypeError("fetch failed", { cause: error }));
      });
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", (error) => {
          done();
          reject(new TypeError("fetch failed", { cause: error }));
        });
        // A connection dropped mid-body ends in "close" without "end": a failed fetch, like undici's.
        response.on("close", () => {
          if (response.complete) return;
          done();
          reject(new TypeError("fetch failed", { cause: Object.assign(new Error("other side closed"), { code: "ECONNRESET" }) }));
        });
        response.on("end", () => {
          done();
          const status = response.statusCode ?? 0;
          const pairs: [string, string][] = [];
          for (let k = 0; k < response.rawHeaders.length; k += 2) pairs.push([response.rawHeaders[k], response.rawHeaders[k + 1]]);
          resolve(new Response(NULL_BODY.has(status) ? null : Buffer.concat(chunks), { status, statusText: response.statusMessage ?? "", headers: pairs }));
        });
      });
      request.end(body);
    });
  return fetchOverNode as typeof fetch;
}
