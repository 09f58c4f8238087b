/**
 * Savings and loans (`--bank on`; docs/model.md §8, the seed's §4.6 extension). One bank takes deposits and lends:
 *
 * - **Deposits** earn the policy rate r, credited monthly (r/12). A household's money s_i (what eq. 6 budgets
 *   from) is its cash plus its deposit; after its purchases it keeps the share `saving` of its money on deposit.
 *   With the bank on, deposits replace the December interest of eq. 12 (cash earns nothing).
 * - **Loans** cost r + spread a year, accrued monthly. The credit line is `creditMultiple` × the household's
 *   expected monthly income 168·w_i; each month it may draw the share `borrow` of what is left of the line. A draw
 *   re-amortises the whole debt over `loanTerm` months (an annuity instalment).
 * - **Repayment**: the instalment is due every month with debt, paid from money after income and transfers. A
 *   household that cannot pay misses it (arrears; the debt keeps accruing); after `defaultAfter` consecutive missed
 *   instalments the loan defaults: the bank writes it off and the household's credit is frozen for
 *   `creditFreeze` months. A household in arrears cannot draw.
 * - **The bank's balance sheet**: assets = loans (Σ debt) + reserves; liabilities = deposits (Σ deposit);
 *   equity = assets − liabilities. Lending pays out of reserves (negative reserves are funding from the central
 *   bank at no cost); instalments and deposits flow into reserves; interest on loans raises equity, interest on
 *   deposits and write-offs lower it. Every month Δequity = loan interest − deposit interest − write-offs.
 */
import type { AnnualRow, BANK_ANNUAL_COLUMNS, BANK_MONTHLY_COLUMNS, MonthlyRow } from "./rows.js";
import type { EconomyState } from "./state.js";

/** The bank's terms (`--loan-spread`, `--credit-multiple`, `--loan-term`, `--default-after`, `--credit-freeze`; docs/model.md §8). */
export interface BankParameters {
  /** Annual spread of the loan rate over the policy rate. */
  loanSpread: number;
  /** Credit line as a multiple of expected monthly income (168·w). */
  creditMultiple: number;
  /** Months over which a loan is repaid. */
  loanTerm: number;
  /** Consecutive missed instalments after which a loan defaults. */
  defaultAfter: number;
  /** Months a household's credit stays frozen after a default. */
  creditFreeze: number;
}

/**
 * The default terms of the bank.
 * @example
 * DEFAULT_BANK.loanTerm; // 12 monthly instalments
 */
export const DEFAULT_BANK: Readonly<BankParameters> = Object.freeze({
  loanSpread: 0.02,
  creditMultiple: 3,
  loanTerm: 12,
  defaultAfter: 3,
  creditFreeze: 24,
});

/**
 * The bank's terms out of a larger configuration.
 * @example
 * bankParameters(resolveConfig({ bank: "on" })); // { loanSpread: 0.02, creditMultiple: 3, loanTerm: 12, defaultAfter: 3, creditFreeze: 24 }
 */
export function bankParameters(p: BankParameters): BankParameters {
  const { loanSpread, creditMultiple, loanTerm, defaultAfter, creditFreeze } = p;
  return { loanSpread, creditMultiple, loanTerm, defaultAfter, creditFreeze };
}

/** The month's bank flows (dollars; `defaults` and `missed` are counts of households). */
export interface BankFlows {
  newLending: number;
  repayments: number;
  loanInterest: number;
  depositInterest: number;
  writeOffs: number;
  defaults: number;
  missed: number;
}

/** Households' bank accounts (struct-of-arrays, like the economy) and the bank's own balance sheet. */
export interface BankState {
  readonly deposit: Float64Array;
  readonly debt: Float64Array;
  readonly instalment: Float64Array;
  /** Consecutive missed instalments. */
  readonly missed: Uint8Array;
  /** First month in which a household whose loan defaulted may borrow again (0 = never defaulted). */
  readonly frozenUntil: Int32Array;
  /** Drawn this month. */
  readonly drawn: Float64Array;
  reserves: number;
  equity: number;
  flows: BankFlows;
}

/**
 * The per-household arrays of the bank's state, in the order a checkpoint stores them.
 * @example
 * BANK_ARRAYS.includes("debt"); // true
 */
export const BANK_ARRAYS = ["deposit", "debt", "instalment", "missed", "frozenUntil", "drawn"] as const;

const noFlows = (): BankFlows => ({ newLending: 0, repayments: 0, loanInterest: 0, depositInterest: 0, writeOffs: 0, defaults: 0, missed: 0 });

/**
 * Zeroed bank accounts and balance sheet for `n` households.
 * @example
 * const bank = allocateBank(100); // no deposits, no debt, zero reserves and equity
 */
export function allocateBank(n: number): BankState {
  return {
    deposit: new Float64Array(n),
    debt: new Float64Array(n),
    instalment: new Float64Array(n),
    missed: new Uint8Array(n),
    frozenUntil: new Int32Array(n),
    drawn: new Float64Array(n),
    reserves: 0,
    equity: 0,
    flows: noFlows(),
  };
}

/**
 * The annuity instalment that repays `debt` in `term` equal monthly payments at monthly rate `i`.
 * @example
 * annuity(1200, 0, 12);     // 100
 * annuity(1000, 0.01, 12);  // 1000 · 0.01 / (1 − 1.01^−12) = 88.85
 */
export function annuity(debt: number, i: number, term: number): number {
  if (debt <= 0) return 0;
  return i === 0 ? debt / term : (debt * i) / (1 - Math.pow(1 + i, -term));
}

/**
 * Money a household may still draw this month (0 while in arrears or frozen).
 * @example
 * availableCredit(bank, state, 0, 1, DEFAULT_BANK, 168); // 3 · 168 · $10 = $5,040 for a household at $10 an hour without debt
 */
export function availableCredit(bank: BankState, state: Readonly<EconomyState>, i: number, month: number, p: BankParameters, hours: number): number {
  if (bank.missed[i] > 0 || month < bank.frozenUntil[i]) return 0;
  return Math.max(0, p.creditMultiple * hours * state.wage[i] - bank.debt[i]);
}

/**
 * The month's bank step, after income, tax and transfers and before purchases: interest on deposits and debt,
 * instalments (or arrears and defaults), then new loans at the households' `borrow` shares.
 * @example
 * const flows = operateBank(bank, state, decisions.borrow, month, DEFAULT_BANK, 168); // flows.newLending, flows.defaults, …
 */
export function operateBank(
  bank: BankState,
  state: EconomyState,
  borrow: Float64Array,
  month: number,
  p: BankParameters,
  hours: number,
): BankFlows {
  const { deposit, debt, instalment, missed, frozenUntil, drawn } = bank;
  const { savings } = state;
  const flows = noFlows();
  const depositRate = state.rate / 12;
  const loanRate = (state.rate + p.loanSpread) / 12;
  for (let i = 0; i < state.n; i++) {
    const di = deposit[i] * depositRate;
    deposit[i] += di;
    savings[i] += di;
    flows.depositInterest += di;
    drawn[i] = 0;
    if (debt[i] > 0) {
      const li = debt[i] * loanRate;
      debt[i] += li;
      flows.loanInterest += li;
      const due = Math.min(instalment[i], debt[i]);
      if (savings[i] >= due) {
        savings[i] -= due;
        debt[i] -= due;
        flows.repayments += due;
        missed[i] = 0;
        if (debt[i] <= 1e-9) {
          debt[i] = 0;
          instalment[i] = 0;
        }
      } else if (++missed[i] >= p.defaultAfter) {
        flows.writeOffs += debt[i];
        flows.defaults++;
        debt[i] = 0;
        instalment[i] = 0;
        missed[i] = 0;
        frozenUntil[i] = month + 1 + p.creditFreeze;
      } else {
        flows.missed++;
      }
    }
    const draw = borrow[i] * availableCredit(bank, state, i, month, p, hours);
    if (draw > 0) {
      drawn[i] = draw;
      debt[i] += draw;
      savings[i] += draw;
      instalment[i] = annuity(debt[i], loanRate, p.loanTerm);
      flows.newLending += draw;
    }
  }
  // Σ deposits are unchanged by the above except for interest, which the bank pays out of equity, not reserves.
  bank.reserves += flows.repayments - flows.newLending;
  bank.equity += flows.loanInterest - flows.depositInterest - flows.writeOffs;
  bank.flows = flows;
  return flows;
}

/**
 * After purchases: each household keeps the share `saving` of its money on deposit (the rest is cash).
 * @example
 * placeDeposits(bank, state, decisions.saving); // deposit_i = saving_i · max(0, s_i)
 */
export function placeDeposits(bank: BankState, state: Readonly<EconomyState>, saving: Float64Array): void {
  const { deposit } = bank;
  let change = 0;
  for (let i = 0; i < state.n; i++) {
    const target = saving[i] * Math.max(0, state.savings[i]);
    change += target - deposit[i];
    deposit[i] = target;
  }
  bank.reserves += change;
}

const total = (a: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
};

/**
 * The bank's columns of a monthly row (`BANK_MONTHLY_COLUMNS`): month-end stocks and the month's flows.
 * @example
 * bankMonthly(bank).household_debt; // Σ debt_i at the end of the month
 */
export function bankMonthly(bank: BankState): Required<Pick<MonthlyRow, (typeof BANK_MONTHLY_COLUMNS)[number]>> {
  const f = bank.flows;
  return {
    deposits: total(bank.deposit),
    household_debt: total(bank.debt),
    new_lending: f.newLending,
    repayments: f.repayments,
    loan_interest: f.loanInterest,
    deposit_interest: f.depositInterest,
    write_offs: f.writeOffs,
    defaults: f.defaults,
    missed_payments: f.missed,
    bank_reserves: bank.reserves,
    bank_equity: bank.equity,
  };
}

/**
 * The bank's columns of an annual row (`BANK_ANNUAL_COLUMNS`) from the year's monthly rows.
 * @example
 * bankYear(monthly.slice(-12), yearIncome).default_rate; // write-offs ÷ mean month-end debt, or null without debt
 */
export function bankYear(months: readonly MonthlyRow[], yearIncome: number): Required<Pick<AnnualRow, (typeof BANK_ANNUAL_COLUMNS)[number]>> {
  const last = months[months.length - 1];
  const sum = (key: "new_lending" | "write_offs" | "household_debt") => months.reduce((acc, m) => acc + (m[key] ?? 0), 0);
  const meanDebt = sum("household_debt") / months.length;
  return {
    household_debt: last.household_debt ?? 0,
    deposits: last.deposits ?? 0,
    new_lending: sum("new_lending"),
    default_rate: meanDebt > 0 ? sum("write_offs") / meanDebt : null,
    debt_to_income: yearIncome > 0 ? (last.household_debt ?? 0) / yearIncome : null,
  };
}
