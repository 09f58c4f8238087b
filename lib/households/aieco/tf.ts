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
