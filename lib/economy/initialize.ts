import { householdNames, type NameOf } from "../calibration/names.js";
import { sampleAges } from "../calibration/ages.js";
import { oewsWages, wageTopTail2019 } from "../calibration/wages.js";
import type { Rng } from "../rng.js";
import { drawOffer, wageBucketEdges } from "./jobs.js";
import type { EconomyParameters } from "./parameters.js";
import { allocateState, type EconomyState } from "./state.js";
import { calibratedWages, officialWages, sampledOfficialWages, type WageCalibration } from "./wages.js";

/** Federal minimum hourly wage, the floor of the calibrated distribution. */
const FEDERAL_MINIMUM_WAGE = 7.25;
/** OEWS annual wages are hourly × 2080 full-time hours. */
const FULL_TIME_HOURS = 2080;

/**
 * US 2022 calibration (seed §4.2, calibration.md): OEWS May 2022 hourly percentiles, Pareto tail α = 2 above p90,
 * capped at the 2019 W-2 p99.99 and floored at the federal minimum.
 * @example
 * const calibration = usWageCalibration2022();
 * calibration.floor; // 7.25 (the federal minimum, $/h)
 * wageQuantile(0.5, calibration); // ≈ 22.26, the OEWS 2022 median
 */
export function usWageCalibration2022(): WageCalibration {
  const { hourly } = oewsWages(2022);
  const top = wageTopTail2019();
  return {
    p10: hourly.p10,
    p25: hourly.p25,
    median: hourly.median,
    p75: hourly.p75,
    p90: hourly.p90,
    tailIndex: 2,
    cap: top[top.length - 1].annual / FULL_TIME_HOURS,
    floor: FEDERAL_MINIMUM_WAGE,
  };
}

/**
 * Month-1 hourly wages, poorest first, from the run's `wages` source (official, official-sampled or calibrated);
 * `rng` is drawn from only by the sampled source.
 * @example
 * const wages = initialWages({ ...DEFAULT_PARAMETERS, households: 100 }, createRng("1"));
 * [wages[0], wages[99]]; // ≈ [2.19, 795] (the official expected order statistics)
 */
export function initialWages(params: EconomyParameters, rng: Rng): Float64Array {
  switch (params.wages) {
    case "official":
      return officialWages(params.households);
    case "official-sampled":
      return sampledOfficialWages(rng, params.households);
    case "calibrated":
      return calibratedWages(params.households, usWageCalibration2022());
  }
}

/** Who the households are: their names, for prompts and the household table. */
export interface Identities {
  readonly nameOf: NameOf;
}

/**
 * The economy at the start of month 1 (docs/model.md §2): wages (household 0 the poorest), no money, no inventory,
 * P0 = mean hourly wage, r = 0.03, ages from the US 2018 population, unique names, everyone unemployed holding
 * an offer from the bucket of its wage. Draws from `rng` in a fixed order: wages (if sampled), ages, names, offers.
 * @example
 * const { state } = initializeEconomy({ ...DEFAULT_PARAMETERS, households: 100 }, createRng("1"));
 * [state.month, state.price, state.rate]; // [0, ≈ 135.51 (the mean official wage), 0.03]
 */
export function initializeEconomy(params: EconomyParameters, rng: Rng): { state: EconomyState; identities: Identities } {
  const n = params.households;
  const wages = initialWages(params, rng);
  let total = 0;
  for (let i = 0; i < n; i++) total += wages[i];
  const monthly = wages.map((w) => w * params.hoursPerMonth);
  const state = allocateState(n, total / n, params.initialRate, wageBucketEdges(monthly));
  state.wage.set(wages);
  state.age.set(sampleAges(rng, n));
  const nameOf = householdNames(rng, n);
  for (let i = 0; i < n; i++) state.offer[i] = drawOffer(rng, monthly[i], state.bucketEdges);
  return { state, identities: { nameOf } };
}
