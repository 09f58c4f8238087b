/**
 * The model's failures that stop a run instead of turning into fallbacks: an endpoint that refuses every request
 * (a bad key, no permission, an unknown model, a request it will never accept), and a month in which too many
 * households fell back. Each stops the run where it is — resumable from its last checkpoint — with a manifest
 * status and a CLI exit code of its own (docs/llm.md "When the model fails"), so a script can tell "fix the key or
 * the model" from a crash (1) and from bad input (2).
 */

/**
 * Exit code of a run stopped because every endpoint refused its requests (401, 403, 404, a repeated 400).
 * @example
 * new EndpointRejected([{ label: "http://127.0.0.1:8000/v1", status: 401, message: "" }]).exitCode === REJECTED_EXIT_CODE; // true
 */
export const REJECTED_EXIT_CODE = 4;

/**
 * Exit code of a run stopped because a month's fallbacks passed `--max-fallback-share`.
 * @example
 * new TooManyFallbacks(2, 4, 4, 0.2, "").exitCode === FALLBACKS_EXIT_CODE; // true
 */
export const FALLBACKS_EXIT_CODE = 5;

/**
 * Default of `--max-fallback-share`: a month in which more than a fifth of the decisions fell back stops the run.
 * @example
 * 3 > DEFAULT_MAX_FALLBACK_SHARE * 10; // true: 3 fallbacks of 10 decisions stop the run, 2 do not
 */
export const DEFAULT_MAX_FALLBACK_SHARE = 0.2;

/**
 * Statuses whose failures say the request will never be answered, whatever the request: the endpoint is out for good.
 * @example
 * REFUSING_STATUSES.includes(401); // true: a bad key
 */
export const REFUSING_STATUSES: readonly number[] = [401, 403, 404];

/**
 * Statuses of a request the server will not accept as it is (a bad request, an unprocessable one): the endpoint
 * refuses every request once three distinct calls in a row got one.
 * @example
 * BAD_REQUEST_STATUSES.includes(400); // true
 */
export const BAD_REQUEST_STATUSES: readonly number[] = [400, 422];

/** Why one endpoint was judged to refuse every request: its label (base URL), the HTTP status and the server's words. */
export interface Refusal {
  label: string;
  status: number;
  message: string;
}

const WORDS: Record<number, string> = {
  400: "bad request",
  401: "authentication failed: check the API key",
  403: "permission denied: check the key's access to this model",
  404: "not found: check the model name and the base URL",
  422: "request not accepted",
};

/**
 * Every endpoint of the run refuses its requests: the run stops at once (not after a month of fallbacks). The
 * message is one line naming each endpoint by its base URL (never a key) and the HTTP status it answered.
 * @example
 * new EndpointRejected([{ label: "http://127.0.0.1:8000/v1", status: 401, message: "HTTP 401: invalid key" }]).message;
 * // "http://127.0.0.1:8000/v1 answered HTTP 401 (authentication failed: check the API key): invalid key"
 */
export class EndpointRejected extends Error {
  readonly exitCode = REJECTED_EXIT_CODE;
  constructor(readonly refusals: readonly Refusal[]) {
    super(
      refusals
        .map((r) => `${r.label} answered HTTP ${r.status} (${WORDS[r.status] ?? "request refused"}): ${oneLine(r.message.replace(/^HTTP \d{3}: /, ""))}`)
        .join("; "),
    );
    this.name = "EndpointRejected";
  }
}

/**
 * More than `maxShare` of a month's decisions fell back: the month is not kept and the run stops.
 * @example
 * new TooManyFallbacks(3, 7, 10, 0.2, "HTTP 500: boom").message;
 * // "month 3: 7 of 10 decisions fell back (more than --max-fallback-share 0.2); last error: HTTP 500: boom"
 */
export class TooManyFallbacks extends Error {
  readonly exitCode = FALLBACKS_EXIT_CODE;
  constructor(
    readonly month: number,
    readonly fallbacks: number,
    readonly decisions: number,
    readonly maxShare: number,
    lastError: string,
  ) {
    super(
      `month ${month}: ${fallbacks} of ${decisions} decisions fell back (more than --max-fallback-share ${maxShare})` +
        (lastError ? `; last error: ${oneLine(lastError)}` : ""),
    );
    this.name = "TooManyFallbacks";
  }
}

/** A server's words on one line, at most 200 characters: a message must stay one line whatever the body held. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
