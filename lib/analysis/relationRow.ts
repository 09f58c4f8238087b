import type { AnnualRelation } from "./annualRelation.js";

/** A correlation as one row of a results table (tidy: one row per run and relation). */
export interface RelationRow {
  run: string;
  relation: string;
  r: number | null;
  /** Two-sided p-value (Student's t, n − 2 degrees of freedom). */
  p: number | null;
  /** 95% Fisher-z interval of r. */
  ci95_low: number | null;
  ci95_high: number | null;
  n: number;
  /** OLS slope of y on x, in the relation's units (fractions per fraction, or per percentage point). */
  slope: number | null;
}

/**
 * Flatten a relation's statistics into a table row (the points are left out).
 * @example
 * relationRow("cats", "Phillips curve", phillipsCurve(annual)); // { run: "cats", relation: "Phillips curve", r: 0.83, … }
 */
export function relationRow(run: string, relation: string, fit: AnnualRelation): RelationRow {
  return {
    run,
    relation,
    r: fit.r,
    p: fit.p,
    ci95_low: fit.ci95 === null ? null : fit.ci95[0],
    ci95_high: fit.ci95 === null ? null : fit.ci95[1],
    n: fit.n,
    slope: fit.slope,
  };
}
