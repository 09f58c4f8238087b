/**
 * How tax revenue returns to households. A scheme fills `transfers` (length N) so that the transfers sum to
 * `revenue` (budget balance: everything collected is redistributed) from post-tax incomes `netIncome`.
 * The extensions issue adds utility-based schemes behind this same signature.
 */
export type RedistributionScheme = (revenue: number, netIncome: Float64Array, transfers: Float64Array) => void;

/** The official scheme: an equal lump sum ΣT/N to every household, worker or not. */
export const equalSplit: RedistributionScheme = (revenue, _netIncome, transfers) => {
  transfers.fill(revenue / transfers.length);
};

export const REDISTRIBUTION_SCHEMES: Readonly<Record<string, RedistributionScheme>> = Object.freeze({
  equal: equalSplit,
});
