/** LLM households with the bank on: what they are told, the four-key answer, and a run against a loopback server. */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { parseDecision } from "../../../lib/households/llm/parseDecision.js";
import { BANK_DECISION_SCHEMA, decisionKeys, decisionPrompt, EQUAL_SPLIT_TEXT, reaskPrompt, systemPrompt, type PerceptionFacts } from "../../../lib/households/llm/prompts.js";
import { runCli } from "../../support/cli.js";
import { startFakeOpenAI } from "../../support/fakeOpenAI.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-bank-llm-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const TERMS = { creditMultiple: 3, loanTerm: 12, defaultAfter: 3, creditFreeze: 24 };
const facts: PerceptionFacts = {
  name: "Adam Mills", age: 40, city: "New York City, New York", date: "2001.05", firstMonth: false, employedLastMonth: true,
  job: "Cashier", offer: "Cashier", expectedIncome: 2000, incomeTrend: "up", lastConsumption: 900, rationed: "none",
  taxPaid: 200, credit: 150, brackets: [0, 808.33], rates: [0.1, 0.12], price: 100, priceTrend: "up", savings: 3000,
  interestRate: 0.03, news: [],
  bank: { deposit: 2500, debt: 1200, instalment: 102.73, missed: 2, creditAvailable: 0, loanRate: 0.05, frozenUntil: null },
};

test("the system message states the bank's terms and asks for four keys", () => {
  const system = systemPrompt({ redistribution: EQUAL_SPLIT_TEXT }, { perception: true, bank: TERMS });
  assert.match(system, /lends to you up to 3 times your expected monthly income at the interest rate plus a spread; a loan is repaid in equal monthly instalments over 12 months\. If you miss 3 instalments in a row, your loan defaults and you cannot borrow for 24 months\./);
  assert.match(system, /The format should have four keys: 'work' .* 'saving' .* 'borrow'/);
  assert.doesNotMatch(systemPrompt({ redistribution: EQUAL_SPLIT_TEXT }, { perception: true }), /'saving'|bank takes/);
});

test("the monthly prompt tells the household its deposit, debt, instalment, arrears and credit", () => {
  const prompt = decisionPrompt(facts, { perception: true });
  assert.ok(
    prompt.includes(
      "Of your savings, $2500.00 is in your bank deposit. You owe the bank $1200.00, with a monthly instalment of $102.73, " +
        "and you have missed 2 instalments in a row. You can borrow up to $0.00 more this month at an annual interest rate of 5.00%.",
    ),
    prompt,
  );
  assert.ok(prompt.endsWith("what share of your available credit will you borrow this month?"));
  const frozen = decisionPrompt({ ...facts, bank: { ...facts.bank!, debt: 0, missed: 0, frozenUntil: "2003.02" } }, { perception: true });
  assert.ok(frozen.includes("You have no loan. After your default, you cannot borrow until 2003.02."));
  const bare = decisionPrompt(facts, { perception: false });
  assert.ok(bare.includes("Deposit: $2500.00. Debt: $1200.00; instalment: $102.73; missed instalments: 2. Credit available: $0.00; loan rate: 5.00%."));
});

test("four keys are required with the bank on; the re-ask names them", () => {
  const keys = decisionKeys(true);
  assert.deepEqual(parseDecision('{"work": 1, "consumption": 0.29, "saving": "80%", "borrow": 0.1}', keys), {
    ok: true, work: 1, consumption: 0.3, saving: 0.8, borrow: 0.1,
  });
  assert.deepEqual(parseDecision('{"work": 1, "consumption": 0.3}', keys), { ok: false, reason: "missing keys 'saving', 'borrow'" });
  assert.deepEqual(parseDecision('{"work": 1, "consumption": 0.3}'), { ok: true, work: 1, consumption: 0.3 });
  assert.match(reaskPrompt("missing key 'borrow'", true), /four keys, 'work', 'consumption', 'saving' and 'borrow', each/);
  assert.deepEqual(BANK_DECISION_SCHEMA.schema.required, ["work", "consumption", "saving", "borrow"]);
});

test("econagent run --policy llm --bank on: the answers' saving and borrow shares reach decisions.csv and the bank", async () => {
  const server = await startFakeOpenAI((body) => {
    const last = (body as { messages: { content: string }[] }).messages.at(-1)!.content;
    if (last.startsWith("Given the previous quarter")) return { content: "A calm quarter." };
    return { content: '{"work": 1, "consumption": 0.4, "saving": 0.5, "borrow": 0.2}' };
  });
  try {
    const out = path.join(tmp, "run");
    const r = await runCli([
      "run", "--policy", "llm", "--households", "3", "--months", "12", "--out", out, "--base-url", server.url, "--model", "fake",
      "--cache-mode", "off", "--bank", "on", "--quiet",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const [header, ...lines] = fs.readFileSync(path.join(out, "decisions.csv"), "utf8").trim().split("\n").map((l) => l.split(","));
    const col = (name: string) => header.indexOf(name);
    assert.ok(lines.every((l) => Number(l[col("saving_propensity")]) === 0.5 && Number(l[col("borrow_propensity")]) === 0.2));
    // Month 1: nothing owed yet, so the draw is 0.2 of the whole line, 3 × 168 × w.
    const wages = fs.readFileSync(path.join(out, "households.csv"), "utf8").trim().split("\n").slice(1).map((l) => Number(l.split(",")[3]));
    const month1 = lines.filter((l) => l[0] === "1");
    month1.forEach((l, h) => assert.ok(Math.abs(Number(l[col("drawn")]) - 0.2 * 3 * 168 * wages[h]) < 1e-6));
    const annual = fs.readFileSync(path.join(out, "annual.csv"), "utf8").split("\n")[0];
    assert.ok(annual.endsWith("household_debt,deposits,new_lending,default_rate,debt_to_income"));
    const system = JSON.parse(fs.readFileSync(path.join(out, "transcripts.jsonl"), "utf8").split("\n")[0]).content;
    assert.match(system, /four keys/);
  } finally {
    await server.close();
  }
});
