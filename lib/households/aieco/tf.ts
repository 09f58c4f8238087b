import type * as Tf from "@tensorflow/tfjs";
import { lazyModule } from "../../lazy.js";

/**
 * TensorFlow.js, loaded on first use: only runs with AI-Economist households and training load it (0.5 s).
 * Call {@link tensorflow} before computing with it.
 *
 * @example
 * const t = tf.tensor([1, 2]);
 */
export const tf = lazyModule<typeof Tf>(() => require("@tensorflow/tfjs"));

let ready: Promise<typeof Tf> | undefined;

/**
 * TensorFlow.js on its pure-JavaScript CPU backend: deterministic (the same operations in the same order give
 * the same float32 results) and with nothing native to install. Production mode silences the "looks like you are
 * running TensorFlow.js in Node.js" banner, a suggestion to install the native backend.
 * @example
 * const tf = await tensorflow(); tf.tensor([1, 2]).square();
 */
export function tensorflow(): Promise<typeof Tf> {
  ready ??= (async () => {
    tf.env().set("PROD", true);
    await tf.setBackend("cpu");
    return tf;
  })();
  return ready;
}

/**
 * The values of the tensors `compute` returns, every tensor it made freed. The values are read after the
 * `tf.tidy`, not inside it: tidy walks whatever its function returns key by key to find the tensors to keep, and a
 * typed array of N × 51 log-probabilities is walked element by element (a fifth of an AI-Economist run's time).
 * @example
 * const [doubled] = tensorValues(() => [tf.mul(tf.tensor1d([1, 2]), 2)]); // Float32Array [2, 4]
 */
export function tensorValues(compute: () => Tf.Tensor[]): Float32Array[] {
  const tensors = tf.tidy(compute);
  try {
    return tensors.map((t) => t.dataSync() as Float32Array);
  } finally {
    tf.dispose(tensors);
  }
}
