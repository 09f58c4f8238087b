import { test } from "node:test";
import assert from "node:assert/strict";
import { usOkunsLaw, usOkunsLawPp, usPhillipsCurve } from "../../lib/analysis/usRelations.js";
import { usMacro } from "../../lib/calibration/index.js";
import { near } from "../support/approx.js";

// Expected values: scipy.stats.pearsonr / linregress on the calibration.md table; intervals by tanh(atanh r ± 1.96/√(n−3)).

test("usPhillipsCurve: unemployment vs AHE growth, 2001–2020 (weak, not significant)", () => {
  const rows = usMacro();
  const c = usPhillipsCurve(rows);
  assert.equal(c.n, 20);
  assert.deepEqual(c.years, rows.map((r) => r.year));
  near(c.x[8], 0.0928);
  near(c.y[8], 0.0299);
  near(c.r, -0.23016415682951241);
  near(c.p, 0.32894604785600617, 1e-8);
  near(usPhillipsCurve(rows.slice(0, 19)).r, -0.48145347292520792);
});

test("usOkunsLaw: relative change of unemployment vs real GDP growth, 2002–2020", () => {
  const c = usOkunsLaw(usMacro());
  assert.equal(c.n, 19);
  assert.equal(c.years[0], 2002);
  near(c.x[0], 5.78 / 4.74 - 1);
  near(c.y[0], 0.017);
  near(c.r, -0.8706606142671054);
  near(c.p, 1.244835786726993e-6, 1e-12);
  assert.ok(c.ci95);
  near(c.ci95[0], -0.9494130053409968);
  near(c.ci95[1], -0.6888755078479409);
  near(c.slope, -0.04453486463991494);
});

test("usOkunsLawPp: change of unemployment in percentage points vs real GDP growth", () => {
  const c = usOkunsLawPp(usMacro());
  assert.equal(c.n, 19);
  near(c.x[6], 5.8 - 4.62); // 2008 (x[0] is 2002)
  near(c.r, -0.891506452665715);
  near(c.p, 3.0079772571141307e-7, 1e-12);
  near(c.slope, -0.01024597081453335);
  near(c.intercept, 0.02077507694404379);
});

test("US relations of fewer than 3 years are undefined, not errors", () => {
  const c = usOkunsLaw(usMacro().slice(0, 3));
  assert.equal(c.n, 2);
  assert.equal(c.r, null);
  assert.equal(c.slope, null);
});
