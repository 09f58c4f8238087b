export { annualRelation, type AnnualRelation } from "./annualRelation.js";
export { annualize } from "./annualize.js";
export { checkSeries } from "../stats/checkSeries.js";
export { fisherCi } from "../stats/fisherCi.js";
export { gini } from "../stats/gini.js";
export { isConstant } from "../stats/isConstant.js";
export { mean } from "../stats/mean.js";
export { okunsLaw, okunsLawPp, unemploymentChangePp } from "./okunsLaw.js";
export { olsLine, type Line } from "../stats/olsLine.js";
export { pairedDefined, type DefinedPairs } from "../stats/pairedDefined.js";
export { pearson, type Correlation } from "../stats/pearson.js";
export { phillipsCurve } from "./phillipsCurve.js";
export { seriesRange, type SeriesRange } from "../stats/seriesRange.js";
export { summarizeRun, type RelationSummary, type RunSummary } from "./summarizeRun.js";
export { tTestPValue } from "../stats/tTestPValue.js";
export { annualBand, seedStatistics, summarizeSeeds, type AnnualBand, type SeedRun, type SeedStatistics, type SeedsSummary } from "./acrossSeeds.js";
export {
  decisionPanel, decisionRationality, RATIONALITY_REGRESSORS, RATIONALITY_RESPONSES, type DecisionObservation, type RationalityResult,
} from "./decisionRationality.js";
export { describeSample, type SampleDescription } from "../stats/describeSample.js";
export { employmentGrowth, employmentRealGdpCorrelation, okunIdentity } from "./okunIdentity.js";
export { phillipsMechanism, type PhillipsMechanism } from "./phillipsMechanism.js";
export { quantile } from "../stats/quantile.js";
export { ols, type OlsCoefficient, type OlsFit } from "../stats/regression.js";
export { relationRow, type RelationRow } from "./relationRow.js";
export { usOkunsLaw, usOkunsLawPp, usPhillipsCurve } from "./usRelations.js";
export { robustInference, type RobustInference } from "./robustInference.js";
