/**
 * Business-cycle statistics (the stylised facts macro models are validated on, e.g. Stock and Watson 1999; the
 * Bank of Italy's BeforeIT.jl and bam-engine's validation): HP-filtered cycles of the quarterly series, their
 * volatility absolute and relative to output, persistence, and co-movement with output at leads and lags.
 */
import { describeSample } from "../stats/describeSample.js";
import { isConstant } from "../stats/isConstant.js";
import { hpFilter } from "../stats/hpFilter.js";
import { laggedCorrelation } from "../stats/laggedCorrelation.js";
import { arFit } from "../stats/arFit.js";
import { CYCLE_SERIES, type CycleSeries, type QuarterlySeries } from "./quarterlySeries.js";

/** Lags k of the cross-correlations corr(output_t, series_{t+k}), and their columns (m: minus, p: plus). */
export const CYCLE_LAGS = [-4, -3, -2, -1, 0, 1, 2, 3, 4] as const;
/**
 * The cross-correlation columns corr(output_t, c_{t+k}) for k = −4 … +4, named `xcorr_m4` … `xcorr_p4`.
 * @example
 * XCORR_COLUMNS[0]; // "xcorr_m4"
 */
export const XCORR_COLUMNS = [
  "xcorr_m4", "xcorr_m3", "xcorr_m2", "xcorr_m1", "xcorr_p0", "xcorr_p1", "xcorr_p2", "xcorr_p3", "xcorr_p4",
] as const;
/** AR(1) and AR(2) coefficients of the cycle (conditional least squares, {@link arFit}): its persistence. */
export const AR_COLUMNS = ["ar1_phi", "ar2_phi1", "ar2_phi2"] as const;
/** The statistics of a series, in column order after `series`. */
export const CYCLE_STATISTICS = ["sd", "relative_sd", "autocorr_1", ...XCORR_COLUMNS, ...AR_COLUMNS] as const;
/** A column of `business_cycle.csv`: one statistic of a quarterly series' HP cycle. */
export type CycleStatistic = (typeof CYCLE_STATISTICS)[number];
/** The columns of `business_cycle.csv`, in order. */
export const BUSINESS_CYCLE_COLUMNS = ["series", ...CYCLE_STATISTICS] as const;

/** One row of `business_cycle.csv`; a statistic is null where it is undefined (a constant cycle, too few quarters). */
export type BusinessCycleRow = { series: CycleSeries } & Record<CycleStatistic, number | null>;

/** HP smoothing parameter for quarterly data (Hodrick and Prescott 1997). */
export const QUARTERLY_LAMBDA = 1600;

/**
 * The cyclical component of each series: HP(λ) cycle of 100·log(level) — percent deviations from trend — and, for
 * unemployment, of the rate itself in percentage points. A series with a non-positive level has no log and no
 * cycle (null), as does one shorter than 3 quarters; a constant one has a cycle of zeros.
 *
 * @example
 * cycles(quarterlySeries(monthly, 100)).real_gdp; // % deviation of real GDP from its HP trend, quarter by quarter
 */
export function cycles(series: QuarterlySeries, lambda = QUARTERLY_LAMBDA): Record<CycleSeries, number[] | null> {
  const out = {} as Record<CycleSeries, number[] | null>;
  for (const name of CYCLE_SERIES) {
    const values = series[name];
    const transformed = name === "unemployment" ? values : values.every((v) => v > 0) ? values.map((v) => 100 * Math.log(v)) : null;
    if (!transformed || transformed.length < 3) out[name] = null;
    // A constant series has no cycle; filtering it would leave rounding noise whose correlations mean nothing.
    else out[name] = isConstant(transformed) ? transformed.map(() => 0) : hpFilter(transformed, lambda).cycle;
  }
  return out;
}

/** AR(p) coefficients of a cycle; nulls where it is missing, too short or constant (no variation to fit). */
function autoregression(cycle: number[] | null, order: number): (number | null)[] {
  const none = Array<null>(order).fill(null);
  if (!cycle || cycle.length <= 2 * order + 1 || isConstant(cycle)) return none;
  return arFit(cycle, order).coefficients;
}

/**
 * The business-cycle table: for each series (rows in {@link CYCLE_SERIES} order) the sample standard deviation of
 * its cycle (n − 1), that SD relative to output's, the first-order autocorrelation corr(c_t, c_{t+1}), and the
 * correlations corr(output_t, c_{t+k}) for k = −4 … +4 over the overlapping quarters (a peak at k > 0: the series
 * lags output; k < 0: it leads), and the AR(1) coefficient φ and AR(2) coefficients φ₁, φ₂ of the cycle with a
 * constant (statsmodels' `AutoReg(c, lags=p, trend="c")`; bam-engine's validation fits the same), null where the
 * cycle is too short (an AR(p) needs more than 2p + 1 quarters) or constant.
 *
 * @param series quarterly levels ({@link "analysis/quarterlySeries"!quarterlySeries} of a run, or {@link "analysis/quarterlySeries"!usQuarterlySeries})
 * @param lambda HP smoothing parameter, default 1,600
 * @returns five {@link BusinessCycleRow}s
 * @example
 * businessCycleTable(usQuarterlySeries()).find((r) => r.series === "unemployment")!.xcorr_p0; // ≈ −0.8
 */
export function businessCycleTable(series: QuarterlySeries, lambda = QUARTERLY_LAMBDA): BusinessCycleRow[] {
  return cycleStatistics(cycles(series, lambda));
}

/**
 * The statistics of {@link businessCycleTable} from cycles already filtered — the step a bootstrap repeats on
 * resampled quarters of the same cycles (lib/estimation/moments.ts) without filtering again.
 *
 * @param cycle each series' cycle ({@link cycles}), null where it has none
 * @returns five {@link BusinessCycleRow}s
 * @example
 * cycleStatistics(cycles(usQuarterlySeries()))[0].sd; // real GDP's cycle SD, percent
 */
export function cycleStatistics(cycle: Record<CycleSeries, number[] | null>): BusinessCycleRow[] {
  const sd = (c: number[] | null) => (c ? describeSample(c).sd : null);
  const output = cycle.real_gdp;
  const outputSd = sd(output);
  const lagged = (x: number[] | null, y: number[] | null, k: number) =>
    x && y && x.length - Math.abs(k) >= 3 ? laggedCorrelation(x, y, k) : null;
  return CYCLE_SERIES.map((name) => {
    const c = cycle[name];
    const s = sd(c);
    const row: BusinessCycleRow = {
      series: name,
      sd: s,
      relative_sd: s !== null && outputSd ? s / outputSd : null,
      autocorr_1: lagged(c, c, 1),
    } as BusinessCycleRow;
    CYCLE_LAGS.forEach((k, i) => (row[XCORR_COLUMNS[i]] = lagged(output, c, k)));
    const [ar1, ar2] = [autoregression(c, 1), autoregression(c, 2)];
    [row.ar1_phi, row.ar2_phi1, row.ar2_phi2] = [ar1[0], ar2[0], ar2[1]];
    return row;
  });
}
