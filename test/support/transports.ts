import type { ChatCompletionsBackend, ChatCompletionsOptions } from "../../lib/llm/chatCompletions.js";
import { HttpChatBackend } from "../../lib/llm/httpChatBackend.js";
import { OpenAIBackend } from "../../lib/llm/openaiBackend.js";

/** Both transports of the chat-completions protocol (`--transport http|sdk`): tests of one run against each. */
export const TRANSPORTS: { name: "http" | "sdk"; make: (options: ChatCompletionsOptions) => ChatCompletionsBackend }[] = [
  { name: "http", make: (options) => new HttpChatBackend(options) },
  { name: "sdk", make: (options) => new OpenAIBackend(options) },
];
