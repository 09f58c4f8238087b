import type { AnnualRow } from "../../lib/economy/rows.js";
import type { CurveFit } from "../../lib/report/index.js";

/** Three years of a run: year 1 has no inflation or growth (nulls). */
export function annualFixture(): AnnualRow[] {
  const base = {
    unemployment_growth: null, gini_income: 0.4, gini_savings: 0.6, mean_savings: 1000,
  };
  return [
    { ...base, year: 2001, unemployment_rate: 0.05, price_inflation: null, wage_inflation: null, nominal_gdp: 1234567.4,
      real_gdp: 1234567.4, nominal_gdp_growth: null, real_gdp_growth: null, interest_rate: 0.03 },
    { ...base, year: 2002, unemployment_rate: 0.07, price_inflation: 0.021, wage_inflation: -0.013, nominal_gdp: 1300000,
      real_gdp: 1250000, nominal_gdp_growth: 0.053, real_gdp_growth: 0.0125, interest_rate: 0.035 },
    { ...base, year: 2003, unemployment_rate: 0.04, price_inflation: -0.005, wage_inflation: 0.02, nominal_gdp: 1350000,
      real_gdp: 1280000, nominal_gdp_growth: 0.0385, real_gdp_growth: 0.024, interest_rate: 0.0325 },
  ];
}

export function phillipsFixture(): CurveFit {
  return {
    r: -0.6189, p: 0.0047, n: 3, slope: -2, intercept: 0.1,
    x: [0.05, 0.07, 0.04], y: [0.01, -0.013, 0.02], years: [2002, 2003, 2004],
  };
}

export function okunFixture(): CurveFit {
  return {
    r: -0.918, p: 0.00002, n: 3, slope: -0.5, intercept: 0.02,
    x: [0.1, -0.2, 0.4], y: [-0.03, 0.1, -0.18], years: [2002, 2003, 2004],
  };
}
