export { annualRelation, type AnnualRelation } from "./annualRelation.js";
export { annualize } from "./annualize.js";
export { checkSeries } from "./checkSeries.js";
export { fisherCi } from "./fisherCi.js";
export { gini } from "./gini.js";
export { isConstant } from "./isConstant.js";
export { mean } from "./mean.js";
export { okunsLaw, okunsLawPp, unemploymentChangePp } from "./okunsLaw.js";
export { olsLine, type Line } from "./olsLine.js";
export { pairedDefined, type DefinedPairs } from "./pairedDefined.js";
export { pearson, type Correlation } from "./pearson.js";
export { phillipsCurve } from "./phillipsCurve.js";
export { seriesRange, type SeriesRange } from "./seriesRange.js";
export { summarizeRun, type RelationSummary, type RunSummary } from "./summarizeRun.js";
export { tTestPValue } from "./tTestPValue.js";
export { annualBand, seedStatistics, summarizeSeeds, type AnnualBand, type SeedRun, type SeedStatistics, type SeedsSummary } from "./acrossSeeds.js";
export {
  decisionPanel, decisionRationality, RATIONALITY_REGRESSORS, RATIONALITY_RESPONSES, type DecisionObservation, type RationalityResult,
} from "./decisionRationality.js";
export { describeSample, type SampleDescription } from "./describeSample.js";
export { employmentGrowth, employmentRealGdpCorrelation, okunIdentity } from "./okunIdentity.js";
export { phillipsMechanism, type PhillipsMechanism } from "./phillipsMechanism.js";
export { quantile } from "./quantile.js";
export { ols, type OlsCoefficient, type OlsFit } from "./regression.js";
export { relationRow, type RelationRow } from "./relationRow.js";
export { usOkunsLaw, usOkunsLawPp, usPhillipsCurve } from "./usRelations.js";
export { robustInference, type RobustInference } from "./robustInference.js";
