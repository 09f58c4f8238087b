import * as fs from "node:fs";
import seedrandom from "seedrandom";

/**
 * A tiny random-weight llama model in GGUF v3, for testing the embedded-model path without downloading weights.
 * It loads in well under a second and follows a grammar, but its words are noise: test shape, plumbing and
 * determinism with it, never economics.
 */
export interface TinyGgufOptions {
  /** Seed of the random weights; the same seed gives the same bytes. Default 1. */
  seed?: number;
  /** Model width (embedding length). Default 64. */
  embedding?: number;
  /** Transformer blocks. Default 2. */
  blocks?: number;
}

/** The vocabulary: SentencePiece-style specials, byte fallback tokens for every byte, and the word-boundary mark. */
export const TINY_VOCAB: readonly string[] = [
  "<unk>",
  "<s>",
  "</s>",
  ...Array.from({ length: 256 }, (_, b) => `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`),
  "\u2581",
];

// GGUF metadata value types and the F32 tensor type (ggml.h / gguf.h).
const UINT32 = 4;
const INT32 = 5;
const FLOAT32 = 6;
const BOOL = 7;
const STRING = 8;
const ARRAY = 9;
const TENSOR_F32 = 0;
const ALIGNMENT = 32;

// llama.cpp token types.
const TOKEN_NORMAL = 1;
const TOKEN_UNKNOWN = 2;
const TOKEN_CONTROL = 3;
const TOKEN_BYTE = 6;

type MetaValue =
  | { type: typeof UINT32 | typeof FLOAT32 | typeof BOOL; value: number | boolean }
  | { type: typeof STRING; value: string }
  | { type: typeof ARRAY; of: typeof STRING | typeof INT32 | typeof FLOAT32; values: readonly (string | number)[] };

interface Tensor {
  name: string;
  /** Sizes fastest-varying first, as GGUF stores them. */
  dims: number[];
  fill: "ones" | "random";
}

/** Appends little-endian GGUF primitives to a growing list of chunks. */
class GgufBuffer {
  private readonly chunks: Buffer[] = [];
  length = 0;

  private push(b: Buffer): void {
    this.chunks.push(b);
    this.length += b.length;
  }
  u32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.push(b);
  }
  i32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    this.push(b);
  }
  u64(v: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  f32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.push(b);
  }
  bool(v: boolean): void {
    this.push(Buffer.from([v ? 1 : 0]));
  }
  string(s: string): void {
    const b = Buffer.from(s, "utf8");
    this.u64(b.length);
    this.push(b);
  }
  bytes(b: Buffer): void {
    this.push(b);
  }
  padTo(alignment: number): void {
    const pad = (alignment - (this.length % alignment)) % alignment;
    if (pad > 0) this.push(Buffer.alloc(pad));
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.chunks, this.length);
  }
}

function writeValue(out: GgufBuffer, v: MetaValue): void {
  out.u32(v.type);
  if (v.type === STRING) out.string(v.value);
  else if (v.type === ARRAY) {
    out.u32(v.of);
    out.u64(v.values.length);
    for (const x of v.values) {
      if (v.of === STRING) out.string(x as string);
      else if (v.of === INT32) out.i32(x as number);
      else out.f32(x as number);
    }
  } else if (v.type === UINT32) out.u32(v.value as number);
  else if (v.type === FLOAT32) out.f32(v.value as number);
  else out.bool(v.value as boolean);
}

function metadata(embedding: number, blocks: number, heads: number, feedForward: number): [string, MetaValue][] {
  const u32 = (value: number): MetaValue => ({ type: UINT32, value });
  const tokenType = (t: string, i: number): number =>
    i === 0 ? TOKEN_UNKNOWN : i < 3 ? TOKEN_CONTROL : t.startsWith("<0x") ? TOKEN_BYTE : TOKEN_NORMAL;
  return [
    ["general.architecture", { type: STRING, value: "llama" }],
    ["general.name", { type: STRING, value: "tiny-random-llama" }],
    ["general.alignment", u32(ALIGNMENT)],
    ["llama.context_length", u32(4096)],
    ["llama.embedding_length", u32(embedding)],
    ["llama.block_count", u32(blocks)],
    ["llama.feed_forward_length", u32(feedForward)],
    ["llama.attention.head_count", u32(heads)],
    ["llama.attention.head_count_kv", u32(heads)],
    ["llama.attention.layer_norm_rms_epsilon", { type: FLOAT32, value: 1e-5 }],
    ["llama.rope.dimension_count", u32(embedding / heads)],
    ["llama.rope.freq_base", { type: FLOAT32, value: 10000 }],
    ["tokenizer.ggml.model", { type: STRING, value: "llama" }],
    ["tokenizer.ggml.tokens", { type: ARRAY, of: STRING, values: TINY_VOCAB }],
    ["tokenizer.ggml.scores", { type: ARRAY, of: FLOAT32, values: TINY_VOCAB.map((t) => (t === "\u2581" ? -1 : 0)) }],
    ["tokenizer.ggml.token_type", { type: ARRAY, of: INT32, values: TINY_VOCAB.map(tokenType) }],
    ["tokenizer.ggml.unknown_token_id", u32(0)],
    ["tokenizer.ggml.bos_token_id", u32(1)],
    ["tokenizer.ggml.eos_token_id", u32(2)],
    ["tokenizer.ggml.add_bos_token", { type: BOOL, value: true }],
    ["tokenizer.ggml.add_eos_token", { type: BOOL, value: false }],
  ];
}

function tensors(embedding: number, blocks: number, feedForward: number, vocab: number): Tensor[] {
  const list: Tensor[] = [
    { name: "token_embd.weight", dims: [embedding, vocab], fill: "random" },
    { name: "output_norm.weight", dims: [embedding], fill: "ones" },
    { name: "output.weight", dims: [embedding, vocab], fill: "random" },
  ];
  for (let n = 0; n < blocks; n++) {
    const b = `blk.${n}.`;
    list.push(
      { name: `${b}attn_norm.weight`, dims: [embedding], fill: "ones" },
      { name: `${b}attn_q.weight`, dims: [embedding, embedding], fill: "random" },
      { name: `${b}attn_k.weight`, dims: [embedding, embedding], fill: "random" },
      { name: `${b}attn_v.weight`, dims: [embedding, embedding], fill: "random" },
      { name: `${b}attn_output.weight`, dims: [embedding, embedding], fill: "random" },
      { name: `${b}ffn_norm.weight`, dims: [embedding], fill: "ones" },
      { name: `${b}ffn_gate.weight`, dims: [embedding, feedForward], fill: "random" },
      { name: `${b}ffn_up.weight`, dims: [embedding, feedForward], fill: "random" },
      { name: `${b}ffn_down.weight`, dims: [feedForward, embedding], fill: "random" },
    );
  }
  return list;
}

/** The model file as bytes (see writeTinyGguf). */
export function tinyGgufBytes(options: TinyGgufOptions = {}): Buffer {
  const { seed = 1, embedding = 64, blocks = 2 } = options;
  const heads = 4;
  if (!Number.isInteger(embedding) || embedding <= 0 || embedding % (heads * 2) !== 0) {
    throw new Error(`embedding must be a positive multiple of ${heads * 2}, got ${embedding}`);
  }
  if (!Number.isInteger(blocks) || blocks < 1) throw new Error(`blocks must be a positive integer, got ${blocks}`);
  const feedForward = 2 * embedding;
  const meta = metadata(embedding, blocks, heads, feedForward);
  const infos = tensors(embedding, blocks, feedForward, TINY_VOCAB.length);

  const out = new GgufBuffer();
  out.bytes(Buffer.from("GGUF", "ascii"));
  out.u32(3);
  out.u64(infos.length);
  out.u64(meta.length);
  for (const [key, value] of meta) {
    out.string(key);
    writeValue(out, value);
  }
  const sizes = infos.map((t) => t.dims.reduce((a, d) => a * d, 1) * 4);
  let offset = 0;
  infos.forEach((t, i) => {
    out.string(t.name);
    out.u32(t.dims.length);
    for (const d of t.dims) out.u64(d);
    out.u32(TENSOR_F32);
    out.u64(offset);
    offset += Math.ceil(sizes[i] / ALIGNMENT) * ALIGNMENT;
  });
  out.padTo(ALIGNMENT);

  // Uniform weights scaled by 1/sqrt(fan-in) keep activations of order one through the blocks.
  const random = seedrandom.alea(String(seed));
  infos.forEach((t, i) => {
    const data = Buffer.alloc(sizes[i]);
    const scale = Math.sqrt(3 / t.dims[0]);
    for (let k = 0; k < sizes[i] / 4; k++) {
      data.writeFloatLE(t.fill === "ones" ? 1 : (2 * random() - 1) * scale, 4 * k);
    }
    out.bytes(data);
    out.padTo(ALIGNMENT);
  });
  return out.toBuffer();
}

/**
 * Writes the tiny random-weight llama model (GGUF v3, F32 tensors, byte-fallback vocabulary of 260 tokens) to
 * `file`. Deterministic: the same options give the same bytes. The defaults (64 wide, 2 blocks) make ≈ 470 KB.
 *
 * @example
 * const file = path.join(os.tmpdir(), "tiny.gguf");
 * writeTinyGguf(file, { seed: 7 });
 * const backend = await LlamaBackend.load({ modelPath: file });
 */
export function writeTinyGguf(file: string, options: TinyGgufOptions = {}): void {
  fs.writeFileSync(file, tinyGgufBytes(options));
}
