/**
 * The bank as part of the month (docs/model.md §8): the decisions it asks households for, the stages it inserts into
 * the paper's month and its reporters. Apart from bank.ts (accounts and operations) so that the month's vocabulary
 * (stage.ts, policy.ts) can name the bank's state without importing the stages built on it.
 */
import { bankMonthly, bankYear, operateBank, placeDeposits, type BankParameters, type BankState } from "./bank.js";
import type { Reporters, Stage, StageInsertion } from "./stage.js";

/** The decisions the bank asks households for, one share per household, allocated when the bank is on. */
export interface BankDecisions {
  /** The share of money left after purchases kept on deposit. */
  readonly saving: Float64Array;
  /** The share of the available credit line drawn this month. */
  readonly borrow: Float64Array;
}

/**
 * Zeroed decision arrays for `n` households.
 * @example
 * allocateBankDecisions(3).saving; // Float64Array [0, 0, 0]
 */
export function allocateBankDecisions(n: number): BankDecisions {
  return { saving: new Float64Array(n), borrow: new Float64Array(n) };
}

/**
 * The bank's changes to the paper's month: credit (interest, instalments, defaults, new loans) after income,
 * tax and transfers and before purchases; deposits after purchases; and no December interest on cash, since
 * deposits earn the policy rate every month.
 * @example
 * const bank = { state: allocateBank(n), params: DEFAULT_BANK };
 * orderStages(PAPER_MONTH, bankStages(bank, allocateBankDecisions(n))).map((s) => s.name);
 * // [..., "tax", "credit", "consume", "deposits", ..., "price", "centralBank", "offers"]
 */
export function bankStages(bank: { readonly state: BankState; readonly params: BankParameters }, decisions: BankDecisions): StageInsertion[] {
  const credit: Stage = {
    name: "credit",
    equation: "docs/model.md §8 (loans)",
    run(m) {
      operateBank(bank.state, m.parts.state, decisions.borrow, m.context.month, bank.params, m.params.hoursPerMonth);
    },
  };
  const deposits: Stage = {
    name: "deposits",
    equation: "docs/model.md §8 (deposits)",
    run(m) {
      placeDeposits(bank.state, m.parts.state, decisions.saving);
    },
  };
  return [
    { before: "consume", stage: credit },
    { after: "consume", stage: deposits },
    { removes: "interest", because: "with the bank on, deposits earn the policy rate monthly and cash earns nothing" },
  ];
}

/**
 * The bank's reporters: its columns after the paper's, in the monthly and the annual rows.
 * @example
 * orderStages(PAPER_MONTH, bankStages(bank, decisions)); // with bankReporters(bank.state) after PAPER_REPORTERS
 */
export function bankReporters(bank: BankState): Reporters {
  return {
    monthly: [() => bankMonthly(bank)],
    annual: [
      (m) => {
        const { yearIncome } = m.parts.state;
        let income = 0;
        for (let i = 0; i < yearIncome.length; i++) income += yearIncome[i];
        return bankYear(m.yearRows(), income);
      },
    ],
  };
}
