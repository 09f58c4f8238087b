/**
 * The one place API keys are cut out of what the program writes. Every configured key — OPENAI_API_KEY and the key
 * each endpoint's `apiKeyEnv` names, registered by the backend that sends it — is replaced by {@link REDACTED} in
 * model answers and errors as they arrive (lib/llm/chatCompletions.ts), in cache entries before their checksum
 * (lib/llm/cache.ts), in every file written through lib/files.ts (transcripts, checkpoints, manifests, tables), and
 * in the CLI's error line: a server that echoes the Authorization header into its answer cannot put the key on disk.
 */

/**
 * What a key is replaced by.
 * @example
 * redact(`Bearer ${process.env.OPENAI_API_KEY}`); // "Bearer [redacted]" (a key of 8 characters or more)
 */
export const REDACTED = "[redacted]";

/**
 * Keys shorter than this are not redacted: cutting every "abc" out of the files would wreck them, and a key that
 * short is no secret (local servers take any placeholder).
 * @example
 * addSecret("EMPTY"); // 5 characters: not a key, nothing is redacted
 */
export const MIN_SECRET_LENGTH = 8;

const secrets = new Set<string>();
let environmentRead = false;

/**
 * Register a key to redact from now on (nothing for an empty or short value).
 * @example
 * addSecret(process.env.MY_ENDPOINT_KEY);
 */
export function addSecret(value: string | undefined): void {
  if (value !== undefined && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
}

/**
 * `text` with every registered key (and OPENAI_API_KEY, whether or not a backend read it) replaced by {@link REDACTED}.
 * @example
 * addSecret("sk-SECRETTESTVALUE123");
 * redact("Bearer sk-SECRETTESTVALUE123"); // "Bearer [redacted]"
 */
export function redact(text: string): string {
  if (!environmentRead) {
    environmentRead = true;
    addSecret(process.env.OPENAI_API_KEY);
  }
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}
