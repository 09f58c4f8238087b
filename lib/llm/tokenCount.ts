import { chatEnabledModels } from "gpt-tokenizer/cjs/modelsChatEnabled.gen";
import type { ChatMessage } from "./types.js";

/** Counts tokens as a model's provider bills them: a chat request's prompt (message framing included) and an answer. */
export interface TokenCounter {
  /** How the tokens are counted, for reports: the model's own tokenizer, or the approximation used. */
  readonly method: string;
  /** Tokens of one text (an answer, or one message's content). */
  text(content: string): number;
  /** Prompt tokens of a chat request: every message's content plus its framing, plus the reply's priming. */
  chat(messages: readonly ChatMessage[]): number;
  /** The first `tokens` tokens of `content` — what a model writes when it uses its whole max-tokens budget. */
  truncate(content: string, tokens: number): string;
}

interface GptTokenizerModel {
  encode(text: string): number[];
  countTokens(text: string): number;
  decode(tokens: number[]): string;
  encodeChat(chat: readonly ChatMessage[], model?: string): number[];
}

/** OpenAI's chat framing: per message `<|im_start|>role<|im_sep|>…<|im_end|>`, plus 3 tokens priming the reply. */
const CHARS_PER_TOKEN = 4;
const APPROX_PER_MESSAGE = 4;
const APPROX_PRIMING = 3;

/**
 * The token counter of `model`: its real tokenizer (gpt-tokenizer's BPE encodings) for OpenAI chat models, else
 * the common approximation of 4 characters per token with OpenAI's message framing. Counts of a text are
 * memoised — an estimate sees each perception prompt again in the following months' memories — and a chat's
 * count is the sum over its messages because BPE never merges across the special tokens that frame them.
 * @example
 * tokenCounter("gpt-4o-mini").chat([{ role: "user", content: "hello world" }]); // 9 (2 + 4 framing + 3 priming)
 */
export function tokenCounter(model: string): TokenCounter {
  const tokenizer = (chatEnabledModels as readonly string[]).includes(model)
    ? // Required by name (each model module carries its encoding: o200k_base, cl100k_base, …); not imported, as the
      // package's model typings need a newer TypeScript than this project's.
      (require(`gpt-tokenizer/model/${model}`) as GptTokenizerModel)
    : null;
  const memo = new Map<string, number>();
  const count = tokenizer ? (s: string) => tokenizer.countTokens(s) : (s: string) => Math.ceil(s.length / CHARS_PER_TOKEN);
  const text = (content: string): number => {
    let n = memo.get(content);
    if (n === undefined) memo.set(content, (n = count(content)));
    return n;
  };
  const framing = (role: ChatMessage["role"]) =>
    tokenizer ? tokenizer.encodeChat([{ role, content: "" }], model).length - priming : APPROX_PER_MESSAGE;
  const priming = tokenizer ? tokenizer.encodeChat([], model).length : APPROX_PRIMING;
  const perRole = { system: framing("system"), user: framing("user"), assistant: framing("assistant") };
  return {
    method: tokenizer ? `the ${model} tokenizer (gpt-tokenizer 3.4.0)` : `${CHARS_PER_TOKEN} characters per token (no tokenizer known for ${model})`,
    text,
    chat: (messages) => messages.reduce((sum, m) => sum + perRole[m.role] + text(m.content), priming),
    truncate: (content, tokens) =>
      tokenizer ? tokenizer.decode(tokenizer.encode(content).slice(0, tokens)) : content.slice(0, tokens * CHARS_PER_TOKEN),
  };
}
