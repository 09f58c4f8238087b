import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { importEsm } from "../../lib/llm/importEsm.js";
import { TINY_VOCAB, tinyGgufBytes, writeTinyGguf } from "../../lib/llm/tinyGguf.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tiny-gguf-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

// Data: two 260×64 vocabulary matrices and the output norm, then per block four 64×64 attention matrices,
// three 64×128 feed-forward matrices and two norms; every size is already a multiple of 32 bytes.
const DATA_BYTES = 4 * (2 * 260 * 64 + 64 + 2 * (4 * 64 * 64 + 3 * 64 * 128 + 2 * 64));

test("the file is GGUF v3 with 21 tensors, 21 metadata keys and ≈ 470 KB of which 462,080 bytes are weights", () => {
  const file = path.join(dir, "tiny.gguf");
  writeTinyGguf(file);
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(0, 4).toString("ascii"), "GGUF");
  assert.equal(bytes.readUInt32LE(4), 3);
  assert.equal(bytes.readBigUInt64LE(8), 21n);
  assert.equal(bytes.readBigUInt64LE(16), 21n);
  assert.equal(DATA_BYTES, 462_080);
  assert.equal(bytes.length, 469_952);
  assert.equal(bytes.length % 32, 0);
});

test("node-llama-cpp's own GGUF reader sees the llama metadata, the vocabulary and 32-byte aligned tensors", async () => {
  const file = path.join(dir, "tiny.gguf");
  writeTinyGguf(file);
  const { readGgufFileInfo } = await importEsm("node-llama-cpp");
  const info = await readGgufFileInfo(file);
  assert.equal(info.version, 3);
  assert.equal(info.metadata.general.architecture, "llama");
  assert.deepEqual(
    { ...info.metadata.llama, attention: { ...info.metadata.llama.attention, layer_norm_rms_epsilon: 0 } },
    {
      context_length: 4096,
      embedding_length: 64,
      block_count: 2,
      feed_forward_length: 128,
      attention: { head_count: 4, head_count_kv: 4, layer_norm_rms_epsilon: 0 },
      rope: { dimension_count: 16, freq_base: 10000 },
    },
  );
  const ggml = info.metadata.tokenizer.ggml;
  assert.equal(ggml.model, "llama");
  assert.equal(ggml.tokens.length, 260);
  assert.deepEqual(ggml.tokens.slice(0, 4), ["<unk>", "<s>", "</s>", "<0x00>"]);
  assert.equal(ggml.tokens[258], "<0xFF>");
  assert.equal(ggml.tokens[259], "\u2581");
  assert.deepEqual([...ggml.token_type.slice(0, 4), ggml.token_type[258], ggml.token_type[259]], [2, 3, 3, 6, 6, 1]);
  assert.equal(ggml.scores.length, 260);
  assert.deepEqual([ggml.bos_token_id, ggml.eos_token_id, ggml.unknown_token_id], [1, 2, 0]);
  assert.deepEqual(TINY_VOCAB, ggml.tokens);

  const tensors: { name: string; dimensions: number[]; ggmlType: number; fileOffset: number }[] = info.fullTensorInfo;
  assert.deepEqual(tensors.slice(0, 3).map((t) => [t.name, t.dimensions]), [
    ["token_embd.weight", [64, 260]],
    ["output_norm.weight", [64]],
    ["output.weight", [64, 260]],
  ]);
  assert.deepEqual(tensors.slice(3, 12).map((t) => t.name), [
    "blk.0.attn_norm.weight", "blk.0.attn_q.weight", "blk.0.attn_k.weight", "blk.0.attn_v.weight",
    "blk.0.attn_output.weight", "blk.0.ffn_norm.weight", "blk.0.ffn_gate.weight", "blk.0.ffn_up.weight",
    "blk.0.ffn_down.weight",
  ]);
  assert.deepEqual(tensors[20].dimensions, [128, 64]);
  assert.ok(tensors.every((t) => t.ggmlType === 0 && t.fileOffset % 32 === 0));
  const last = tensors[20];
  assert.equal(last.fileOffset + 4 * 128 * 64, fs.statSync(file).size);
  assert.equal(fs.statSync(file).size - tensors[0].fileOffset, DATA_BYTES);
});

test("the same seed writes the same bytes; another seed other weights of the same layout", () => {
  const a = path.join(dir, "a.gguf");
  const b = path.join(dir, "b.gguf");
  writeTinyGguf(a, { seed: 5 });
  writeTinyGguf(b, { seed: 5 });
  assert.ok(fs.readFileSync(a).equals(fs.readFileSync(b)));
  const other = tinyGgufBytes({ seed: 6 });
  assert.equal(other.length, fs.statSync(a).size);
  assert.ok(!other.equals(fs.readFileSync(a)));
  assert.ok(other.subarray(0, other.length - DATA_BYTES).equals(fs.readFileSync(a).subarray(0, other.length - DATA_BYTES)));
});

test("width and depth are options; impossible ones throw", () => {
  assert.equal(tinyGgufBytes({ embedding: 32, blocks: 1 }).readBigUInt64LE(8), 12n);
  assert.throws(() => tinyGgufBytes({ embedding: 60 }), /embedding must be a positive multiple of 8, got 60/);
  assert.throws(() => tinyGgufBytes({ blocks: 0 }), /blocks must be a positive integer, got 0/);
});
