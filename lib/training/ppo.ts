import * as tf from "@tensorflow/tfjs";
import { shuffle, type Rng } from "../rng.js";
import { logProbAndEntropy } from "../households/aieco/actions.js";
import type { Mlp } from "../households/aieco/network.js";
import { OBSERVATION_SIZE } from "../households/aieco/observation.js";
import type { Trajectory } from "./rollout.js";

/** PPO's hyperparameters (discount, GAE, clipping, epochs, minibatch, learning rate, entropy, gradient norm). */
export interface PpoParameters {
  /** Monthly discount factor γ and the GAE λ. */
  gamma: number;
  lambda: number;
  /** Clipping ε of the probability ratio. */
  clip: number;
  /** Passes over each batch, and the minibatch size. */
  epochs: number;
  minibatch: number;
  /** Weights of the value loss and the entropy bonus in the total loss. */
  valueCoef: number;
  entropyCoef: number;
  /** Gradients are rescaled to at most this global norm. */
  maxGradNorm: number;
}

/**
 * Generalised advantage estimation (Schulman et al. 2016) per household over a fragment, with rewards divided
 * by the household's scale. The fragment is truncated, not terminated: the last month bootstraps from the
 * critic's value of the state after it.
 * @returns advantages A_t and the critic's targets A_t + V_t, row t·N + i.
 */
export function generalizedAdvantages(
  t: Trajectory,
  scale: Float64Array,
  gamma: number,
  lambda: number,
): { advantages: Float32Array; returns: Float32Array } {
  const { months: T, households: n } = t;
  const advantages = new Float32Array(T * n);
  const returns = new Float32Array(T * n);
  for (let i = 0; i < n; i++) {
    let next = t.bootstrap[i];
    let running = 0;
    for (let m = T - 1; m >= 0; m--) {
      const row = m * n + i;
      const delta = t.reward[row] / scale[i] + gamma * next - t.value[row];
      running = delta + gamma * lambda * running;
      advantages[row] = running;
      returns[row] = running + t.value[row];
      next = t.value[row];
    }
  }
  return { advantages, returns };
}

/** Diagnostics of one PPO update: losses, approximate KL, clip fraction, entropy. */
export interface UpdateStats {
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  /** Mean of (ratio − 1) − log ratio over the last epoch: an estimate of KL(old ‖ new). */
  approxKl: number;
  /** Share of samples whose ratio was clipped in the last epoch. */
  clipFraction: number;
}

/**
 * Proximal policy optimisation (Schulman et al. 2017), clipped surrogate objective, on one batch: `epochs`
 * passes in minibatches shuffled with `rng`; loss = −min(ρA, clip(ρ, 1 ± ε)A) + c_v (V − R)² − c_e H, with the
 * advantages standardised over the batch.
 */
export function ppoUpdate(
  policy: Mlp,
  critic: Mlp,
  optimizer: tf.Optimizer,
  batch: { t: Trajectory; advantages: Float32Array; returns: Float32Array },
  p: PpoParameters,
  rng: Rng,
): UpdateStats {
  const { t, returns } = batch;
  const size = t.months * t.households;
  const advantages = standardize(batch.advantages.subarray(0, size));
  const order = new Int32Array(size);
  for (let k = 0; k < size; k++) order[k] = k;
  const variables = [...policy.variables, ...critic.variables];
  let sums = { policyLoss: 0, valueLoss: 0, entropy: 0, approxKl: 0, clipFraction: 0, count: 0 };
  for (let epoch = 0; epoch < p.epochs; epoch++) {
    shuffle(rng, order);
    sums = { policyLoss: 0, valueLoss: 0, entropy: 0, approxKl: 0, clipFraction: 0, count: 0 };
    for (let start = 0; start < size; start += p.minibatch) {
      const rows = order.subarray(start, Math.min(size, start + p.minibatch));
      const m = rows.length;
      const take = (source: Float32Array) => Float32Array.from(rows, (r) => source[r]);
      const obs = new Float32Array(m * OBSERVATION_SIZE);
      rows.forEach((r, k) => obs.set(t.observations.subarray(r * OBSERVATION_SIZE, (r + 1) * OBSERVATION_SIZE), k * OBSERVATION_SIZE));
      const stats = tf.tidy(() => {
        const x = tf.tensor2d(obs, [m, OBSERVATION_SIZE]);
        const worked = tf.tensor1d(take(t.worked));
        const choice = tf.tensor1d(take(t.choice));
        const oldLogp = tf.tensor1d(take(t.logp));
        const adv = tf.tensor1d(take(advantages));
        const target = tf.tensor1d(take(returns));
        let diagnostics: tf.Tensor[] = [];
        const { grads } = optimizer.computeGradients(() => {
          const { logp, entropy } = logProbAndEntropy(policy, x, worked, choice);
          const logRatio = tf.sub(logp, oldLogp);
          const ratio = tf.exp(logRatio);
          const clipped = tf.clipByValue(ratio, 1 - p.clip, 1 + p.clip);
          const policyLoss = tf.neg(tf.mean(tf.minimum(tf.mul(ratio, adv), tf.mul(clipped, adv))));
          const value = tf.reshape(critic.apply(x)[0], [m]);
          const valueLoss = tf.mean(tf.squaredDifference(value, target));
          const meanEntropy = tf.mean(entropy);
          diagnostics = [
            policyLoss,
            valueLoss,
            meanEntropy,
            tf.mean(tf.sub(tf.sub(ratio, 1), logRatio)),
            tf.mean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), p.clip), "float32")),
          ].map((d) => tf.keep(d));
          return tf.sub(tf.add(policyLoss, tf.mul(p.valueCoef, valueLoss)), tf.mul(p.entropyCoef, meanEntropy)) as tf.Scalar;
        }, variables);
        optimizer.applyGradients(clipByGlobalNorm(grads, p.maxGradNorm));
        const values = diagnostics.map((d) => d.dataSync()[0]);
        diagnostics.forEach((d) => d.dispose());
        return values;
      });
      sums.policyLoss += stats[0] * m;
      sums.valueLoss += stats[1] * m;
      sums.entropy += stats[2] * m;
      sums.approxKl += stats[3] * m;
      sums.clipFraction += stats[4] * m;
      sums.count += m;
    }
  }
  const c = sums.count;
  return {
    policyLoss: sums.policyLoss / c,
    valueLoss: sums.valueLoss / c,
    entropy: sums.entropy / c,
    approxKl: sums.approxKl / c,
    clipFraction: sums.clipFraction / c,
  };
}

function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  const names = Object.keys(grads);
  const norm = Math.sqrt(names.reduce((acc, name) => acc + tf.sum(tf.square(grads[name])).dataSync()[0], 0));
  if (!(norm > maxNorm)) return grads;
  const factor = maxNorm / norm;
  const clipped: tf.NamedTensorMap = {};
  for (const name of names) clipped[name] = tf.mul(grads[name], factor);
  return clipped;
}

function standardize(x: Float32Array): Float32Array {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  let variance = 0;
  for (const v of x) variance += (v - mean) ** 2;
  const sd = Math.sqrt(variance / x.length) + 1e-8;
  return Float32Array.from(x, (v) => (v - mean) / sd);
}
