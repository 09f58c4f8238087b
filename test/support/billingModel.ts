import { createHash } from "node:crypto";
import type { FakeReply } from "./fakeOpenAI.js";

type Chat = readonly { role: "system" | "user" | "assistant"; content: string }[];
// Required, not imported: the package's model typings need a newer TypeScript than this project's.
const { decode, encode, encodeChat } = require("gpt-tokenizer/model/gpt-4o-mini") as {
  encode(text: string): number[];
  decode(tokens: number[]): string;
  encodeChat(chat: Chat, model: string): number[];
};

const REFLECTION = "This quarter my wage moved with the market and prices rose, so I kept working and spent a bit less. ".repeat(30);

/**
 * A gpt-4o-mini stand-in for startFakeOpenAI whose usage is what OpenAI would bill — prompt tokens from
 * gpt-tokenizer's encodeChat over the messages actually sent, completion tokens of the answer — answering
 * decisions with prompt-dependent JSON and reflections by writing until max_tokens. Deterministic in the prompt.
 */
export function billingModel(body: unknown): FakeReply {
  const { messages, max_tokens, max_completion_tokens } = body as { messages: Chat; max_tokens?: number; max_completion_tokens?: number };
  const last = messages[messages.length - 1].content;
  const h = createHash("sha256").update(last).digest();
  const content = last.startsWith("Given the previous quarter")
    ? decode(encode(REFLECTION).slice(0, max_completion_tokens ?? max_tokens ?? 200))
    : JSON.stringify({ work: (h[0] % 51) / 50, consumption: (h[1] % 51) / 50 });
  return { content, usage: { prompt_tokens: encodeChat(messages, "gpt-4o-mini").length, completion_tokens: encode(content).length, cached_tokens: 0 } };
}

/** Prompt tokens of a chat as gpt-tokenizer's encodeChat counts them for gpt-4o-mini. */
export const chatTokens = (chat: Chat): number => encodeChat(chat, "gpt-4o-mini").length;
export { REFLECTION };
