import assert from "node:assert/strict";
import { test } from "node:test";
import { taylorRule } from "../../lib/economy/centralBank.js";
import { DEFAULT_PARAMETERS } from "../../lib/economy/parameters.js";

test("Taylor rule (eq. 13): r = r^n + π^t + 0.5(π − π^t) + 0.5(u^n − u), floored at 0", () => {
  // 0.01 + 0.02 + 0.5·(0.05 − 0.02) + 0.5·(0.04 − 0.06) = 0.035
  assert.ok(Math.abs(taylorRule(DEFAULT_PARAMETERS, 0.05, 0.06) - 0.035) < 1e-15);
  // At target inflation and natural unemployment the rate is r^n + π^t = 0.03.
  assert.ok(Math.abs(taylorRule(DEFAULT_PARAMETERS, 0.02, 0.04) - 0.03) < 1e-15);
  // Deflation with high unemployment: 0.03 + 0.5·(−0.12) + 0.5·(−0.16) < 0 → 0.
  assert.equal(taylorRule(DEFAULT_PARAMETERS, -0.1, 0.2), 0);
});
