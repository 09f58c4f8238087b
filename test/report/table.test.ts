import { test } from "node:test";
import assert from "node:assert/strict";
import { formatAnnualTable, formatCell, formatFitLine, formatTable } from "../../lib/report/index.js";
import { annualFixture } from "./fixtures.js";

test("formatAnnualTable: exact text, nulls as en dash", () => {
  assert.equal(
    formatAnnualTable(annualFixture()),
    [
      "Year  Unemp %  Price infl %  Wage infl %  Nominal GDP  Real GDP growth %  Rate %",
      "----  -------  ------------  -----------  -----------  -----------------  ------",
      "2001     5.00             –            –    1,234,567                  –    3.00",
      "2002     7.00          2.10        -1.30    1,300,000               1.25    3.50",
      "2003     4.00         -0.50         2.00    1,350,000               2.40    3.25",
    ].join("\n"),
  );
});

test("formatTable: text columns left-aligned, missing keys as en dash", () => {
  const out = formatTable(
    [{ policy: "LLM", gini: 0.4234 }, { policy: "Composite", gini: null }, { policy: "x" }],
    [{ key: "policy", header: "Policy", format: "str" }, { key: "gini", header: "Gini", format: "num" }],
  );
  assert.equal(out, ["Policy      Gini", "---------  -----", "LLM        0.423", "Composite      –", "x              –"].join("\n"));
});

test("formatCell edge cases", () => {
  assert.equal(formatCell(-0.00001, "pct"), "0.00");
  assert.equal(formatCell(999.5, "money"), "1,000");
  assert.equal(formatCell(-1234567, "money"), "-1,234,567");
  assert.equal(formatCell(Number.NaN, "num"), "–");
  assert.equal(formatCell(12, "num"), "12");
});

test("formatFitLine", () => {
  assert.equal(
    formatFitLine("Phillips curve (unemployment vs wage inflation)", { r: 0.8123, p: 0.00001, n: 19 }),
    "Phillips curve (unemployment vs wage inflation): r = +0.81, p < 0.001, n = 19",
  );
});
