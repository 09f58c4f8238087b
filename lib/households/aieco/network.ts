import type * as Tf from "@tensorflow/tfjs";
import { tf } from "./tf.js";
import type { Rng } from "../../rng.js";

/** One dense layer as plain JSON: `weights[i][j]` maps input i to output j. */
export interface DenseJson {
  weights: number[][];
  bias: number[];
}

interface Dense {
  w: Tf.Variable;
  /** The bias as a [1, outputs] row. */
  b: Tf.Variable;
}

/**
 * A multilayer perceptron: tanh hidden layers, then a linear output layer whose columns are split into heads
 * (the policy's work logit and 51 consumption logits; the critic's single value). Each head has its own weights,
 * so the heads never have to be sliced out of one matrix (column slices are slow on tfjs's CPU backend); stored,
 * the heads are one output layer, columns in head order. Households share one network (parameter sharing, as in
 * the AI Economist): a batch row is a household.
 * @example
 * const policy = Mlp.init([12, 64, 64], [1, 51], createRng(1), 0.01);
 * policy.sizes; // [12, 64, 64, 52]
 * const [work, consumption] = policy.apply(observations); // observations [N, 12] → tensors [N, 1] and [N, 51]
 */
export class Mlp {
  private constructor(
    private readonly hidden: Dense[],
    private readonly heads: Dense[],
  ) {}

  /**
   * Glorot-uniform weights drawn from `rng` (so training is reproducible from its seed), zero biases; the output
   * layer is scaled by `outputScale` (0.01 for a policy gives near-uniform initial action probabilities).
   * @example
   * const policy = Mlp.init([12, 64, 64], [1, 51], createRng(1), 0.01);
   */
  static init(sizes: readonly number[], headSizes: readonly number[], rng: Rng, outputScale = 1): Mlp {
    const hidden: Dense[] = [];
    for (let k = 0; k + 1 < sizes.length; k++) hidden.push(dense(glorot(sizes[k], sizes[k + 1], rng, 1), sizes[k], sizes[k + 1]));
    const fanIn = sizes[sizes.length - 1];
    const outputs = headSizes.reduce((a, b) => a + b, 0);
    const heads = headSizes.map((size) => dense(glorot(fanIn, size, rng, outputScale, outputs), fanIn, size));
    return new Mlp(hidden, heads);
  }

  /** Rebuild from stored layers; the last one is split into heads of `headSizes` columns. */
  static fromJson(layers: readonly DenseJson[], headSizes: readonly number[]): Mlp {
    const hidden = layers.slice(0, -1).map((layer) => dense(Float32Array.from(layer.weights.flat()), layer.weights.length, layer.bias.length, layer.bias));
    const last = layers[layers.length - 1];
    let column = 0;
    const heads = headSizes.map((size) => {
      const from = column;
      column += size;
      const w = Float32Array.from(last.weights.flatMap((row) => row.slice(from, from + size)));
      return dense(w, last.weights.length, size, last.bias.slice(from, from + size));
    });
    return new Mlp(hidden, heads);
  }

  /** Layer sizes, inputs first, the heads together as the last. */
  get sizes(): number[] {
    const sizes = [this.hidden.length ? this.hidden[0].w.shape[0] : this.heads[0].w.shape[0]];
    for (const layer of this.hidden) sizes.push(layer.w.shape[1] as number);
    sizes.push(this.heads.reduce((acc, head) => acc + (head.w.shape[1] as number), 0));
    return sizes;
  }

  get variables(): Tf.Variable[] {
    return [...this.hidden, ...this.heads].flatMap((layer) => [layer.w, layer.b]);
  }

  /**
   * Forward pass: tanh hidden layers, then each head's linear output. The bias row is added as the product of a
   * column of ones with it: the same sums as broadcasting, but tfjs's CPU backend broadcasts element by element
   * through index arithmetic (a fifth of training time) and multiplies matrices on a fast path.
   */
  apply(x: Tf.Tensor2D): Tf.Tensor2D[] {
    const ones = tf.ones([x.shape[0], 1]);
    const affine = (h: Tf.Tensor2D, layer: Dense) => tf.add(tf.matMul(h, layer.w), tf.matMul(ones, layer.b)) as Tf.Tensor2D;
    let h = x;
    for (const layer of this.hidden) h = tf.tanh(affine(h, layer));
    return this.heads.map((head) => affine(h, head));
  }

  /** The weights as JSON numbers with 9 significant digits: enough to restore every float32 exactly. */
  toJson(): DenseJson[] {
    const hidden = this.hidden.map(({ w, b }) => ({ weights: rows(w), bias: numbers(b.dataSync()) }));
    const headRows = this.heads.map(({ w }) => rows(w));
    const weights = headRows[0].map((_, i) => headRows.flatMap((head) => head[i]));
    return [...hidden, { weights, bias: this.heads.flatMap(({ b }) => numbers(b.dataSync())) }];
  }

  /** Free the network's tensors. */
  dispose(): void {
    for (const variable of this.variables) variable.dispose();
  }
}

function glorot(fanIn: number, fanOut: number, rng: Rng, scale: number, layerOutputs = fanOut): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + layerOutputs)) * scale;
  const w = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < w.length; i++) w[i] = rng.uniform(-limit, limit);
  return w;
}

function dense(w: Float32Array, fanIn: number, fanOut: number, bias?: number[]): Dense {
  return {
    w: tf.variable(tf.tensor2d(w, [fanIn, fanOut])),
    b: tf.variable(bias ? tf.tensor2d(bias, [1, fanOut]) : tf.zeros([1, fanOut])),
  };
}

const numbers = (values: ArrayLike<number>) => Array.from(values, (v) => Number(v.toPrecision(9)));

function rows(w: Tf.Variable): number[][] {
  const [n, m] = w.shape as [number, number];
  const values = w.dataSync();
  const out: number[][] = [];
  for (let i = 0; i < n; i++) out.push(numbers(values.subarray(i * m, (i + 1) * m)));
  return out;
}
