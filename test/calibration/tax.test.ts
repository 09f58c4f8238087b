import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_TAX_YEAR, TAX_YEARS, taxSchedule } from "../../lib/calibration/index.js";
import { readJson } from "../../lib/calibration/files.js";

const RATES = [0.1, 0.12, 0.22, 0.24, 0.32, 0.35, 0.37];

test("2019 is the default and matches the official EconAgent brackets exactly", () => {
  assert.equal(DEFAULT_TAX_YEAR, 2019);
  const s = taxSchedule(2019);
  assert.deepEqual(s.cutoffs, [0, 808.33, 3289.58, 7016.67, 13393.75, 17008.33, 42525.0]);
  assert.deepEqual(s.rates, RATES);
});

test("2018 and 2022 cutoffs are the annual edges / 12, rounded to cents", () => {
  const edges: Record<number, number[]> = {
    2018: [9525, 38700, 82500, 157500, 200000, 500000],
    2022: [10275, 41775, 89075, 170050, 215950, 539900],
  };
  for (const year of [2018, 2022] as const) {
    const s = taxSchedule(year);
    assert.equal(s.year, year);
    assert.deepEqual(s.cutoffs, [0, ...edges[year].map((e) => Math.round((e / 12) * 100) / 100)]);
    assert.deepEqual(s.rates, RATES);
  }
  assert.deepEqual(taxSchedule(2022).cutoffs, [0, 856.25, 3481.25, 7422.92, 14170.83, 17995.83, 44991.67]);
});

test("the file records standard deductions and the default year", () => {
  type File = Record<string, { standard_deduction: number }> & { default_year: number };
  const json = readJson("tax_schedules.json") as File;
  assert.equal(json.default_year, 2019);
  assert.deepEqual(TAX_YEARS.map((y) => json[y].standard_deduction), [12000, 12200, 12950]);
});

test("schedules are copies and unknown years are refused", () => {
  (taxSchedule(2019).cutoffs as number[])[1] = 0; // a caller that ignores the readonly type cannot change the data
  assert.equal(taxSchedule(2019).cutoffs[1], 808.33);
  assert.throws(() => taxSchedule(2020 as 2019), /tax year: got 2020/);
});
