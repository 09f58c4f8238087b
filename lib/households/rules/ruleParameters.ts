/** Parameters of the rule baselines (docs/model.md §7). */
export interface RuleParameters {
  /** γ of the work rule (eq. 17). */
  workGamma: number;
  /** β of LEN consumption (eq. 15). */
  lenBeta: number;
  /** h, the CATS buffer-stock target (eq. 16). */
  catsH: number;
}

/**
 * The seed's rule parameters: γ = 0.1, β = 0.1, h = 1.
 * @example
 * DEFAULT_RULE_PARAMETERS.workGamma; // 0.1
 */
export const DEFAULT_RULE_PARAMETERS: Readonly<RuleParameters> = Object.freeze({ workGamma: 0.1, lenBeta: 0.1, catsH: 1 });
