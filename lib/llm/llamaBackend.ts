import * as fs from "node:fs";
import * as path from "node:path";
import { importEsm } from "./importEsm.js";
import {
  LlmCallError, type AnswerSchema, type ChatBackend, type ChatMessage, type ChatRequest, type ChatResponse,
} from "./types.js";

// The few node-llama-cpp 3.x members used here. The package is ESM-only with top-level await, so it is loaded at
// run time (importEsm) and typed by hand rather than imported, which CommonJS lib code and tslab cannot do.
type Token = number;
type HistoryItem =
  | { type: "system"; text: string }
  | { type: "user"; text: string }
  | { type: "model"; response: string[] };
interface Grammar {
  readonly grammar: string;
}
interface Llama {
  loadModel(options: { modelPath: string }): Promise<Model>;
  createGrammar(options: { grammar: string }): Promise<Grammar>;
  dispose(): Promise<void>;
}
interface Model {
  readonly tokenizer: unknown;
  createContext(options: { contextSize: number; threads: number; sequences: number }): Promise<Context>;
  dispose(): Promise<void>;
}
interface Context {
  getSequence(): Sequence;
  dispose(): Promise<void>;
}
interface Sequence {
  readonly tokenMeter: { getState(): { usedInputTokens: number; usedOutputTokens: number } };
  clearHistory(): Promise<void>;
}
interface ChatWrapper {
  readonly wrapperName: string;
}
interface Chat {
  readonly chatWrapper: ChatWrapper & {
    generateContextState(options: { chatHistory: HistoryItem[] }): {
      contextText: { tokenize(tokenizer: unknown): Token[] };
    };
  };
  generateResponse(history: HistoryItem[], options: Record<string, unknown>): Promise<{ response: string }>;
  dispose(): void;
}
interface NodeLlamaCpp {
  getLlama(options: { gpu: false; build: "never"; skipDownload: true }): Promise<Llama>;
  LlamaChat: new (options: { contextSequence: Sequence; chatWrapper: ChatWrapper }) => Chat;
  resolveChatWrapper(model: Model, options: { customWrapperSettings: Record<string, object> }): ChatWrapper;
}

/**
 * node-llama-cpp's Llama 3.1/3.2 and gpt-oss chat formats write today's date into the prompt by default, so the
 * same request would get a different prompt each day, while a prompt must depend on the request only (it is the
 * cache key). Llama 3.1's also adds tool-use instructions, meaningless here.
 */
const WRAPPER_SETTINGS = {
  "llama3.1": { todayDate: null, noToolInstructions: true },
  "llama3.2-lightweight": { todayDate: null },
  harmony: { todayDate: null },
};

/**
 * A `--model-path` that cannot be a model: missing, a directory, empty, or not a GGUF file. A bad input file, so
 * the CLI prints its one line and exits 2, like a damaged recording.
 * @example
 * new ModelFileUnusable("models/x.gguf", "the file is empty").message; // "cannot load model models/x.gguf: the file is empty"
 */
export class ModelFileUnusable extends Error {
  constructor(readonly file: string, problem: string) {
    super(problem === "" ? `model file not found: ${file}` : `cannot load model ${file}: ${problem}`);
    this.name = "ModelFileUnusable";
  }
}

/** Every GGUF file starts with these four bytes (gguf.h, GGUF_MAGIC). */
const GGUF_MAGIC = Buffer.from("GGUF", "ascii");

/**
 * Checks that `modelPath` can be a GGUF model without loading it (cheap, so a run checks it before creating its
 * directory): throws {@link ModelFileUnusable} naming the file if it is missing, a directory, empty, or does not start
 * with the GGUF magic bytes. A file that passes may still fail to load (truncated tensors): {@link LlamaBackend.load}
 * reports that.
 * @example
 * checkModelFile("models/qwen2.5-1.5b-instruct-q4_k_m.gguf"); // returns; throws ModelFileUnusable for "README.md"
 */
export function checkModelFile(modelPath: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(modelPath);
  } catch {
    throw new ModelFileUnusable(modelPath, "");
  }
  if (stat.isDirectory()) throw new ModelFileUnusable(modelPath, "a directory, not a GGUF file");
  if (stat.size === 0) throw new ModelFileUnusable(modelPath, "the file is empty");
  const head = Buffer.alloc(GGUF_MAGIC.length);
  let read: number;
  try {
    const fd = fs.openSync(modelPath, "r");
    try {
      read = fs.readSync(fd, head, 0, head.length, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    throw new ModelFileUnusable(modelPath, `not readable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (read < head.length || !head.equals(GGUF_MAGIC)) throw new ModelFileUnusable(modelPath, 'not a GGUF file (it does not start with "GGUF")');
}

/** The embedded backend's model file and settings (`--model-path`, `--threads`). */
export interface LlamaBackendOptions {
  /** A GGUF model file. */
  modelPath: string;
  /** Model id recorded in manifests and cache keys; default the file's name. */
  model?: string;
  /** CPU threads of the context. Default 1: more made small generations far slower on the 2-core machines here. */
  threads?: number;
  /** Tokens of the context window (prompt plus answer). Default 4096. */
  contextSize?: number;
  /** Sampling seed for requests that carry none (matters only at temperature > 0). */
  seed?: number;
}

/**
 * GBNF for an answer schema: a JSON object of the schema's number properties, in the schema's order, with fixed
 * spacing and each value pinned to a propensity in [0, 1] — "0", "0.d", "0.dd", "1", "1.0" or "1.00". Written by
 * hand because node-llama-cpp's JSON-schema grammar ignores minimum/maximum, and because free whitespace lets a
 * small model pad an answer with blanks up to the token limit.
 *
 * @example
 * answerGrammar({ name: "decision", schema: { type: "object", properties: { work: { type: "number" } } } });
 * // root ::= "{" "\"work\"" ": " unit "}"  (plus the unit rule)
 */
export function answerGrammar(answer: AnswerSchema): string {
  const properties = answer.schema.properties;
  if (typeof properties !== "object" || properties === null || Object.keys(properties).length === 0) {
    throw new Error(`answer schema "${answer.name}" has no properties to constrain`);
  }
  const fields = Object.entries(properties as Record<string, Record<string, unknown>>).map(([key, spec]) => {
    const min = spec.minimum ?? 0;
    const max = spec.maximum ?? 1;
    if (spec.type !== "number" || typeof min !== "number" || typeof max !== "number" || min < 0 || max > 1) {
      throw new Error(
        `answer schema "${answer.name}": property "${key}" is not a number in [0, 1], the only kind the llama backend constrains`,
      );
    }
    return `${gbnfLiteral(JSON.stringify(key))} ": " unit`;
  });
  return [
    `root ::= "{" ${fields.join(' ", " ')} "}"`,
    `unit ::= "0" ("." [0-9] [0-9]?)? | "1" (".0" "0"?)?`,
    "",
  ].join("\n");
}

function gbnfLiteral(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** OpenAI roles to node-llama-cpp chat history, ending with the empty model turn to be generated. */
function chatHistory(messages: readonly ChatMessage[]): HistoryItem[] {
  const history: HistoryItem[] = messages.map((m) =>
    m.role === "assistant" ? { type: "model", response: [m.content] } : { type: m.role, text: m.content },
  );
  history.push({ type: "model", response: [] });
  return history;
}

/**
 * An embedded model (node-llama-cpp, CPU only) behind the same interface as an OpenAI-compatible server. The
 * model's own chat template renders the messages (node-llama-cpp picks it from the GGUF); answers with a schema
 * are grammar-constrained (answerGrammar). Calls run one at a time on one context sequence whose history is
 * cleared before each call, so every answer depends on its request only: at temperature 0 the same request
 * always gets the same answer. No repeat penalty is applied: it would push the numbers of an answer away from
 * those in the prompt.
 *
 * @example
 * const backend = await LlamaBackend.load({ modelPath: "models/qwen2.5-1.5b-instruct-q4_k_m.gguf" });
 * const { content } = await backend.complete({ messages, maxTokens: 100, temperature: 0, schema: DECISION_SCHEMA });
 * await backend.close();
 */
export class LlamaBackend implements ChatBackend {
  readonly kind = "llama";
  readonly settings: Readonly<Record<string, unknown>>;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly grammars = new Map<string, Promise<Grammar>>();
  private closed = false;

  private constructor(
    readonly model: string,
    private readonly llama: Llama,
    private readonly loaded: Model,
    private readonly context: Context,
    private readonly sequence: Sequence,
    private readonly chat: Chat,
    private readonly options: Required<Omit<LlamaBackendOptions, "model" | "seed">> & { seed: number | null },
  ) {
    this.settings = Object.freeze({
      modelPath: path.basename(options.modelPath),
      threads: options.threads,
      contextSize: options.contextSize,
      seed: options.seed,
      chatFormat: chat.chatWrapper.wrapperName,
    });
  }

  /** Loads the model (CPU, prebuilt binary; never downloads or builds). Throws an Error naming the file if it cannot. */
  static async load(options: LlamaBackendOptions): Promise<LlamaBackend> {
    const { modelPath, threads = 1, contextSize = 4096, seed } = options;
    if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be a positive integer, got ${threads}`);
    if (!Number.isInteger(contextSize) || contextSize < 16) throw new Error(`contextSize must be an integer ≥ 16, got ${contextSize}`);
    checkModelFile(modelPath);
    const lib = (await importEsm("node-llama-cpp")) as NodeLlamaCpp;
    const llama = await lib.getLlama({ gpu: false, build: "never", skipDownload: true });
    let model: Model | undefined;
    try {
      model = await llama.loadModel({ modelPath });
      const context = await model.createContext({ contextSize, threads, sequences: 1 });
      const sequence = context.getSequence();
      const chatWrapper = lib.resolveChatWrapper(model, { customWrapperSettings: WRAPPER_SETTINGS });
      const chat = new lib.LlamaChat({ contextSequence: sequence, chatWrapper });
      return new LlamaBackend(options.model ?? path.basename(modelPath), llama, model, context, sequence, chat, {
        modelPath, threads, contextSize, seed: seed ?? null,
      });
    } catch (error) {
      await model?.dispose();
      await llama.dispose();
      throw new Error(`cannot load model ${modelPath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  complete(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    const result = this.tail.then(() => this.generate(request, signal));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Waits for calls in progress, then frees the context, the model and the native library. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tail;
    this.chat.dispose();
    await this.context.dispose();
    await this.loaded.dispose();
    await this.llama.dispose();
  }

  private async generate(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    if (this.closed) throw new LlmCallError("client", "the llama backend is closed");
    signal?.throwIfAborted();
    const history = chatHistory(request.messages);
    const seed = request.seed ?? this.options.seed;
    try {
      const grammar = request.schema ? await this.grammar(request.schema) : undefined;
      this.checkFits(history, request.maxTokens);
      await this.sequence.clearHistory();
      const before = this.sequence.tokenMeter.getState();
      const { response } = await this.chat.generateResponse(history, {
        maxTokens: request.maxTokens,
        temperature: request.temperature,
        repeatPenalty: false,
        ...(seed === null ? {} : { seed }),
        ...(grammar ? { grammar } : {}),
        ...(signal ? { signal } : {}),
      });
      const after = this.sequence.tokenMeter.getState();
      return {
        content: response,
        usage: {
          inputTokens: after.usedInputTokens - before.usedInputTokens,
          outputTokens: after.usedOutputTokens - before.usedOutputTokens,
          cachedTokens: null,
        },
      };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof LlmCallError) throw error;
      throw new LlmCallError("server", `llama generation failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** A prompt that does not fit would be silently cut by node-llama-cpp's context shift: refuse it instead. */
  private checkFits(history: HistoryItem[], maxTokens: number): void {
    const promptTokens = this.chat.chatWrapper.generateContextState({ chatHistory: history }).contextText
      .tokenize(this.loaded.tokenizer).length;
    if (promptTokens + maxTokens > this.options.contextSize) {
      throw new LlmCallError(
        "client",
        `prompt (${promptTokens} tokens) plus maxTokens (${maxTokens}) exceeds the context size ${this.options.contextSize}`,
      );
    }
  }

  private grammar(answer: AnswerSchema): Promise<Grammar> {
    const key = JSON.stringify(answer);
    let grammar = this.grammars.get(key);
    if (!grammar) {
      let gbnf: string;
      try {
        gbnf = answerGrammar(answer);
      } catch (error) {
        throw new LlmCallError("client", (error as Error).message);
      }
      grammar = this.llama.createGrammar({ grammar: gbnf });
      grammar.catch(() => this.grammars.delete(key));
      this.grammars.set(key, grammar);
    }
    return grammar;
  }
}
