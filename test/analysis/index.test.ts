import { test } from "node:test";
import assert from "node:assert/strict";
import * as analysis from "../../lib/analysis/index.js";

test("index re-exports every analysis function", () => {
  for (const name of [
    "annualRelation", "annualize", "checkSeries", "fisherCi", "gini", "isConstant", "mean", "okunsLaw", "olsLine",
    "pairedDefined", "pearson", "phillipsCurve", "seriesRange", "summarizeRun", "tTestPValue", "okunsLawPp",
    "unemploymentChangePp", "annualBand", "seedStatistics", "summarizeSeeds", "decisionPanel", "decisionRationality",
    "describeSample", "employmentGrowth", "employmentRealGdpCorrelation", "okunIdentity", "phillipsMechanism",
    "quantile", "ols", "relationRow", "usOkunsLaw", "usOkunsLawPp", "usPhillipsCurve", "robustInference",
  ]) {
    assert.equal(typeof (analysis as Record<string, unknown>)[name], "function", name);
  }
});
