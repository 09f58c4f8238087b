import { jStat } from "jstat";

/**
 * Regularized incomplete beta I_x(a, b) by Lentz's continued fraction (Numerical Recipes §6.4).
 * jStat's own ibeta stops after 100 terms, which is not enough for the order-statistic distributions of large
 * economies (a, b ~ 10^6 need O(√max(a, b)) terms); this one iterates to full precision.
 */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront =
    jStat.gammaln(a + b) - jStat.gammaln(a) - jStat.gammaln(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return Math.exp(logFront) * continuedFraction(x, a, b) / a;
  return 1 - Math.exp(logFront) * continuedFraction(1 - x, b, a) / b;
}

const TINY = 1e-300;

function continuedFraction(x: number, a: number, b: number): number {
  const maxTerms = 10_000 + 10 * Math.ceil(Math.sqrt(Math.max(a, b)));
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= maxTerms; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + even * d;
    c = 1 + even / c;
    d = 1 / (Math.abs(d) < TINY ? TINY : d);
    c = Math.abs(c) < TINY ? TINY : c;
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + odd * d;
    c = 1 + odd / c;
    d = 1 / (Math.abs(d) < TINY ? TINY : d);
    c = Math.abs(c) < TINY ? TINY : c;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) return h;
  }
  throw new Error(`incompleteBeta: continued fraction did not converge for x=${x}, a=${a}, b=${b}`);
}
