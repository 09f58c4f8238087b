import { test } from "node:test";
import assert from "node:assert/strict";
import { ANNUAL_COLUMNS } from "../../lib/economy/rows.js";
import { annualRelation } from "../../lib/analysis/annualRelation.js";
import { BLANK, row } from "../support/annualRows.js";

test("annualRelation works on any pair of columns and keeps a fixed key order", () => {
  const annual = [1, 2, 3, 4, 5].map((year) => row({ year, interest_rate: year / 100, mean_savings: 100 - 10 * year }));
  const relation = annualRelation(annual, "interest_rate", "mean_savings");
  assert.equal(relation.r, -1);
  assert.equal(relation.p, 0);
  assert.equal(relation.n, 4);
  assert.deepEqual(relation.years, [2, 3, 4, 5]);
  assert.deepEqual(Object.keys(relation), ["r", "p", "n", "ci95", "slope", "intercept", "x", "y", "years"]);
});

test("annualRelation does not modify the rows", () => {
  const annual = [1, 2, 3, 4].map((year) => Object.freeze(row({ year, real_gdp: year, nominal_gdp: year * year })));
  const before = JSON.stringify(annual);
  annualRelation(Object.freeze(annual), "real_gdp", "nominal_gdp");
  assert.equal(JSON.stringify(annual), before);
});

test("the blank test row covers every annual column", () => {
  assert.deepEqual(Object.keys(BLANK), [...ANNUAL_COLUMNS]);
});

test("annualRelation rejects an empty run", () => {
  assert.throws(() => annualRelation([], "real_gdp", "nominal_gdp"), /at least one annual row/);
});
