import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  decisionPanel, decisionRationality, RATIONALITY_REGRESSORS, type DecisionObservation,
} from "../../lib/analysis/decisionRationality.js";
import { compositePolicy } from "../../lib/households/rules/ruleBased.js";
import { DEFAULT_RULE_PARAMETERS } from "../../lib/households/rules/ruleParameters.js";
import type { HouseholdPolicy } from "../../lib/economy/policy.js";
import { createRng } from "../../lib/rng.js";
import { resolveConfig } from "../../lib/run/config.js";
import { parseCsv } from "../../lib/run/csv.js";
import { runExperiment } from "../../lib/run/runExperiment.js";
import { closeTo, near } from "../support/approx.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-rationality-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

// Two households, three months, 10 hours a month. Initial wages 2 and 4: P0 = mean wage at month 1 = 3.
// Mean wage at the decision of month t is monthly.mean_wage of t − 1: 3, 3.6, 4.5.
const HAND = {
  hoursPerMonth: 10,
  households: [
    { household: 0, initial_wage: 2 },
    { household: 1, initial_wage: 4 },
  ],
  monthly: [
    { month: 1, price: 3.3, mean_wage: 3.6, interest_rate: 0.03 },
    { month: 2, price: 3.63, mean_wage: 4.5, interest_rate: 0.03 },
    { month: 3, price: 3, mean_wage: 4, interest_rate: 0.05 },
  ],
  decisions: [
    // Household 0 works in months 1 and 3: relative wages 2/3 (month 1) and 120/10/4.5 = 8/3 (month 3).
    { month: 1, household: 0, work_propensity: 1, consumption_propensity: 0.5, worked: 1, income: 20, tax: 2, transfer: 3, consumption: 10, savings: 11 },
    { month: 2, household: 0, work_propensity: 0, consumption_propensity: 0.4, worked: 0, income: 0, tax: 0, transfer: 1, consumption: 5, savings: 7 },
    { month: 3, household: 0, work_propensity: 1, consumption_propensity: 0.3, worked: 1, income: 120, tax: 12, transfer: 2, consumption: 6, savings: 111 },
    // Household 1 never works: relative wage 4/3 from its initial wage, carried forward.
    { month: 1, household: 1, work_propensity: 0, consumption_propensity: 0.2, worked: 0, income: 0, tax: 0, transfer: 3, consumption: 1, savings: 2 },
    { month: 2, household: 1, work_propensity: 0, consumption_propensity: 0.2, worked: 0, income: 0, tax: 0, transfer: 1, consumption: 1, savings: 2 },
    { month: 3, household: 1, work_propensity: "0.5", consumption_propensity: 0.2, worked: 0, income: 0, tax: 0, transfer: 2, consumption: 1, savings: 3 },
  ],
};

test("decisionPanel rebuilds the decision-time state, by hand", () => {
  const panel = decisionPanel(HAND);
  const pick = (o: DecisionObservation) => [o.month, o.household, o.work, o.consumption, o.last_consumption, o.tax, o.transfer, o.price, o.savings, o.interest_rate, o.income_exact];
  assert.deepEqual(panel.map(pick), [
    [1, 0, 1, 0.5, 0, 0, 0, 3, 0, 0.03, true],
    [2, 0, 0, 0.4, 10, 2, 3, 3.3, 11, 0.03, false],
    [3, 0, 1, 0.3, 5, 0, 1, 3.63, 7, 0.05, true],
    [1, 1, 0, 0.2, 0, 0, 0, 3, 0, 0.03, true],
    [2, 1, 0, 0.2, 1, 0, 3, 3.3, 2, 0.03, false],
    [3, 1, 0.5, 0.2, 1, 0, 1, 3.63, 2, 0.05, false],
  ]);
  // Household 0: 10·2 = 20; month 2 interpolated: √(2/3 · 8/3) = 4/3 of the mean 3.6 → 48; month 3 exact 120.
  // Household 1: 10·4 = 40, then 4/3 of the mean: 48 and 60.
  const income = panel.map((o) => o.expected_income);
  [20, 48, 120, 40, 48, 60].forEach((v, k) => near(income[k], v, 1e-9));
});

test("decisionPanel names a missing column or month", () => {
  const noIncome = { ...HAND, decisions: HAND.decisions.map(({ income: _income, ...rest }) => rest) };
  assert.throws(() => decisionPanel(noIncome), /decisions column "income" is missing/);
  assert.throws(() => decisionPanel({ ...HAND, decisions: HAND.decisions.filter((d) => d.month !== 2) }), /no decisions row for month 2/);
  assert.throws(() => decisionPanel({ ...HAND, monthly: HAND.monthly.slice(0, 2) }), /monthly has no row for month 3/);
});

test("decisionPanel matches the state a policy actually saw, from a run's files", async () => {
  // A probe policy records the decision-time state; work is forced to 0.6 so households have spells without work.
  const inner = compositePolicy(DEFAULT_RULE_PARAMETERS, 168);
  const seen: DecisionObservation[] = [];
  const probe: HouseholdPolicy = {
    name: "probe",
    init: (economy, rng) => inner.init!(economy, rng),
    decide(ctx, out) {
      inner.decide(ctx, out);
      out.work.fill(0.6);
      const s = ctx.economy;
      for (let i = 0; i < s.n; i++) {
        seen.push({
          month: ctx.month, household: i, work: 0.6, consumption: out.consumption[i], expected_income: 168 * s.wage[i],
          last_consumption: s.spend[i], tax: s.tax[i], transfer: s.transfer[i], price: s.price, savings: s.savings[i],
          interest_rate: s.rate, income_exact: true,
        });
      }
    },
  };
  const out = path.join(tmp, "probe");
  await runExperiment(resolveConfig({ policy: "composite", households: 20, months: 36, seed: 3 }), { out, policy: probe });
  const read = (name: string) => parseCsv(fs.readFileSync(path.join(out, name), "utf8"));
  const panel = decisionPanel({ decisions: read("decisions.csv"), monthly: read("monthly.csv"), households: read("households.csv") });
  assert.equal(panel.length, 20 * 36);
  const truth = new Map(seen.map((o) => [`${o.month}/${o.household}`, o]));
  let estimated = 0;
  let worst = 0;
  for (const o of panel) {
    const t = truth.get(`${o.month}/${o.household}`)!;
    for (const key of ["work", "consumption", "last_consumption", "tax", "transfer", "price", "savings", "interest_rate"] as const) {
      assert.ok(closeTo(o[key], t[key], 1e-12), `${key} of household ${o.household} in month ${o.month}: ${o[key]} vs ${t[key]}`);
    }
    if (o.income_exact) assert.ok(closeTo(o.expected_income, t.expected_income, 1e-12));
    else {
      estimated++;
      worst = Math.max(worst, Math.abs(o.expected_income / t.expected_income - 1));
    }
  }
  assert.ok(estimated > 100, `enough estimated months to judge (${estimated})`);
  assert.ok(worst < 0.05, `estimated expected income within 5% (worst ${worst})`);
});

/** A synthetic panel with known dependencies: the regression must find them, with the right signs. */
function syntheticPanel(): DecisionObservation[] {
  const rng = createRng("rationality");
  const noise = () => rng.uniform(-0.01, 0.01);
  const panel: DecisionObservation[] = [];
  for (let household = 0; household < 3; household++) {
    for (let month = 1; month <= 40; month++) {
      const savings = rng.uniform(0, 1e5);
      const price = rng.uniform(100, 200);
      const obs = {
        month, household, income_exact: true,
        expected_income: rng.uniform(1000, 5000), last_consumption: rng.uniform(0, 3000), tax: rng.uniform(0, 500),
        transfer: rng.uniform(0, 800), price, savings, interest_rate: 0.03,
        // Household 0 works less the more it has saved, household 1 more, household 2 always works.
        work: household === 2 ? 1 : 0.5 + (household === 0 ? -1 : 1) * 4e-6 * savings + noise(),
        // Everyone spends a larger share when the price is higher.
        consumption: 0.2 + 0.002 * price + noise(),
      };
      panel.push(obs);
    }
  }
  return panel;
}

test("decisionRationality counts significant coefficients by sign", () => {
  const result = decisionRationality(syntheticPanel());
  assert.equal(result.alpha, 0.05);
  assert.equal(result.standardized, true);
  assert.equal(result.regressions.length, 6);
  assert.equal(result.counts.length, 2 * RATIONALITY_REGRESSORS.length);
  const count = (response: string, regressor: string) => result.counts.find((c) => c.response === response && c.regressor === regressor)!;
  const savings = count("work", "savings");
  assert.deepEqual([savings.tested, savings.positive, savings.negative, savings.untested], [2, 1, 1, 1]);
  const price = count("consumption", "price");
  assert.deepEqual([price.tested, price.positive, price.negative], [3, 3, 0]);
  assert.ok(price.median_estimate! > 0);
  const rate = count("consumption", "interest_rate");
  assert.deepEqual([rate.tested, rate.untested, rate.median_estimate], [0, 3, null]);
  for (const c of result.counts) {
    assert.equal(c.positive + c.negative + c.not_significant, c.tested);
    assert.equal(c.tested + c.untested, 3);
  }
  const constant = result.regressions.find((r) => r.household === 2 && r.response === "work")!;
  assert.ok(constant.fit.notes.some((n) => /y is constant/.test(n)));
});

test("decisionRationality: standardising changes the estimates' scale, not the tests", () => {
  const panel = syntheticPanel();
  const z = decisionRationality(panel);
  const raw = decisionRationality(panel, { standardize: false, alpha: 0.01 });
  assert.equal(raw.standardized, false);
  z.regressions.forEach((r, k) => {
    r.fit.coefficients.slice(1).forEach((c, j) => {
      const other = raw.regressions[k].fit.coefficients[j + 1];
      if (c.p === null) assert.equal(other.p, null);
      else near(other.p!, c.p, 1e-9);
    });
  });
  const savings = raw.regressions[0].fit.coefficients[1 + RATIONALITY_REGRESSORS.indexOf("savings")];
  near(savings.estimate!, -4e-6, 2e-7);
});
