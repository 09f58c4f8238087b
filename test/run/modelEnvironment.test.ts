import { test } from "node:test";
import assert from "node:assert/strict";
import { modelFromEnvironment } from "../../lib/run/modelEnvironment.js";

test("modelFromEnvironment: ECONAGENT_MODEL wins; OPENAI_MODEL is read with one deprecation line; none gives null", () => {
  const lines: string[] = [];
  const warn = (line: string) => lines.push(line);
  assert.equal(modelFromEnvironment({ ECONAGENT_MODEL: "a", OPENAI_MODEL: "b" }, warn), "a");
  assert.deepEqual(lines, [], "no notice when the current name is set");
  assert.equal(modelFromEnvironment({ OPENAI_MODEL: "llama3" }, warn), "llama3");
  assert.deepEqual(lines, ['OPENAI_MODEL is deprecated: name the model with ECONAGENT_MODEL (using "llama3")']);
  assert.equal(modelFromEnvironment({ ECONAGENT_MODEL: "" }, warn), null);
  assert.equal(modelFromEnvironment({}, warn), null);
});
