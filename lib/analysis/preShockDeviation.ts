/**
 * A real series' deviation from its pre-shock trend: the counterpart, in data, of a scenario's effect in the
 * model (scenario − baseline, the model's deviation from its own no-shock path). The trend is the series' mean
 * over the `window` years before the shock: for a growth rate that is the log-linear trend of the level (real GDP
 * growing at its pre-shock pace), for unemployment its pre-shock level. (A straight line through five years of a
 * cyclical level would extrapolate the phase of the cycle those years happen to cover — 2003–2007 is a recovery.)
 */
import { mean } from "../stats/mean.js";

/** One year's value of an annual series. */
export interface YearValue {
  year: number;
  value: number;
}

/**
 * The series minus its mean over the `window` years before `shockYear`, for every year from the window's first on.
 * @throws Error if one of the window's years is missing
 * @example
 * // 4, 5, 6 in 2005–2007 (mean 5) and 9 in 2008: deviations −1, 0, 1, 4
 * preShockDeviation([{ year: 2005, value: 4 }, { year: 2006, value: 5 }, { year: 2007, value: 6 }, { year: 2008, value: 9 }], 2008, 3);
 */
export function preShockDeviation(series: readonly YearValue[], shockYear: number, window: number): YearValue[] {
  const before = Array.from({ length: window }, (_, k) => shockYear - window + k).map((year) => {
    const found = series.find((p) => p.year === year);
    if (!found) throw new Error(`preShockDeviation: no value for ${year}, a year of the pre-shock window`);
    return found.value;
  });
  const trend = mean(before);
  return series.filter((p) => p.year >= shockYear - window).map((p) => ({ year: p.year, value: p.value - trend }));
}
