import type { ChatMessage } from "../../llm/types.js";
import type { FieldChecks } from "../../readBack.js";

/** One month's exchange: the perception prompt and the model's answer. */
export interface Exchange {
  prompt: string;
  answer: string;
}

/** Every household's memory as JSON, for a checkpoint. */
export interface MemorySnapshot {
  recent: Exchange[][];
  quarter: Exchange[][];
  reflection: (Exchange | null)[];
}

/**
 * The households' dialogue memory (paper §3, eq. 2L+1): each decision sees the last L months' exchanges and,
 * right after a quarter end, that quarter's reflection; each reflection sees the quarter's exchanges.
 * Layout of a decision's context, oldest first: system, the L remembered months (user prompt, assistant
 * answer), the reflection (question, answer) if one is pending, the current prompt. The reflection enters the
 * next decision only, as in the official code.
 * @example
 * const memory = new DialogueMemory(2, 1); // 2 households, L = 1 month remembered
 * memory.remember(0, { prompt: "March …", answer: '{"work": 1, "consumption": 0.5}' });
 * memory.decisionMessages(0, system, "April …").map((m) => m.role); // ["system", "user", "assistant", "user"]
 */
export class DialogueMemory {
  private recent: Exchange[][];
  private quarter: Exchange[][];
  private reflection: (Exchange | null)[];

  constructor(
    n: number,
    /** L: months remembered (the official code uses 1). */
    readonly length: number,
  ) {
    this.recent = Array.from({ length: n }, () => []);
    this.quarter = Array.from({ length: n }, () => []);
    this.reflection = new Array<Exchange | null>(n).fill(null);
  }

  /** The messages of household `i`'s decision: system, the remembered months, a pending reflection, the current prompt. */
  decisionMessages(i: number, system: string, prompt: string): ChatMessage[] {
    const messages: ChatMessage[] = [{ role: "system", content: system }];
    for (const past of this.recent[i]) messages.push(...exchange(past));
    const reflection = this.reflection[i];
    if (reflection) messages.push(...exchange(reflection));
    messages.push({ role: "user", content: prompt });
    return messages;
  }

  /** The messages of household `i`'s quarterly reflection: system, the quarter's exchanges, the question. */
  reflectionMessages(i: number, system: string, question: string): ChatMessage[] {
    const messages: ChatMessage[] = [{ role: "system", content: system }];
    for (const past of this.quarter[i]) messages.push(...exchange(past));
    messages.push({ role: "user", content: question });
    return messages;
  }

  /** After household i's decision: remember the month, and the pending reflection has been used. */
  remember(i: number, month: Exchange): void {
    if (this.length > 0) {
      this.recent[i].push(month);
      if (this.recent[i].length > this.length) this.recent[i].shift();
    }
    this.quarter[i].push(month);
    this.reflection[i] = null;
  }

  /** Keep household `i`'s reflection for its next decision, and start a new quarter. */
  reflect(i: number, reflection: Exchange): void {
    this.reflection[i] = reflection;
  }

  /** A new quarter starts: the next reflection sees only its own months. */
  endQuarter(): void {
    for (const q of this.quarter) q.length = 0;
  }

  /**
   * Re-slot the memory: new slot j continues old slot `from[j]`'s dialogue (its remembered months, its quarter so
   * far and a pending reflection), or starts empty when `from[j]` is −1. Archetypes, re-formed every month,
   * continue the dialogue of the archetype most of their members came from (archetypePolicy.ts).
   * @example
   * memory.inherit([0, 0, -1]); // three slots: two continue slot 0's dialogue, the third starts afresh
   */
  inherit(from: ArrayLike<number>): void {
    const pick = <T>(list: T[], empty: () => T) => Array.from({ length: from.length }, (_, j) => (from[j] < 0 ? empty() : list[from[j]]));
    this.recent = pick(this.recent, () => []).map((r) => [...r]);
    this.quarter = pick(this.quarter, () => []).map((q) => [...q]);
    this.reflection = pick(this.reflection, () => null);
  }

  /** Every household's memory, for a checkpoint. */
  snapshot(): MemorySnapshot {
    return { recent: this.recent, quarter: this.quarter, reflection: this.reflection };
  }

  /**
   * Continue from a snapshot read back at `field` of a file: one list of exchanges per household in `recent` and
   * `quarter`, one exchange or null in `reflection`, each exchange a `prompt` and an `answer` string; any other
   * shape fails through `at` before the memory changes.
   * @example
   * memory.restore(checkpoint.simulation.policy.memory, fields("run/checkpoint.json"), "simulation.policy.memory");
   */
  restore(saved: unknown, at: FieldChecks, field: string): void {
    const s = at.object(saved, field);
    const n = this.reflection.length;
    const perHousehold = (key: string): unknown[] => {
      const list = at.array(s[key], `${field}.${key}`);
      if (list.length !== n) at.fail(`${field}.${key}`, `${list.length} households`, `one entry per household (${n})`);
      return list;
    };
    const exchange = (v: unknown, f: string) => {
      const e = at.object(v, f);
      at.string(e.prompt, `${f}.prompt`);
      at.string(e.answer, `${f}.answer`);
    };
    for (const key of ["recent", "quarter"]) {
      perHousehold(key).forEach((h, i) => at.array(h, `${field}.${key}[${i}]`).forEach((e, j) => exchange(e, `${field}.${key}[${i}][${j}]`)));
    }
    perHousehold("reflection").forEach((e, i) => (e === null ? null : exchange(e, `${field}.reflection[${i}]`)));
    this.load(s as unknown as MemorySnapshot);
  }

  private load(s: MemorySnapshot): void {
    this.recent = s.recent;
    this.quarter = s.quarter;
    this.reflection = s.reflection;
  }
}

function exchange(e: Exchange): ChatMessage[] {
  return [
    { role: "user", content: e.prompt },
    { role: "assistant", content: e.answer },
  ];
}
