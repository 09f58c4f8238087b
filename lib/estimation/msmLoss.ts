/**
 * The method of simulated moments' loss (McFadden 1989; Lee and Ingram 1991; the loss of black-it's `MethodOfMomentsLoss`):
 * L(θ) = (m(θ) − m*)ᵀ W (m(θ) − m*), with W diagonal, each moment weighted by the inverse of the variance of its
 * gap m_j(θ) − m*_j: the variance of the target (a data moment: its block-bootstrap variance; a number given by
 * hand: none) plus the variance of the simulated mean over S seeds (the across-seed variance over S). A moment
 * measured loosely then counts for little, one measured tightly for much, and each term is a squared z-score.
 */

/**
 * The 95 % quantile of χ²(1). With W the inverse variance of independent gaps, the loss is a sum of squared z-scores,
 * and a rise by this much along a parameter's profile is the rough edge of its 95 % confidence set.
 * @example
 * const identified = profileRise >= CHI2_95_1;
 */
export const CHI2_95_1 = 3.841458820694124;

/**
 * Smallest variance a weight divides by, so a moment that never varies does not get an infinite weight.
 * @example
 * momentWeights([0], [0], 2); // [1 / MIN_VARIANCE]
 */
export const MIN_VARIANCE = 1e-12;

/**
 * The diagonal of W: 1 / (target variance + simulated variance / seeds), each variance at least {@link MIN_VARIANCE}.
 *
 * @param targetVariance variance of each target moment (0 for a target given as a number)
 * @param simulatedVariance across-seed variance of each simulated moment
 * @param seeds S, the seeds averaged in each evaluation
 * @returns one weight per moment
 * @throws Error if the lengths differ, seeds is not a positive integer or a variance is negative or not finite
 * @example
 * momentWeights([0.01, 0], [0.02, 0.5], 2); // => [50, 4]: 1 / (0.01 + 0.01), 1 / 0.25
 */
export function momentWeights(targetVariance: readonly number[], simulatedVariance: readonly number[], seeds: number): number[] {
  if (targetVariance.length !== simulatedVariance.length) throw new Error("momentWeights: one target and one simulated variance per moment");
  if (!Number.isInteger(seeds) || seeds < 1) throw new Error(`momentWeights: seeds must be a positive integer, got ${seeds}`);
  return targetVariance.map((v, j) => {
    const s = simulatedVariance[j];
    if (!(v >= 0 && s >= 0 && Number.isFinite(v) && Number.isFinite(s))) throw new Error(`momentWeights: variances must be finite and non-negative (moment ${j}: ${v}, ${s})`);
    return 1 / Math.max(v + s / seeds, MIN_VARIANCE);
  });
}

/**
 * The loss (m − m*)ᵀ W (m − m*) for a diagonal W; null when a simulated moment is undefined (null), since a
 * parameter vector whose economy does not define a targeted moment cannot be scored.
 *
 * @param simulated m(θ), the moments averaged over seeds
 * @param target m*
 * @param weights the diagonal of W ({@link momentWeights})
 * @returns the loss, or null
 * @throws Error if the lengths differ
 * @example
 * msmLoss([1, 2], [0, 4], [2, 0.5]); // => 2·1² + 0.5·(−2)² = 4
 */
export function msmLoss(simulated: readonly (number | null)[], target: readonly number[], weights: readonly number[]): number | null {
  if (simulated.length !== target.length || target.length !== weights.length) throw new Error("msmLoss: m, m* and W must have one entry per moment");
  let loss = 0;
  for (let j = 0; j < target.length; j++) {
    const m = simulated[j];
    if (m === null || !Number.isFinite(m)) return null;
    loss += weights[j] * (m - target[j]) ** 2;
  }
  return loss;
}
