/** The AI-Economist figures carry the training curve and the behaviour rows unchanged, on the right axes. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { behaviourByWageFigure, trainingCurveFigure, trainingSeedsFigure } from "../../lib/report/aiEconomist.js";

test("training curve: four panels over the iterations, values as given", () => {
  const curve = [
    { iteration: 1, mean_reward: 115.6, work_rate: 0.5, consumption_share: 0.5, entropy: 4.6 },
    { iteration: 2, mean_reward: 127.3, work_rate: 0.46, consumption_share: 0.48, entropy: 4.58 },
  ];
  const figure = trainingCurveFigure(curve);
  assert.equal(figure.data.length, 4);
  assert.deepEqual(figure.data.map((t) => t.y), [[115.6, 127.3], [0.5, 0.46], [0.5, 0.48], [4.6, 4.58]]);
  assert.deepEqual(figure.data.map((t) => t.xaxis), ["x", "x2", "x3", "x4"]);
  assert.ok(figure.data.every((t) => t.x.join() === "1,2"));
});

test("behaviour by wage: one point per household per policy on a log wage axis, one legend entry per policy", () => {
  const row = (household: number, wage: number, work: number) => ({
    household, initial_wage: wage, work_propensity: work, worked: work, consumption_propensity: 0.2, savings_months: 3, utility: 10,
  });
  const figure = behaviourByWageFigure(
    [{ label: "aieco", rows: [row(0, 8, 0.8), row(1, 400, 0.9)] }, { label: "composite", rows: [row(0, 8, 1), row(1, 400, 1)] }],
    "t",
  );
  assert.equal(figure.data.length, 8);
  assert.deepEqual(figure.data[0].y, [0.8, 0.9]);
  assert.deepEqual(figure.data.filter((t) => t.showlegend).map((t) => t.name), ["aieco", "composite"]);
  assert.equal((figure.layout as unknown as Record<string, { type?: string }>).xaxis.type, "log");
  assert.equal((figure.layout as unknown as Record<string, { type?: string }>).xaxis4.type, "log");
});

test("training seeds: unemployment = 1 − work rate, utility and consumption share, one line per seed", () => {
  const row = (iteration: number, work: number) => ({ iteration, mean_reward: 100 * iteration, work_rate: work, consumption_share: 0.2 });
  const figure = trainingSeedsFigure([{ seed: 1, curve: [row(1, 0.5), row(2, 0.75)] }, { seed: 2, curve: [row(1, 0.25), row(2, 1)] }]);
  assert.equal(figure.data.length, 6);
  assert.deepEqual(figure.data.slice(0, 2).map((t) => t.y), [[0.5, 0.25], [0.75, 0]]);
  assert.deepEqual(figure.data[2].y, [100, 200]);
  assert.deepEqual(figure.data.filter((t) => t.showlegend).map((t) => t.name), ["training seed 1", "training seed 2"]);
});
