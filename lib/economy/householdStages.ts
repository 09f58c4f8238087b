import type { Decisions } from "./policy.js";
import type { Stage } from "./stage.js";

/** January of every year after the first: households age by one year and the year's income starts over (docs/model.md §2). */
export const newYearStage: Stage = {
  name: "newYear",
  equation: "docs/model.md §2 (ages)",
  run(m) {
    if (m.context.monthOfYear !== 1 || m.context.month === 1) return;
    const { age, yearIncome } = m.parts.state;
    for (let i = 0; i < age.length; i++) age[i]++;
    yearIncome.fill(0);
  },
};

/** §3 step 1: the households' policy decides from last month's state; propensities are clamped to [0, 1]. */
export const decideStage: Stage = {
  name: "decide",
  equation: "docs/model.md §3 step 1",
  async run(m) {
    const { policy, decisions } = m.parts;
    await policy.decide(m.context, decisions);
    clampDecisions(decisions, policy.name);
  },
};

/** Clamp every propensity to [0, 1]; a NaN is the policy's bug and stops the run. */
function clampDecisions(decisions: Decisions, policy: string): void {
  const { work, consumption, saving, borrow } = decisions;
  for (let i = 0; i < work.length; i++) {
    const w = work[i];
    const c = consumption[i];
    if (!(w >= 0 && w <= 1) || !(c >= 0 && c <= 1)) {
      if (Number.isNaN(w) || Number.isNaN(c)) {
        throw new Error(`policy ${policy} returned NaN for household ${i} (work ${w}, consumption ${c})`);
      }
      work[i] = Math.min(1, Math.max(0, w));
      consumption[i] = Math.min(1, Math.max(0, c));
    }
  }
  for (const shares of [saving, borrow]) {
    if (!shares) continue;
    for (let i = 0; i < shares.length; i++) {
      if (!(shares[i] >= 0 && shares[i] <= 1)) {
        if (Number.isNaN(shares[i])) throw new Error(`policy ${policy} returned NaN saving or borrowing for household ${i}`);
        shares[i] = Math.min(1, Math.max(0, shares[i]));
      }
    }
  }
}
