import seedrandom from "seedrandom";

/**
 * The run's single source of randomness. Created once from the run's seed and passed explicitly to every
 * component that draws (Mesa's pattern): no Math.random, no module-level generator.
 * Alea is seedrandom's fastest generator (~140M draws/s here) and, like all of them, can export and restore its
 * state, which checkpoints need.
 */
export interface Rng {
  /** Uniform on [0, 1). */
  next(): number;
  /** Uniform on [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Uniform integer in 0..n-1. */
  int(n: number): number;
  /** Generator state, enough to resume the exact stream (plain JSON). */
  state(): RngState;
  /** Continue from a saved state (checkpoint resume): the stream goes on exactly where `state()` was taken. */
  setState(state: RngState): void;
}

/** The generator's state (seedrandom's Alea), saved in checkpoints. */
export type RngState = seedrandom.State.Alea;

function wrap(initial: seedrandom.StatefulPRNG<RngState>): Rng {
  let prng = initial;
  const rng: Rng = {
    next: prng,
    uniform: (lo, hi) => lo + (hi - lo) * prng(),
    int: (n) => Math.floor(prng() * n),
    state: () => prng.state(),
    setState(state) {
      prng = seedrandom.alea("", { state });
      rng.next = prng;
    },
  };
  return rng;
}

/**
 * @example
 * const rng = createRng(1); rng.next(); // same value on every machine for seed 1
 */
export function createRng(seed: number | string): Rng {
  return wrap(seedrandom.alea(String(seed), { state: true }));
}


/** In-place Fisher–Yates shuffle of an index array (uniform over permutations). */
export function shuffle(rng: Rng, a: Int32Array | Uint32Array): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
