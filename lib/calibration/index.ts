/** Real-world calibration data (US federal statistics) and the samplers built on it; see data/README.md. */
export { TAX_YEARS, DEFAULT_TAX_YEAR, taxSchedule, type TaxYear, type TaxSchedule } from "./tax.js";
export { usAges2018, sampleAges, type AgeDistribution } from "./ages.js";
export { usNames, householdNames, type NameLists, type NameOf } from "./names.js";
export { jobTitles } from "./jobs.js";
export {
  OEWS_YEARS,
  oewsWages,
  wageTopTail2019,
  type OewsYear,
  type OewsWages,
  type WagePercentiles,
  type TailPoint,
} from "./wages.js";
export { usMacro, usMonthly, usQuarterly, type MacroYear, type UsMonth, type UsQuarter } from "./macro.js";
