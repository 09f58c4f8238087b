/**
 * The one environment variable that names the model for `npm start` and the notebooks: ECONAGENT_MODEL. Notebook 04
 * once read OPENAI_MODEL; it is still accepted, with a one-line notice, so a reader's old setup keeps working.
 */

/** The variable that names the model; the CLI's `--model` overrides it. */
export const MODEL_VARIABLE = "ECONAGENT_MODEL";
/** Read only when {@link MODEL_VARIABLE} is unset, with a deprecation notice. */
export const DEPRECATED_MODEL_VARIABLE = "OPENAI_MODEL";

/**
 * The model named by the environment, or null when none is: ECONAGENT_MODEL, else (deprecated) OPENAI_MODEL with
 * one line to `warn` saying to rename it.
 * @example
 * modelFromEnvironment({ ECONAGENT_MODEL: "gpt-4o-mini" }); // "gpt-4o-mini"
 * modelFromEnvironment({ OPENAI_MODEL: "llama3" }, console.error); // "llama3", after one notice
 * modelFromEnvironment({}); // null
 */
export function modelFromEnvironment(env: NodeJS.ProcessEnv = process.env, warn: (line: string) => void = (line) => process.stderr.write(line + "\n")): string | null {
  const model = env[MODEL_VARIABLE];
  if (model) return model;
  const deprecated = env[DEPRECATED_MODEL_VARIABLE];
  if (!deprecated) return null;
  warn(`${DEPRECATED_MODEL_VARIABLE} is deprecated: name the model with ${MODEL_VARIABLE} (using ${JSON.stringify(deprecated)})`);
  return deprecated;
}
