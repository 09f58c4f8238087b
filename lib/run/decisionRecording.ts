/**
 * Which households' decisions a run records (`--decisions all | panel:K | off`). A panel works like a household
 * survey panel: K households drawn once at random, then followed every month of the run.
 */
import { createRng } from "../rng.js";
import type { OptionSpec } from "./options.js";
import { thousands } from "../thousands.js";

/** `all`, `off`, `panel:K`; null = automatic ({@link recordingOf}). */
export type DecisionRecording = "all" | "off" | `panel:${number}`;

/** Up to this many households every decision is recorded by default; above it, a panel of {@link DEFAULT_PANEL}. */
export const ALL_DECISIONS_UP_TO = 10_000;
/**
 * The panel size recorded by default above {@link ALL_DECISIONS_UP_TO} households.
 * @example
 * `panel:${DEFAULT_PANEL}`; // "panel:1000"
 */
export const DEFAULT_PANEL = 1000;

/**
 * `--decisions`: all, off or panel:K (K a positive integer). Config files may also say true/false (what runs
 * before panels wrote into their manifests, so they still resume) and flags on (= all).
 */
export const decisionRecordingSpec: OptionSpec<DecisionRecording | null> = {
  allowed: "all, off or panel:K with K a positive integer (e.g. panel:1000)",
  parse: (raw) => {
    if (raw === null) return null;
    if (raw === "all" || raw === "on" || raw === true) return "all";
    if (raw === "off" || raw === false) return "off";
    const panel = typeof raw === "string" ? /^panel:([1-9]\d{0,9})$/.exec(raw) : null;
    return panel !== null && Number(panel[1]) <= 2 ** 31 - 1 ? `panel:${Number(panel[1])}` : undefined;
  },
};

/**
 * The recording a run uses: as configured, else all up to {@link ALL_DECISIONS_UP_TO} households and a panel above.
 * @example
 * recordingOf(null, 10_000); // "all"
 * recordingOf(null, 10_001); // "panel:1000"
 * recordingOf("off", 5); // "off"
 */
export function recordingOf(configured: DecisionRecording | null, households: number): DecisionRecording {
  return configured ?? (households <= ALL_DECISIONS_UP_TO ? "all" : `panel:${DEFAULT_PANEL}`);
}

/**
 * The one-line notice when the automatic choice records a panel, or null.
 * @example automaticPanelNotice(null, 1_000_000) // "decisions: a panel of 1000 of the 1,000,000 households ..."
 */
export function automaticPanelNotice(configured: DecisionRecording | null, households: number): string | null {
  if (configured !== null || recordingOf(configured, households) === "all") return null;
  return (
    `decisions: recording a random panel of ${DEFAULT_PANEL} of the ${thousands(households)} households ` +
    `(the default above ${thousands(ALL_DECISIONS_UP_TO)}); --decisions all records every household, --decisions off none`
  );
}

/**
 * The households whose decisions are recorded, in increasing order: every one, none, or the panel. The panel is
 * drawn from its own generator seeded by the run's seed, so the simulation's random stream — and every other
 * output — is the same as without it. K ≥ N records every household (all marked as panel members).
 * @example
 * recordedHouseholds("panel:3", 10, 1) // e.g. Int32Array [1, 4, 8]: the same three for seed 1 on every machine
 */
export function recordedHouseholds(recording: DecisionRecording, households: number, seed: number | string): Int32Array | null {
  if (recording === "off") return new Int32Array(0);
  if (recording === "all") return null;
  const k = Math.min(Number(recording.slice("panel:".length)), households);
  return drawPanel(k, households, seed);
}

/**
 * The audit panel of `--audit A` (archetypes, docs/llm-at-scale.md): A households drawn like the decision panel,
 * from a stream of their own, so the audit panel is the same whether or not decisions are recorded.
 * @example
 * auditedHouseholds(3, 10, 1) // e.g. Int32Array [0, 5, 7]: the same three for seed 1 on every machine
 */
export function auditedHouseholds(a: number, households: number, seed: number | string): Int32Array {
  return drawPanel(Math.min(a, households), households, seed, "audit-panel");
}

/** Floyd's sampling of k distinct indices of 0..n-1 (k draws, O(k) memory), sorted. */
function drawPanel(k: number, n: number, seed: number | string, stream = "decision-panel"): Int32Array {
  const rng = createRng(`${String(seed)}/${stream}`);
  const chosen = new Set<number>();
  for (let j = n - k; j < n; j++) {
    const t = rng.int(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return Int32Array.from(chosen).sort();
}
