/** AI-Economist households (docs/model.md §7): utility, PPO training in the economy, the trained policy, evaluation. */
export { householdUtility, isoelastic, OFFICIAL_UTILITY, type UtilityParameters } from "../households/aieco/reward.js";
export { OBSERVATION_FEATURES, observeHouseholds } from "../households/aieco/observation.js";
export { CONSUMPTION_CHOICES, CONSUMPTION_STEP } from "../households/aieco/actions.js";
export { CURVE_COLUMNS, DEFAULT_TRAINING, trainAiEconomist, type IterationRecord, type TrainingOptions, type TrainingResult } from "./train.js";
export { aiEconomistPolicy, type AiEconomistActions } from "../households/aieco/aiEconomistPolicy.js";
export { createAiEconomistPolicy, defaultWeightsFile } from "../run/createAiEconomistPolicy.js";
export { evaluateAiEconomist, meanUtility, type AiEconomistEvaluation } from "./evaluate.js";
export { readWeights, writeWeights, type AiEconomistWeights } from "../households/aieco/weights.js";
export { behaviourByWageDecile, householdBehaviour, type HouseholdBehaviour } from "./behaviour.js";
export { forcedWork, workDeviations, type WorkDeviation } from "./bestResponse.js";
