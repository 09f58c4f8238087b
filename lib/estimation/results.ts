/**
 * What a calibration and a sensitivity analysis produce, as data: best.json's content and indices.csv's rows. Kept
 * apart from the code that computes them so the figures (figures.ts) read them without importing that code.
 */
import { CHI2_95_1 } from "./msmLoss.js";

/** One parameter's identification profile: the loss along its bounds with the others at the best point. */
export interface Profile {
  parameter: string;
  values: number[];
  losses: (number | null)[];
  /** Highest minus lowest loss along the profile: below {@link CHI2_95_1}, the moments do not pin the parameter. */
  rise: number | null;
  identified: boolean;
  /** The profile's values whose loss is within χ²₀.₉₅(1) of its minimum (lowest and highest). */
  within: [number, number] | null;
}

/** The content of best.json. */
export interface CalibrationBest {
  name: string;
  evaluations: number;
  evaluation: number | null;
  sampler: string | null;
  loss: number | null;
  parameters: Record<string, number>;
  moments: { name: string; target: number; simulated: number | null; seeds_sd: number | null; weight: number; contribution: number | null }[];
  weights: Record<string, number>;
  /** How W was formed (documented in docs/estimation.md). */
  weighting: string;
  profiles: Profile[];
}

/** One row of indices.csv: an output's index for a parameter (Sobol' or Morris columns; the other method's are absent). */
export interface IndexRow {
  output: string;
  parameter: string;
  S1?: number | null;
  S1_conf?: number | null;
  ST?: number | null;
  ST_conf?: number | null;
  mu_star?: number | null;
  mu_star_conf?: number | null;
  sigma?: number | null;
}

