/**
 * The figures of a calibration and a sensitivity analysis, as plotly figure JSON (lib/report/plotly.ts): the loss by
 * evaluation, the fit of each moment at the best point, the one-dimensional loss profiles, and the indices.
 */
import { axisRefs, colorAt, REFERENCE_COLOR, subplotGrid, type Figure, type ScatterTrace } from "../report/plotly.js";
import type { CalibrationBest, IndexRow } from "./results.js";
import { CHI2_95_1 } from "./msmLoss.js";

const SAMPLERS = ["halton", "surrogate", "local", "profile"] as const;

/**
 * Loss of every evaluation (log scale) coloured by its sampler, and the best loss so far.
 * @param rows calibration.csv's rows: evaluation, sampler, loss
 * @example
 * lossFigure([{ evaluation: 0, sampler: "halton", loss: 12 }], "cal");
 */
export function lossFigure(rows: readonly { evaluation: number; sampler: string; loss: number | null }[], name: string): Figure {
  const traces: ScatterTrace[] = SAMPLERS.map((sampler, k): ScatterTrace => {
    const mine = rows.filter((r) => r.sampler === sampler && r.loss !== null && r.loss > 0);
    return { type: "scatter", mode: "markers", name: sampler, x: mine.map((r) => r.evaluation), y: mine.map((r) => r.loss), xaxis: "x", yaxis: "y", marker: { color: colorAt(k), size: 6 } };
  }).filter((t) => t.x.length > 0);
  let best = Infinity;
  const search = rows.filter((r) => r.sampler !== "profile");
  const running = search.map((r) => (best = r.loss !== null && r.loss < best ? r.loss : best));
  traces.push({ type: "scatter", mode: "lines", name: "best so far", x: search.map((r) => r.evaluation), y: running.map((v) => (Number.isFinite(v) && v > 0 ? v : null)), xaxis: "x", yaxis: "y", line: { color: REFERENCE_COLOR } });
  return {
    data: traces,
    layout: {
      title: { text: `${name}: loss by evaluation` }, width: 800, height: 450, showlegend: true, margin: { t: 60, b: 60, l: 70, r: 20 }, annotations: [],
      xaxis: { domain: [0, 1], anchor: "y", title: { text: "evaluation" } },
      yaxis: { domain: [0, 1], anchor: "x", title: { text: "loss (m − m*)ᵀW(m − m*)" }, type: "log" },
    },
  };
}

/**
 * Each moment's gap at the best point in standard errors, (m − m*)·√w: 0 is a perfect fit, ±2 about the noise of
 * the target and of the seeds' mean.
 * @example
 * momentFitFigure(best);
 */
export function momentFitFigure(best: CalibrationBest): Figure {
  const z = best.moments.map((m) => (m.simulated === null ? null : (m.simulated - m.target) * Math.sqrt(m.weight)));
  const text = best.moments.map((m) => `${m.name}: simulated ${m.simulated?.toPrecision(3) ?? "–"}, target ${m.target.toPrecision(3)}`);
  const x = best.moments.map((_, j) => j);
  const band = (v: number, label: string): ScatterTrace => ({
    type: "scatter", mode: "lines", name: label, x: [-0.5, best.moments.length - 0.5], y: [v, v], xaxis: "x", yaxis: "y", line: { color: REFERENCE_COLOR, dash: v === 0 ? "solid" : "dot" }, showlegend: v !== -2,
  });
  return {
    data: [
      { type: "scatter", mode: "markers", name: "best point", x, y: z, text, xaxis: "x", yaxis: "y", marker: { color: colorAt(0), size: 10 }, hovertemplate: "%{text}<extra></extra>" },
      band(0, "target"),
      band(2, "±2 standard errors"),
      band(-2, "±2 standard errors"),
    ],
    layout: {
      title: { text: `${best.name}: moment fit at the best point (loss ${best.loss?.toPrecision(3) ?? "–"})` }, width: 900, height: 500, showlegend: true, margin: { t: 60, b: 160, l: 70, r: 20 }, annotations: [],
      xaxis: { domain: [0, 1], anchor: "y", title: { text: "" }, tickvals: x, ticktext: best.moments.map((m) => m.name), tickangle: -40 },
      yaxis: { domain: [0, 1], anchor: "x", title: { text: "(simulated − target) / standard error" }, zeroline: false },
    },
  };
}

/**
 * One panel per parameter: the loss along its bounds with the others at the best point, the best value (dashed) and
 * the minimum + χ²₀.₉₅(1) line; a profile that never crosses the line is flat — the parameter is not identified.
 * @example
 * profileFigure(best);
 */
export function profileFigure(best: CalibrationBest): Figure {
  const profiles = best.profiles;
  const cols = Math.min(3, Math.max(1, profiles.length));
  const rows = Math.ceil(profiles.length / cols);
  const grid = subplotGrid(rows, cols, profiles.map((p) => ({ title: `${p.parameter}${p.identified ? "" : " (flat: not identified)"}`, xTitle: p.parameter, yTitle: "loss" })));
  const data: ScatterTrace[] = profiles.flatMap((p, i): ScatterTrace[] => {
    const { xaxis, yaxis } = axisRefs(i);
    const defined = p.losses.filter((l): l is number => l !== null);
    const low = defined.length ? Math.min(...defined) : 0;
    const at = best.parameters[p.parameter];
    const high = defined.length ? Math.max(...defined, low + CHI2_95_1) : 1;
    const first = p.values[0] ?? 0;
    const last = p.values[p.values.length - 1] ?? 1;
    return [
      { type: "scatter", mode: "lines+markers", name: "profile", x: p.values, y: p.losses, xaxis, yaxis, line: { color: colorAt(0) }, showlegend: i === 0, legendgroup: "profile" },
      { type: "scatter", mode: "lines", name: "minimum + 3.84", x: [first, last], y: [low + CHI2_95_1, low + CHI2_95_1], xaxis, yaxis, line: { color: REFERENCE_COLOR, dash: "dot" }, showlegend: i === 0, legendgroup: "chi2" },
      { type: "scatter", mode: "lines", name: "best point", x: [at, at], y: [low, high], xaxis, yaxis, line: { color: colorAt(1), dash: "dash" }, showlegend: i === 0, legendgroup: "best" },
    ];
  });
  return {
    data,
    layout: {
      title: { text: `${best.name}: one-dimensional loss profiles around the best point` }, width: 360 * cols + 80, height: 320 * rows + 100, showlegend: true,
      margin: { t: 80, b: 60, l: 60, r: 20 }, annotations: grid.annotations, ...grid.axes,
    },
  };
}

/**
 * The indices of a sensitivity analysis, one panel per output. Sobol': S1 and ST of each parameter, each with its
 * 95 % bootstrap interval as a vertical segment. Morris: σ against μ* per parameter (far right: important; high:
 * non-linear or interacting).
 * @example
 * indicesFigure(rows, "sobol", "composite-sobol");
 */
export function indicesFigure(rows: readonly IndexRow[], method: "morris" | "sobol", name: string): Figure {
  const outputs = [...new Set(rows.map((r) => r.output))];
  const parameters = [...new Set(rows.map((r) => r.parameter))];
  const cols = Math.min(3, Math.max(1, outputs.length));
  const gridRows = Math.max(1, Math.ceil(outputs.length / cols));
  const grid = subplotGrid(gridRows, cols, outputs.map((o) => (method === "sobol" ? { title: o, xTitle: "", yTitle: "index" } : { title: o, xTitle: "μ*", yTitle: "σ" })));
  const data: ScatterTrace[] = outputs.flatMap((output, i): ScatterTrace[] => {
    const { xaxis, yaxis } = axisRefs(i);
    const mine = parameters.map((p) => rows.find((r) => r.output === output && r.parameter === p)!);
    if (method === "morris") {
      return mine.map((r, k): ScatterTrace => ({
        type: "scatter", mode: "markers", name: r.parameter, x: [r.mu_star ?? null], y: [r.sigma ?? null], xaxis, yaxis,
        marker: { color: colorAt(k), size: 10 }, legendgroup: r.parameter, showlegend: i === 0, hovertemplate: `${r.parameter}: μ* %{x:.3g} ± ${(r.mu_star_conf ?? 0).toPrecision(2)}, σ %{y:.3g}<extra></extra>`,
      }));
    }
    return (["S1", "ST"] as const).flatMap((key, k): ScatterTrace[] => {
      const x = mine.map((_, p) => p + (k === 0 ? -0.1 : 0.1));
      const conf = key === "S1" ? "S1_conf" : "ST_conf";
      return [
        { type: "scatter", mode: "markers", name: key === "S1" ? "first order S1" : "total ST", x, y: mine.map((r) => r[key] ?? null), xaxis, yaxis, marker: { color: colorAt(k), size: 9 }, legendgroup: key, showlegend: i === 0 },
        {
          type: "scatter", mode: "lines", name: `${key} 95 % interval`, xaxis, yaxis, line: { color: colorAt(k) }, legendgroup: key, showlegend: false,
          x: mine.flatMap((_, p) => [x[p], x[p], null]), y: mine.flatMap((r) => [(r[key] ?? 0) - (r[conf] ?? 0), (r[key] ?? 0) + (r[conf] ?? 0), null]),
        },
      ];
    });
  });
  const axes = { ...grid.axes };
  if (method === "sobol") {
    for (const key of Object.keys(axes).filter((k) => k.startsWith("xaxis"))) axes[key] = { ...axes[key], tickvals: parameters.map((_, p) => p), ticktext: parameters };
  }
  return {
    data,
    layout: {
      title: { text: `${name}: ${method === "sobol" ? "Sobol' indices (first order and total, 95 % bootstrap intervals)" : "Morris elementary effects"}` },
      width: 380 * cols + 80, height: 340 * gridRows + 100, showlegend: true, margin: { t: 80, b: 60, l: 60, r: 20 }, annotations: grid.annotations, ...axes,
    },
  };
}
