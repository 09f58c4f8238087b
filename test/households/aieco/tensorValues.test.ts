/** tensorValues: the values of the returned tensors, read after the tidy, with every tensor freed. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { tensorflow, tensorValues, tf } from "../../../lib/households/aieco/tf.js";

test("tensorValues returns each tensor's float32 values and leaves no tensor behind", async () => {
  await tensorflow();
  const before = tf.memory().numTensors;
  const [sums, squares] = tensorValues(() => {
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    return [tf.sum(x, 1), tf.square(x)];
  });
  assert.ok(sums instanceof Float32Array);
  assert.deepEqual(Array.from(sums), [6, 15]);
  assert.deepEqual(Array.from(squares), [1, 4, 9, 16, 25, 36]);
  assert.equal(tf.memory().numTensors, before, "the inputs, intermediates and results are all disposed");
});

test("a throwing computation frees what it made and throws", async () => {
  await tensorflow();
  const before = tf.memory().numTensors;
  assert.throws(
    () =>
      tensorValues(() => {
        tf.ones([2, 2]);
        throw new Error("on purpose");
      }),
    /on purpose/,
  );
  assert.equal(tf.memory().numTensors, before);
});
