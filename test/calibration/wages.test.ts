import { test } from "node:test";
import assert from "node:assert/strict";
import { OEWS_YEARS, oewsWages, wageTopTail2019 } from "../../lib/calibration/index.js";

test("OEWS May 2022 national wages match the published figures", () => {
  const w = oewsWages(2022);
  assert.equal(w.employment, 147886000);
  assert.deepEqual(w.hourly, { p10: 13.14, p25: 16.03, median: 22.26, p75: 35.32, p90: 53.03, mean: 29.76 });
  assert.deepEqual(w.annual, { p10: 27340, p25: 33330, median: 46310, p75: 73460, p90: 110290, mean: 61900 });
});

test("every OEWS year has annual ≈ hourly × 2080", () => {
  for (const year of OEWS_YEARS) {
    const w = oewsWages(year);
    for (const m of ["p10", "p25", "median", "p75", "p90", "mean"] as const) {
      assert.ok(Math.abs(w.hourly[m] * 2080 - w.annual[m]) <= 25, `${year} ${m}`);
    }
  }
  assert.equal(oewsWages(2019).hourly.median, 19.14);
  assert.equal(oewsWages(2018).employment, 144733270);
});

test("the 2019 W-2 top tail", () => {
  assert.deepEqual(wageTopTail2019(), [
    { percentile: 90, annual: 106900 },
    { percentile: 95, annual: 147900 },
    { percentile: 99, annual: 321600 },
    { percentile: 99.9, annual: 1014000 },
    { percentile: 99.99, annual: 4165000 },
  ]);
});
