/**
 * Asking the model (paper §3, docs/model.md §6): one decision — the perception prompt in its dialogue memory, the
 * answer parsed and snapped to the 0.02 grid, re-asked when unreadable, else the counted official fallback — and
 * one quarterly reflection. Shared by every agent that asks: a household (llmPolicy.ts), an archetype and an
 * audited household (archetypePolicy.ts).
 */
import type { LlmClient } from "../../llm/client.js";
import { CacheError } from "../../llm/cache.js";
import { EndpointDown } from "../../llm/endpointPool.js";
import { EndpointRejected } from "../../llm/runStops.js";
import type { ChatMessage } from "../../llm/types.js";
import type { DialogueMemory } from "./memory.js";
import { parseDecision } from "./parseDecision.js";
import { BANK_DECISION_SCHEMA, DECISION_SCHEMA, decisionKeys, reaskPrompt, REFLECTION_PROMPT } from "./prompts.js";

/** The official fallback when no valid answer is obtained (the official code's "gpt_error"). */
export const FALLBACK = Object.freeze({ work: 1, consumption: 0.5 });
/** With the bank on, the fallback also keeps the remaining money on deposit and borrows nothing (the rule households' saving). */
export const BANK_FALLBACK = Object.freeze({ ...FALLBACK, saving: 1, borrow: 0 });

/** How the model is asked: sampling and length settings, re-asks, the bank's extra keys. */
export interface AskSettings {
  temperature: number;
  decisionMaxTokens: number;
  reflectionMaxTokens: number;
  /** Re-asks after an unreadable answer, before the fallback. */
  maxReasks: number;
  /** Sampling seed sent with every request (backends that accept one). */
  seed: number | null;
  /** With the bank on, answers also carry `saving` and `borrow`. */
  banking: boolean;
}

/** One decision: the propensities (the answer's or the fallback's) and how they were obtained. */
export interface Outcome {
  work: number;
  consumption: number;
  saving?: number;
  borrow?: number;
  answer: string;
  reasks: number;
  /** Answers that could not be read and were re-asked, for debugging prompts and parsing. */
  rejected: string[];
  fallback: boolean;
  error?: string;
}

/** What {@link asker} returns: the two kinds of call a household (or an archetype) makes. */
export interface Asker {
  /** Ask for this month's decision in memory slot `slot`: re-asks unreadable answers, then the counted fallback. */
  decide(client: LlmClient, memory: DialogueMemory, slot: number, system: string, prompt: string): Promise<Outcome>;
  /** Ask slot `slot` to reflect on its quarter; null when the reflection failed (the next decision has none). */
  reflect(client: LlmClient, memory: DialogueMemory, slot: number, system: string): Promise<string | null>;
}

/**
 * The asking functions for one run's settings: `decide` asks `client` this month's `prompt` in the dialogue of
 * slot `slot` of `memory`; `reflect` asks it the quarterly reflection question (null when the call failed: the
 * next decision has none).
 * @example
 * const ask = asker({ temperature: 0, decisionMaxTokens: 100, reflectionMaxTokens: 200, maxReasks: 2, seed: null, banking: false });
 * const outcome = await ask.decide(client, memory, 0, system, prompt); // { work, consumption, answer, reasks, rejected, fallback }
 */
export function asker(settings: AskSettings): Asker {
  const { banking } = settings;
  const keys = decisionKeys(banking);
  const fallbackDecision = banking ? BANK_FALLBACK : FALLBACK;

  const request = (messages: ChatMessage[], decision: boolean) => ({
    messages,
    temperature: settings.temperature,
    maxTokens: decision ? settings.decisionMaxTokens : settings.reflectionMaxTokens,
    ...(decision ? { schema: banking ? BANK_DECISION_SCHEMA : DECISION_SCHEMA } : {}),
    ...(settings.seed === null ? {} : { seed: settings.seed }),
  });

  /** The official fallback; its memory entry is the last unreadable answer, else the fallback itself as JSON. */
  function fallback(client: LlmClient, rejected: string[], reasks: number, error: string): Outcome {
    client.accounting.recordFallback();
    const answer = rejected.length > 0 ? rejected[rejected.length - 1] : JSON.stringify(fallbackDecision);
    return { ...fallbackDecision, answer, reasks, rejected, fallback: true, error };
  }

  async function decide(client: LlmClient, memory: DialogueMemory, slot: number, system: string, prompt: string): Promise<Outcome> {
    let messages = memory.decisionMessages(slot, system, prompt);
    const rejected: string[] = [];
    let reason = "";
    for (let reasks = 0; reasks <= settings.maxReasks; reasks++) {
      let answer: string;
      try {
        answer = (await client.complete(reasks === 0 ? "decision" : "retry", request(messages, true))).content;
      } catch (error) {
        if (stopsTheRun(error)) throw error;
        return fallback(client, rejected, reasks, error instanceof Error ? error.message : String(error));
      }
      const parsed = parseDecision(answer, keys);
      // Narrowed with `in`: notebooks compile lib without strictNullChecks, where `if (parsed.ok)` does not narrow.
      if (!("reason" in parsed)) {
        const { ok: _, ...decision } = parsed;
        return { ...decision, answer, reasks, rejected, fallback: false };
      }
      reason = parsed.reason;
      rejected.push(answer);
      messages = [...messages, { role: "assistant", content: answer }, { role: "user", content: reaskPrompt(reason, banking) }];
    }
    return fallback(client, rejected, settings.maxReasks, reason);
  }

  const reflect = (client: LlmClient, memory: DialogueMemory, slot: number, system: string): Promise<string | null> =>
    client
      .complete("reflection", request(memory.reflectionMessages(slot, system, REFLECTION_PROMPT), false))
      .then((c) => c.content)
      .catch((error) => {
        if (stopsTheRun(error)) throw error;
        return null; // a failed reflection is skipped: the next decision simply has none
      });

  return {
    /** Ask one decision with the memory of `slot`, re-asking an unreadable answer, then the counted fallback. */
    decide,
    /** Ask one quarterly reflection; null when the call failed (the next decision then has none). */
    reflect,
  };
}

/**
 * A decision's transcript fields: propensities, re-asks, fallback, rejected answers and error.
 * @example
 * outcomeRecord(outcome); // { answer, work: 0.9, consumption: 0.3, reasks: 0, fallback: false }
 */
export function outcomeRecord(o: Outcome): Record<string, unknown> {
  return {
    answer: o.answer,
    work: o.work, consumption: o.consumption,
    ...(o.saving !== undefined ? { saving: o.saving, borrow: o.borrow } : {}),
    reasks: o.reasks, fallback: o.fallback,
    ...(o.rejected.length ? { rejected: o.rejected } : {}), ...(o.error ? { error: o.error } : {}),
  };
}

/**
 * Write an outcome's propensities into the month's decision arrays for household `i`.
 * @example
 * applyOutcome(out, 3, outcome); // out.work[3] = outcome.work, out.consumption[3] = outcome.consumption (and the bank's two)
 */
export function applyOutcome(out: { work: Float64Array; consumption: Float64Array; saving?: Float64Array; borrow?: Float64Array }, i: number, o: Outcome): void {
  out.work[i] = o.work;
  out.consumption[i] = o.consumption;
  if (out.saving && o.saving !== undefined) out.saving[i] = o.saving;
  if (out.borrow && o.borrow !== undefined) out.borrow[i] = o.borrow;
}

/** Failures that stop the whole run rather than one household's call: the endpoints or the cache cannot go on. */
function stopsTheRun(error: unknown): boolean {
  return error instanceof EndpointDown || error instanceof EndpointRejected || error instanceof CacheError;
}
