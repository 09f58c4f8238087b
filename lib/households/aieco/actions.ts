import type * as Tf from "@tensorflow/tfjs";
import { tensorValues, tf } from "./tf.js";
import type { Mlp } from "./network.js";
import { OBSERVATION_SIZE } from "./observation.js";

/**
 * The AI-Economist household's action: work (Bernoulli, so the network gives one logit and the economy's own
 * eq. 5 draw is the sample) and a consumption share on the 0.02 grid (a categorical over 0, 0.02, …, 1).
 */
export const CONSUMPTION_STEP = 0.02;
/**
 * The consumption shares the policy chooses from: 0, 0.02, …, 1.
 * @example
 * (CONSUMPTION_CHOICES - 1) * CONSUMPTION_STEP; // 1
 */
export const CONSUMPTION_CHOICES = 51;
/** The policy network's heads: the work logit, then the 51 consumption logits (stored in this column order). */
export const POLICY_HEADS = [1, CONSUMPTION_CHOICES] as const;

/** The policy's action distribution for N households: a work logit and 51 consumption log-probabilities each. */
export interface ActionDistribution {
  /** The work logit z per household: P(work) = σ(z). */
  workLogit: Float32Array;
  /** log P(consumption = k·0.02), row-major N × 51. */
  consumptionLogp: Float32Array;
}

/**
 * The policy's action distribution for N households' observations (row-major N × OBSERVATION_SIZE).
 * @example
 * const policy = Mlp.init([12, 64, 64], POLICY_HEADS, createRng(1), 0.01);
 * const { workLogit, consumptionLogp } = actionDistribution(policy, new Float32Array(2 * OBSERVATION_SIZE), 2);
 * // workLogit: Float32Array of length 2; consumptionLogp: Float32Array of length 2 · 51, each row's exp summing to 1
 * // (here, zero biases and all-zero observations: workLogit [0, 0], every consumptionLogp ln(1/51) = -3.93…)
 */
export function actionDistribution(policy: Mlp, observations: Float32Array, n: number): ActionDistribution {
  const [workLogit, consumptionLogp] = tensorValues(() => {
    const [work, consumption] = policy.apply(tf.tensor2d(observations, [n, OBSERVATION_SIZE]));
    return [work, logSoftmaxRows(consumption)];
  });
  return { workLogit, consumptionLogp };
}

/**
 * σ(z) = P(work) for a work logit z.
 * @example
 * workProbability(0); // 0.5
 */
export const workProbability = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * log P(l | z) for l ∈ {0, 1}: l·z − softplus(z), computed stably.
 * @example
 * workLogProbability(1, 0); // -0.693… = log 0.5
 */
export function workLogProbability(worked: number, z: number): number {
  const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  return worked * z - softplus;
}

/**
 * Draw from row `row` of a categorical given as log-probabilities, with a uniform `u` ∈ [0, 1) (inverse CDF).
 * @example
 * sampleChoice(Float32Array.from([Math.log(0.25), Math.log(0.75)]), 0, 2, 0.5); // 1
 */
export function sampleChoice(logp: Float32Array, row: number, k: number, u: number): number {
  let cumulative = 0;
  let last = 0;
  for (let j = 0, at = row * k; j < k; j++, at++) {
    const p = Math.exp(logp[at]);
    if (p > 0) last = j;
    cumulative += p;
    if (u < cumulative) return j;
  }
  return last; // float32 probabilities may sum to slightly less than 1
}

/**
 * The most probable choice of row `row` (the first on ties).
 * @example
 * modeChoice(Float32Array.from([-2, -0.5, -0.5, -3, -0.1, -2.5]), 1, 3); // 1: row 1 is [-3, -0.1, -2.5]
 */
export function modeChoice(logp: Float32Array, row: number, k: number): number {
  let best = 0;
  for (let j = 1, at = row * k; j < k; j++) if (logp[at + j] > logp[at + best]) best = j;
  return best;
}

/**
 * Row sums and row-wise log-softmax of a matrix, written with products by columns and rows of ones: tfjs's CPU
 * backend broadcasts a [B, 1] column against a [B, K] matrix element by element through index arithmetic
 * (a fifth of training time in `tf.logSoftmax` and `tf.sum`), and a product with ones gives the same numbers on its
 * matrix-multiplication path. The shift by the row maximum (for stability) is a constant: log-softmax does not
 * depend on it.
 */
function rowSums(x: Tf.Tensor2D): Tf.Tensor1D {
  return tf.reshape(tf.matMul(x, tf.ones([x.shape[1], 1])), [x.shape[0]]);
}

function logSoftmaxRows(z: Tf.Tensor2D): Tf.Tensor2D {
  const [n, k] = z.shape;
  const spread = tf.ones([1, k]);
  const shift = tf.tensor2d(tf.max(z, 1).dataSync(), [n, 1]);
  const shifted = tf.sub(z, tf.matMul(shift, spread));
  const logNormalizer = tf.log(tf.matMul(tf.exp(shifted), tf.ones([k, 1])));
  return tf.sub(shifted, tf.matMul(logNormalizer, spread));
}

/**
 * log π(work, consumption | observation) and the policy's entropy for a batch, as tensors (for the PPO loss).
 * `worked` holds 0/1, `choice` the consumption index.
 * @example
 * const policy = Mlp.init([12, 64, 64], POLICY_HEADS, createRng(1), 0.01);
 * const { logp, entropy } = logProbAndEntropy(policy, tf.zeros([1, 12]), tf.tensor1d([1]), tf.tensor1d([25]));
 * // Tensor1D of length 1 each; for this uniform start logp = ln(0.5) + ln(1/51) = -4.62…, entropy = ln 2 + ln 51 = 4.62…
 */
export function logProbAndEntropy(
  policy: Mlp,
  observations: Tf.Tensor2D,
  worked: Tf.Tensor1D,
  choice: Tf.Tensor1D,
): { logp: Tf.Tensor1D; entropy: Tf.Tensor1D } {
  const [workColumn, consumption] = policy.apply(observations);
  const workLogit = tf.reshape(workColumn, [observations.shape[0]]) as Tf.Tensor1D;
  // log σ(z) for l = 1 and log σ(−z) for l = 0: l·z − softplus(z).
  const softplus = tf.softplus(workLogit);
  const workLogp = tf.sub(tf.mul(worked, workLogit), softplus);
  const workEntropy = tf.sub(softplus, tf.mul(workLogit, tf.sigmoid(workLogit)));
  const logps = logSoftmaxRows(consumption);
  const chosen = rowSums(tf.mul(logps, tf.oneHot(tf.cast(choice, "int32"), CONSUMPTION_CHOICES)) as Tf.Tensor2D);
  const consumptionEntropy = tf.neg(rowSums(tf.mul(tf.exp(logps), logps) as Tf.Tensor2D));
  return {
    logp: tf.add(workLogp, chosen) as Tf.Tensor1D,
    entropy: tf.add(workEntropy, consumptionEntropy) as Tf.Tensor1D,
  };
}
