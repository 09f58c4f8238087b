/** AI-Economist households (model.md §7): utility, PPO training in the economy, the trained policy, evaluation. */
export { householdUtility, isoelastic, OFFICIAL_UTILITY, type UtilityParameters } from "./reward.js";
export { OBSERVATION_FEATURES, observeHouseholds } from "./observation.js";
export { CONSUMPTION_CHOICES, CONSUMPTION_STEP } from "./actions.js";
export { CURVE_COLUMNS, DEFAULT_TRAINING, trainAiEconomist, type IterationRecord, type TrainingOptions, type TrainingResult } from "./train.js";
export { aiEconomistPolicy, type AiEconomistActions } from "./aiEconomistPolicy.js";
export { createAiEconomistPolicy, defaultWeightsFile } from "./createAiEconomistPolicy.js";
export { evaluateAiEconomist, meanUtility, type AiEconomistEvaluation } from "./evaluate.js";
export { readWeights, writeWeights, type AiEconomistWeights } from "./weights.js";
export { behaviourByWageDecile, householdBehaviour, type HouseholdBehaviour } from "./behaviour.js";
export { forcedWork, workDeviations, type WorkDeviation } from "./bestResponse.js";
