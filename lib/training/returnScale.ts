import type { Trajectory } from "./rollout.js";

/**
 * Per-household reward scale: the running standard deviation of each household's discounted return
 * (the reward normalisation of common PPO implementations, kept per household). Utilities differ by orders of
 * magnitude between the poorest and the richest household; dividing each household's rewards by its own scale
 * keeps the shared critic's targets of one size and gives every household a say in the shared policy, without
 * changing any household's own optimum (a positive rescaling of its rewards).
 */
export class ReturnScale {
  private readonly count: Float64Array;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  readonly scale: Float64Array;

  constructor(households: number, private readonly gamma: number) {
    this.count = new Float64Array(households);
    this.mean = new Float64Array(households);
    this.m2 = new Float64Array(households);
    this.scale = new Float64Array(households).fill(1);
  }

  /**
   * Add a fragment's rewards; `running` is the economy's discounted-return accumulator per household (zero at
   * the start of an episode), updated in place. Welford's algorithm.
   */
  update(t: Trajectory, running: Float64Array): void {
    const n = t.households;
    for (let m = 0; m < t.months; m++) {
      for (let i = 0; i < n; i++) {
        const g = this.gamma * running[i] + t.reward[m * n + i];
        running[i] = g;
        const k = ++this.count[i];
        const delta = g - this.mean[i];
        this.mean[i] += delta / k;
        this.m2[i] += delta * (g - this.mean[i]);
      }
    }
    for (let i = 0; i < n; i++) {
      const sd = this.count[i] > 1 ? Math.sqrt(this.m2[i] / this.count[i]) : 0;
      this.scale[i] = sd > 1e-6 ? sd : 1;
    }
  }
}
