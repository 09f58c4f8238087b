/**
 * The economy as struct-of-arrays: one typed array per household attribute, so a month is a few tight O(N) loops
 * and a million households fit in well under 1 GB.
 * Everything a checkpoint needs to continue a run is in here (plus the RNG state and the policy's own state).
 */
export interface EconomyState {
  readonly n: number;
  /** Months completed so far (0 before the first step). */
  month: number;
  /** Goods price P (after the last update) and its initial value P0, the base of real GDP. */
  price: number;
  readonly initialPrice: number;
  /** Annual interest rate r in force. */
  rate: number;
  /** Unsold goods G carried over. */
  inventory: number;

  /** Hourly wage w_i. */
  readonly wage: Float64Array;
  /** Money s_i. */
  readonly savings: Float64Array;
  /** Last month's labor income z_i (0 if not worked), tax T(z_i), transfer R_i and spending on goods. */
  readonly income: Float64Array;
  readonly tax: Float64Array;
  readonly transfer: Float64Array;
  readonly spend: Float64Array;
  /** 1 if the household worked last month. */
  readonly worked: Uint8Array;
  /** 1 if last month's demand was not fully served because goods ran out. */
  readonly rationed: Uint8Array;
  readonly age: Uint8Array;
  /** Current or last job title and the standing offer (index bucket·10 + title). */
  readonly job: Int16Array;
  readonly offer: Int16Array;
  /** Decile edges of the initial monthly wages, fixing the job buckets. */
  readonly bucketEdges: Float64Array;
  /** This year's post-transfer income per household (for the income Gini). */
  readonly yearIncome: Float64Array;
}

/**
 * A zeroed economy of `n` households (one typed array per attribute) at the initial price and rate.
 * @example
 * const state = allocateState(100, 135.5, 0.03, wageBucketEdges(monthlyWages)); // zeroed households
 */
export function allocateState(n: number, initialPrice: number, rate: number, bucketEdges: Float64Array): EconomyState {
  return {
    n,
    month: 0,
    price: initialPrice,
    initialPrice,
    rate,
    inventory: 0,
    wage: new Float64Array(n),
    savings: new Float64Array(n),
    income: new Float64Array(n),
    tax: new Float64Array(n),
    transfer: new Float64Array(n),
    spend: new Float64Array(n),
    worked: new Uint8Array(n),
    rationed: new Uint8Array(n),
    age: new Uint8Array(n),
    job: new Int16Array(n).fill(-1),
    offer: new Int16Array(n),
    bucketEdges,
    yearIncome: new Float64Array(n),
  };
}
