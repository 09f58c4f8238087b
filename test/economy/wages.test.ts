import assert from "node:assert/strict";
import { test } from "node:test";
import { officialWages, sampledOfficialWages, wageQuantile, calibratedWages } from "../../lib/economy/wages.js";
import { usWageCalibration2022 } from "../../lib/economy/initialize.js";
import { createRng } from "../../lib/rng.js";

// The mean of a sample's expected order statistics is the population mean:
// E[min(950, 949X + 1)] = 1 + 949·E[min(X, 1)] = 1 + 949·∫0^1 (1 + x)^−8 dx = 1 + 949·(1 − 2^−7)/7.
const POPULATION_MEAN = 1 + (949 * (1 - 2 ** -7)) / 7;

const meanOf = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;

test("officialWages: N = 100 matches the official figures (min 2.16, median 87.5, mean 135.3, max 793)", () => {
  const w = officialWages(100);
  assert.ok(Math.abs(w[0] - 2.16) / 2.16 < 0.05, `min ${w[0]}`);
  assert.ok(Math.abs((w[49] + w[50]) / 2 - 87.5) / 87.5 < 0.01);
  assert.ok(Math.abs(meanOf(w) - 135.3) / 135.3 < 0.01);
  assert.ok(Math.abs(w[99] - 793) / 793 < 0.01);
});

test("officialWages: the mean is the population mean exactly, for any N", () => {
  for (const n of [1, 100, 10_000]) {
    assert.ok(Math.abs(meanOf(officialWages(n)) - POPULATION_MEAN) / POPULATION_MEAN < 1e-9, `N = ${n}`);
  }
});

test("officialWages: N = 1,000,000 is sorted and inside [1, 950], the richest at the cap", () => {
  const w = officialWages(1_000_000);
  for (let i = 1; i < w.length; i++) assert.ok(w[i] >= w[i - 1] - 1e-9);
  assert.ok(w[0] >= 1 && w[w.length - 1] <= 950);
  assert.ok(Math.abs(w[w.length - 1] - 950) < 1e-6);
  assert.ok(Math.abs(meanOf(w) - POPULATION_MEAN) / POPULATION_MEAN < 1e-6);
});

test("officialWages agrees with the official 1000-draw average within its sampling noise (N = 100)", () => {
  // Independent reference: the official procedure with per-rank standard errors.
  const n = 100;
  const draws = 1000;
  const rng = createRng("wage-reference");
  const sum = new Float64Array(n);
  const sumSq = new Float64Array(n);
  const row = new Float64Array(n);
  for (let d = 0; d < draws; d++) {
    for (let i = 0; i < n; i++) row[i] = Math.min(950, 949 * (Math.pow(1 - rng.next(), -1 / 8) - 1) + 1);
    row.sort();
    for (let i = 0; i < n; i++) {
      sum[i] += row[i];
      sumSq[i] += row[i] * row[i];
    }
  }
  const exact = officialWages(n);
  for (let i = 0; i < n; i++) {
    const mean = sum[i] / draws;
    const se = Math.sqrt((sumSq[i] / draws - mean * mean) / (draws - 1));
    assert.ok(Math.abs(mean - exact[i]) < 4.5 * se + 1e-9, `rank ${i}: sampled ${mean} ± ${se}, exact ${exact[i]}`);
  }
  const sampled = sampledOfficialWages(createRng(1), n);
  assert.ok(Math.abs(meanOf(sampled) - POPULATION_MEAN) / POPULATION_MEAN < 0.02);
});

test("calibrated wages reproduce the OEWS 2022 percentiles they interpolate", () => {
  const cal = usWageCalibration2022();
  assert.ok(Math.abs(wageQuantile(0.5, cal) - 22.26) < 1e-12);
  assert.ok(Math.abs(wageQuantile(0.1, cal) - 13.14) < 1e-12);
  assert.ok(Math.abs(wageQuantile(0.9, cal) - 53.03) < 1e-12);
  // Pareto tail with α = 2: the 99th percentile is p90·√10.
  assert.ok(Math.abs(wageQuantile(0.99, cal) - 53.03 * Math.sqrt(10)) < 1e-9);
  const w = calibratedWages(1000, cal);
  assert.ok(w[0] >= 7.25 && w[999] <= cal.cap);
  assert.ok(Math.abs((w[499] + w[500]) / 2 - 22.26) < 0.1);
});
