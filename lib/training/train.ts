import * as tf from "@tensorflow/tfjs";
import type { Simulation } from "../economy/simulation.js";
import { createRng } from "../rng.js";
import { createSimulation } from "../run/createSimulation.js";
import { CONSUMPTION_STEP, POLICY_HEADS } from "../households/aieco/actions.js";
import { Mlp } from "../households/aieco/network.js";
import { OBSERVATION_SIZE } from "../households/aieco/observation.js";
import { generalizedAdvantages, ppoUpdate, type PpoParameters, type UpdateStats } from "./ppo.js";
import { ReturnScale } from "./returnScale.js";
import { OFFICIAL_UTILITY, type UtilityParameters } from "../households/aieco/reward.js";
import { RolloutPolicy, type Trajectory } from "./rollout.js";
import { tensorflow } from "../households/aieco/tf.js";
import { weightsDocument, type AiEconomistWeights } from "../households/aieco/weights.js";

/** Options of {@link trainAiEconomist}: PPO's parameters, the training seed, iterations and the economies trained in. */
export interface TrainingOptions extends PpoParameters {
  /** Seeds the weight initialisation, the minibatch order and (as "aieco-<seed>-<lane>-<episode>") every economy. */
  seed: number | string;
  iterations: number;
  /** Households per economy (all share the one policy). */
  households: number;
  /** Months of an economy before it restarts from month 1 (the evaluation horizon). */
  episodeMonths: number;
  /** Economies run side by side, started episodeMonths/lanes apart, so each batch spans every phase of an episode. */
  lanes: number;
  /** Months each economy advances per iteration; batch = lanes × fragmentMonths × households. */
  fragmentMonths: number;
  /** Hidden layer widths of the policy and of the critic (tanh). */
  hidden: number[];
  /** Adam step size in the first iteration. */
  learningRate: number;
  /**
   * Adam step size the schedule reaches after the last iteration: the step decays linearly from `learningRate`
   * (PPO's annealing, Schulman et al. 2017), so the policy settles instead of drifting with the batch noise of a
   * constant step. Unset (the default): a constant step.
   */
  finalLearningRate?: number;
  utility: UtilityParameters;
}

/**
 * Default training options (`npm run train:aieco` passes the committed recipe, see docs/ai-economist.md).
 * @example
 * DEFAULT_TRAINING.seed; // 1
 */
export const DEFAULT_TRAINING: Readonly<TrainingOptions> = Object.freeze({
  seed: 1,
  iterations: 80,
  households: 100,
  episodeMonths: 240,
  lanes: 4,
  fragmentMonths: 12,
  hidden: [64, 64],
  learningRate: 1e-3,
  gamma: 0.99,
  lambda: 0.95,
  clip: 0.2,
  epochs: 3,
  minibatch: 1200,
  valueCoef: 0.5,
  entropyCoef: 0.01,
  maxGradNorm: 0.5,
  utility: OFFICIAL_UTILITY,
});

/** One row of the training curve (`training.csv`). */
export interface IterationRecord {
  iteration: number;
  /** The Adam step size used in this iteration's update. */
  learning_rate: number;
  /** Mean utility (seed eq. 18) per household-month of the batch. */
  mean_reward: number;
  work_rate: number;
  consumption_share: number;
  entropy: number;
  policy_loss: number;
  value_loss: number;
  approx_kl: number;
  clip_fraction: number;
  /** Wall-clock seconds since training started (not reproducible, unlike every other column). */
  elapsed_seconds: number;
}

/**
 * The columns of `training.csv`, one row per iteration.
 * @example
 * CURVE_COLUMNS[0]; // "iteration"
 */
export const CURVE_COLUMNS = [
  "iteration", "learning_rate", "mean_reward", "work_rate", "consumption_share", "entropy", "policy_loss",
  "value_loss", "approx_kl", "clip_fraction", "elapsed_seconds",
] as const;

/** What training returns: the weights, the training curve and the seconds it took. */
export interface TrainingResult {
  weights: AiEconomistWeights;
  curve: IterationRecord[];
  seconds: number;
}

interface Lane {
  index: number;
  episode: number;
  simulation: Simulation;
  rollout: RolloutPolicy;
  /** Discounted return so far in this episode, per household (for the reward scale). */
  running: Float64Array;
}

/**
 * Train the AI-Economist households with PPO in the real economy: one policy shared by all households, economies
 * of `households` × `episodeMonths` stepped in fragments; after each iteration's fragments, a PPO update.
 * The same options and seed give identical weights.
 *
 * Each household maximises E[Σ_t γ^t u_t] with u_t its utility in month t (seed eq. 18, `householdUtility`)
 * and γ = 0.99 per month. The official configuration instead paid the change u_t − u_{t−1} with γ = 1 (the
 * AI Economist's convention for utility of accumulated coin and labor), which for a utility of this month's
 * consumption and labor would reward only the last month of an episode; the flow utility is the intertemporal
 * objective eq. 18 describes. Fragments end by truncation, so their last month bootstraps from the critic.
 */
export async function trainAiEconomist(
  options: Partial<TrainingOptions> = {},
  onIteration?: (record: IterationRecord) => void,
): Promise<TrainingResult> {
  const o: TrainingOptions = { ...DEFAULT_TRAINING, ...options };
  await tensorflow();
  const started = Date.now();
  const rng = createRng(`aieco-train-${o.seed}`);
  const policy = Mlp.init([OBSERVATION_SIZE, ...o.hidden], POLICY_HEADS, rng, 0.01);
  const critic = Mlp.init([OBSERVATION_SIZE, ...o.hidden], [1], rng, 1);
  const optimizer = new ScheduledAdam(o.learningRate);
  const scale = new ReturnScale(o.households, o.gamma);
  const curve: IterationRecord[] = [];
  try {
    const lanes: Lane[] = [];
    for (let k = 0; k < o.lanes; k++) {
      const rollout = new RolloutPolicy(policy, critic, o.utility, o.households, o.fragmentMonths);
      const simulation = await economy(o, k, 0, rollout);
      const lane: Lane = { index: k, episode: 0, simulation, rollout, running: new Float64Array(o.households) };
      const warmUp = Math.floor((k * o.episodeMonths) / o.lanes);
      while (lane.simulation.state.month < warmUp) scale.update(await advance(lane, o, warmUp), lane.running);
      lanes.push(lane);
    }
    for (let iteration = 1; iteration <= o.iterations; iteration++) {
      const fragments: { t: Trajectory; advantages: Float32Array; returns: Float32Array }[] = [];
      for (const lane of lanes) {
        if (lane.simulation.done) await nextEpisode(lane, o);
        const t = copyTrajectory(await advance(lane, o, o.episodeMonths));
        scale.update(t, lane.running);
        fragments.push({ t, ...generalizedAdvantages(t, scale.scale, o.gamma, o.lambda) });
      }
      const batch = concatenate(fragments);
      const learningRate = scheduledRate(o, iteration);
      optimizer.setLearningRate(learningRate);
      const stats = ppoUpdate(policy, critic, optimizer, batch, o, rng);
      const record = iterationRecord(iteration, learningRate, batch.t, stats, (Date.now() - started) / 1000);
      curve.push(record);
      onIteration?.(record);
    }
    const training = { ...o, algorithm: "PPO (clipped surrogate, GAE, entropy bonus), Adam; per-household return scaling" };
    const weights = weightsDocument(policy.sizes, policy.toJson(), o.utility, training);
    return { weights, curve, seconds: (Date.now() - started) / 1000 };
  } finally {
    policy.dispose();
    critic.dispose();
    optimizer.dispose();
  }
}

/** Adam whose step size the schedule sets before each iteration (its moment estimates carry over). */
class ScheduledAdam extends tf.AdamOptimizer {
  constructor(learningRate: number) {
    super(learningRate, 0.9, 0.999);
  }

  setLearningRate(rate: number): void {
    this.learningRate = rate;
  }
}

/**
 * The step size of iteration k (1-based) of K: linear from `learningRate` at k = 1 towards `finalLearningRate`,
 * which the step after the last iteration would reach; `learningRate` throughout when no final rate is set.
 * @example
 * scheduledRate({ learningRate: 1e-3, finalLearningRate: 0, iterations: 4 }, 3); // 5e-4
 */
export function scheduledRate(o: Pick<TrainingOptions, "learningRate" | "finalLearningRate" | "iterations">, iteration: number): number {
  if (o.finalLearningRate === undefined) return o.learningRate;
  const progress = (iteration - 1) / o.iterations;
  return o.learningRate + (o.finalLearningRate - o.learningRate) * progress;
}

/** A fresh economy for a lane's episode, seeded "aieco-<seed>-<lane>-<episode>", its households learning. */
async function economy(o: TrainingOptions, lane: number, episode: number, rollout: RolloutPolicy): Promise<Simulation> {
  const seed = `aieco-${o.seed}-${lane}-${episode}`;
  return (await createSimulation({ households: o.households, months: o.episodeMonths, seed }, rollout)).simulation;
}

async function nextEpisode(lane: Lane, o: TrainingOptions): Promise<void> {
  lane.episode++;
  lane.simulation = await economy(o, lane.index, lane.episode, lane.rollout);
  lane.running.fill(0);
}

/** Step a lane's economy for one fragment (at most up to month `until`) and return what its households did. */
async function advance(lane: Lane, o: TrainingOptions, until: number): Promise<Trajectory> {
  const { simulation, rollout } = lane;
  rollout.reset();
  for (let m = 0; m < o.fragmentMonths && simulation.state.month < until && !simulation.done; m++) await simulation.step();
  return rollout.trajectory(simulation.state, (simulation.state.month % 12) + 1);
}

function copyTrajectory(t: Trajectory): Trajectory {
  const rows = t.months * t.households;
  return {
    months: t.months,
    households: t.households,
    observations: t.observations.slice(0, rows * OBSERVATION_SIZE),
    worked: t.worked.slice(0, rows),
    choice: t.choice.slice(0, rows),
    logp: t.logp.slice(0, rows),
    value: t.value.slice(0, rows),
    reward: t.reward.slice(0, rows),
    bootstrap: t.bootstrap.slice(),
  };
}

/** All lanes' fragments as one batch (rows keep their household index modulo N). */
function concatenate(parts: { t: Trajectory; advantages: Float32Array; returns: Float32Array }[]) {
  const cat = <T extends Float32Array | Float64Array>(pick: (p: (typeof parts)[number]) => T, make: (n: number) => T): T => {
    const out = make(parts.reduce((acc, p) => acc + pick(p).length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(pick(p), at);
      at += pick(p).length;
    }
    return out;
  };
  const f32 = (n: number) => new Float32Array(n);
  const t: Trajectory = {
    months: parts.reduce((acc, p) => acc + p.t.months, 0),
    households: parts[0].t.households,
    observations: cat((p) => p.t.observations, f32),
    worked: cat((p) => p.t.worked, f32),
    choice: cat((p) => p.t.choice, f32),
    logp: cat((p) => p.t.logp, f32),
    value: cat((p) => p.t.value, f32),
    reward: cat((p) => p.t.reward, (n) => new Float64Array(n)),
    bootstrap: new Float32Array(0),
  };
  return { t, advantages: cat((p) => p.advantages, f32), returns: cat((p) => p.returns, f32) };
}

function iterationRecord(iteration: number, learningRate: number, t: Trajectory, stats: UpdateStats, elapsed: number): IterationRecord {
  const rows = t.months * t.households;
  let reward = 0;
  let worked = 0;
  let share = 0;
  for (let r = 0; r < rows; r++) {
    reward += t.reward[r];
    worked += t.worked[r];
    share += t.choice[r] * CONSUMPTION_STEP;
  }
  return {
    iteration,
    learning_rate: learningRate,
    mean_reward: reward / rows,
    work_rate: worked / rows,
    consumption_share: share / rows,
    entropy: stats.entropy,
    policy_loss: stats.policyLoss,
    value_loss: stats.valueLoss,
    approx_kl: stats.approxKl,
    clip_fraction: stats.clipFraction,
    elapsed_seconds: elapsed,
  };
}
