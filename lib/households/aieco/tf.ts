import * as tf from "@tensorflow/tfjs";

let ready: Promise<typeof tf> | undefined;

/**
 * TensorFlow.js on its pure-JavaScript CPU backend: deterministic (the same operations in the same order give
 * the same float32 results) and with nothing native to install. Production mode silences the "looks like you are
 * running TensorFlow.js in Node.js" banner, a suggestion to install the native backend.
 * @example
 * const tf = await tensorflow(); tf.tensor([1, 2]).square();
 */
export function tensorflow(): Promise<typeof tf> {
  ready ??= (async () => {
    tf.env().set("PROD", true);
    await tf.setBackend("cpu");
    return tf;
  })();
  return ready;
}
