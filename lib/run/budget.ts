import { UsageError } from "../errors.js";
import { KNOWN_PRICES } from "../llm/accounting.js";
import { modelName } from "./createLlmPolicy.js";
import type { RunConfig } from "./config.js";

/** The exit code of a run stopped by `--max-cost` (0 ok, 1 failed, 2 bad input, 130 Ctrl-C). */
export const BUDGET_EXIT_CODE = 3;

/**
 * The run stopped at a month boundary because the next month would have taken its spend past `--max-cost`.
 * @example
 * new BudgetExhausted(12, 4.5, 0.75, 5).message;
 * // "--max-cost: stopped after month 12: spent $4.5000, and month 13 (≈ $0.7500) would pass the cap of $5"
 */
export class BudgetExhausted extends Error {
  constructor(
    readonly month: number,
    readonly spentUsd: number,
    readonly nextMonthUsd: number,
    readonly maxCostUsd: number,
  ) {
    super(
      `--max-cost: stopped after month ${month}: spent $${spentUsd.toFixed(4)}, and month ${month + 1} (≈ $${nextMonthUsd.toFixed(4)}) ` +
        `would pass the cap of $${maxCostUsd}`,
    );
    this.name = "BudgetExhausted";
  }
}

/**
 * `--max-cost` needs prices: a known model is priced by its list price, any other by `--price-input` and
 * `--price-output`; without them the cap could never bind, so that is bad input (checked before anything is written).
 * @example
 * checkBudgetOptions(resolveConfig({ policy: "llm", maxCost: 5 })); // passes: gpt-4o-mini has list prices
 * checkBudgetOptions(resolveConfig({ policy: "cats", maxCost: 5 }));
 * // throws UsageError: --max-cost: got 5; allowed: only with --policy llm (policy is cats)
 */
export function checkBudgetOptions(config: RunConfig): void {
  if (config.maxCost === null) return;
  if (config.policy !== "llm") throw new UsageError("--max-cost", config.maxCost, `only with --policy llm (policy is ${config.policy})`);
  // With populations, every population's model must be priced.
  for (const model of config.populations ? config.populations.groups.map((g) => g.model) : [modelName(config)]) {
    if (!KNOWN_PRICES[model] && (config.priceInput === null || config.priceOutput === null)) {
      throw new UsageError("--max-cost", config.maxCost, `a cap on a priced model (${model} has no known prices: give --price-input and --price-output)`);
    }
  }
}

/**
 * The hard budget: before each month, project the spend to the month's end — spent so far plus the estimate of
 * the next month's calls, scaled up by how far spending has run over the estimate so far (never down: a warm
 * response cache makes calls free, not the estimate wrong) — and stop when it would pass the cap.
 * @example
 * const budget = new Budget(5, estimate.monthlyCostUsd);
 * budget.check(12, policy.spentUsd()); // throws BudgetExhausted when month 13 would pass $5
 */
export class Budget {
  constructor(
    readonly maxCostUsd: number,
    /** Estimated cost of each month's calls, month 1 first. */
    private readonly monthlyCostUsd: readonly number[],
  ) {}

  /** After `monthsDone` months (0 = before the first) with `spentUsd` spent: throw if the next month would pass the cap. */
  check(monthsDone: number, spentUsd: number): void {
    if (monthsDone >= this.monthlyCostUsd.length) return;
    const estimatedSoFar = this.monthlyCostUsd.slice(0, monthsDone).reduce((a, b) => a + b, 0);
    const overrun = estimatedSoFar > 0 ? Math.max(1, spentUsd / estimatedSoFar) : 1;
    const next = this.monthlyCostUsd[monthsDone] * overrun;
    if (spentUsd + next > this.maxCostUsd) throw new BudgetExhausted(monthsDone, spentUsd, next, this.maxCostUsd);
  }
}
