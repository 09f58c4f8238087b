import { checkSeries } from "./checkSeries.js";
import { isConstant } from "./isConstant.js";
import { mean } from "./mean.js";

/** A least-squares line y = intercept + slope·x. */
export interface Line {
  /** Change in y per unit of x; null when x is constant (no line is identified). */
  slope: number | null;
  /** Fitted y at x = 0; null with slope. */
  intercept: number | null;
  /** Share of the variance of y explained by the line; null when x or y is constant. */
  r2: number | null;
}

/**
 * Simple ordinary least squares of y on x: slope = Sxy/Sxx, intercept = ȳ − slope·x̄, R² = Sxy²/(Sxx·Syy).
 *
 * A constant y with varying x gives the flat line slope = 0, intercept = y₀, but R² (0/0) is null.
 *
 * @see https://en.wikipedia.org/wiki/Simple_linear_regression
 * @param x regressor (number[] or Float64Array); finite values only
 * @param y response, same length
 * @returns {@link Line}
 * @throws Error if the lengths differ, there are fewer than 2 pairs, or a value is not finite
 * @example
 * olsLine([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]); // => { slope: 0.6, intercept: 2.2, r2: 0.6 } (to rounding)
 */
export function olsLine(x: ArrayLike<number>, y: ArrayLike<number>): Line {
  checkSeries("olsLine", x, y, 2);
  if (isConstant(x)) return { slope: null, intercept: null, r2: null };
  if (isConstant(y)) return { slope: 0, intercept: y[0], r2: null };
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r2: Math.min(1, (sxy / sxx) * (sxy / syy)) };
}
