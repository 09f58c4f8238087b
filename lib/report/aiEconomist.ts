/**
 * Figures of the AI-Economist households (docs/model.md §7): the PPO training curve and what the trained households do
 * by wage. Pure builders over the rows of `training.csv` and `householdBehaviour`.
 */
import type { HouseholdBehaviour } from "../training/behaviour.js";
import type { IterationRecord } from "../training/train.js";
import { colorAt, seriesColor, type Figure } from "./plotly.js";
import { seriesGridFigure, type SeriesPanel } from "./seriesGrid.js";

/**
 * The training curve: mean utility per household-month (seed eq. 18), work rate, mean consumption share and the
 * policy's entropy, per PPO iteration.
 */
export function trainingCurveFigure(curve: readonly Pick<IterationRecord, "iteration" | "mean_reward" | "work_rate" | "consumption_share" | "entropy">[], title = "AI-Economist training (PPO)"): Figure {
  const x = curve.map((r) => r.iteration);
  const panel = (panelTitle: string, yTitle: string, y: number[], color: string): SeriesPanel => ({
    title: panelTitle,
    xTitle: "PPO iteration",
    yTitle,
    series: [{ label: panelTitle, color, x, y, mode: "lines" }],
  });
  return seriesGridFigure(
    [
      panel("Mean utility per household-month", "utility (eq. 18)", curve.map((r) => r.mean_reward), colorAt(0)),
      panel("Work rate", "share of household-months worked", curve.map((r) => r.work_rate), colorAt(1)),
      panel("Consumption share", "mean p^c", curve.map((r) => r.consumption_share), colorAt(2)),
      panel("Policy entropy", "nats (work + consumption)", curve.map((r) => r.entropy), colorAt(3)),
    ],
    { title, cols: 2 },
  );
}

/**
 * Independent trainings side by side, one line per training seed: unemployment of the training batch (1 − work
 * rate: in this economy a household is unemployed exactly in the months it does not work, eq. 5), the mean utility
 * per household-month (eq. 18) and the consumption share, per PPO iteration.
 * @example
 * trainingSeedsFigure([{ seed: 1, curve: rows1 }, { seed: 2, curve: rows2 }]);
 */
export function trainingSeedsFigure(
  runs: readonly { seed: number | string; curve: readonly Pick<IterationRecord, "iteration" | "mean_reward" | "work_rate" | "consumption_share">[] }[],
  title = "AI-Economist training, one line per training seed",
): Figure {
  const panel = (panelTitle: string, yTitle: string, pick: (r: Pick<IterationRecord, "mean_reward" | "work_rate" | "consumption_share">) => number): SeriesPanel => ({
    title: panelTitle,
    xTitle: "PPO iteration",
    yTitle,
    series: runs.map((run, k) => ({ label: `training seed ${run.seed}`, color: colorAt(k), x: run.curve.map((r) => r.iteration), y: run.curve.map(pick), mode: "lines" })),
  });
  return seriesGridFigure(
    [
      panel("Unemployment (1 − work rate)", "share of household-months", (r) => 1 - r.work_rate),
      panel("Mean utility per household-month", "utility (eq. 18)", (r) => r.mean_reward),
      panel("Consumption share", "mean p^c", (r) => r.consumption_share),
    ],
    { title, cols: 3 },
  );
}

/**
 * Behaviour against the household's initial hourly wage (log axis), one point per household and one colour per
 * policy: work propensity, months worked, consumption propensity and money held in months of income.
 */
export function behaviourByWageFigure(groups: { label: string; rows: readonly HouseholdBehaviour[] }[], title: string): Figure {
  const panel = (panelTitle: string, yTitle: string, pick: (r: HouseholdBehaviour) => number): SeriesPanel => ({
    title: panelTitle,
    xTitle: "initial hourly wage ($, log scale)",
    yTitle,
    xLog: true,
    series: groups.map((g, k) => ({
      label: g.label,
      color: seriesColor(g.label, k),
      x: g.rows.map((r) => r.initial_wage),
      y: g.rows.map(pick),
      mode: "markers",
      text: g.rows.map((r) => `household ${r.household}`),
    })),
  });
  return seriesGridFigure(
    [
      panel("Work propensity p^w (mean over months)", "p^w", (r) => r.work_propensity),
      panel("Share of months worked", "share", (r) => r.worked),
      panel("Consumption propensity p^c (mean over months)", "p^c", (r) => r.consumption_propensity),
      panel("Money after purchases", "months of own income", (r) => r.savings_months),
    ],
    { title, cols: 2 },
  );
}
