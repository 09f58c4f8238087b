import assert from "node:assert/strict";
import { test } from "node:test";
import {
  DECISION_SCHEMA, decisionPrompt, EQUAL_SPLIT_TEXT, money, numberList, percent, reaskPrompt, REFLECTION_PROMPT,
  systemPrompt, type PerceptionFacts,
} from "../../../lib/households/llm/prompts.js";

const ON = { perception: true };
const OFF = { perception: false };
const REGIME = { redistribution: EQUAL_SPLIT_TEXT };

/** The seed's §4.4 example household, in its second month (2001.02). */
const adam: PerceptionFacts = {
  name: "Adam Mills",
  age: 40,
  city: "New York City, New York",
  date: "2001.02",
  firstMonth: false,
  employedLastMonth: true,
  job: "Professional Athlete",
  offer: "Professional Athlete",
  expectedIncome: 84144.58,
  incomeTrend: "down",
  lastConsumption: 49825.69,
  rationed: "none",
  taxPaid: 28216.98,
  credit: 6351.29,
  brackets: [0, 808.33, 3289.58, 7016.67, 13393.75, 17008.33, 42525],
  rates: [0.1, 0.12, 0.22, 0.24, 0.32, 0.35, 0.37],
  price: 133.5,
  priceTrend: "down",
  savings: 12456.42,
  interestRate: 0.03,
  news: [],
};

/** Adam in month 1: everyone starts unemployed with an offer, nothing spent, taxed or saved yet. */
const adamMonth1: PerceptionFacts = {
  ...adam,
  date: "2001.01",
  firstMonth: true,
  employedLastMonth: false,
  job: null,
  expectedIncome: 88573.24,
  incomeTrend: "up",
  lastConsumption: 0,
  taxPaid: 0,
  credit: 0,
  price: 135.3,
  priceTrend: "none",
  savings: 0,
};

const SYSTEM =
  "As with all Americans, a portion of your monthly income is taxed by the federal government. This taxation system " +
  "is tiered, income is taxed cumulatively within defined brackets, combined with a redistributive policy: after " +
  "collection, the government evenly redistributes the tax revenue back to all citizens, irrespective of their " +
  "earnings. Please share your decisions in a JSON format. The format should have two keys: 'work' (a value between " +
  "0 and 1 with intervals of 0.02, indicating the willingness or propensity to work) and 'consumption' (a value " +
  "between 0 and 1 with intervals of 0.02, indicating the proportion of all your savings and income you intend to " +
  "spend on essential goods).";

const TAX_2019 =
  "In this month, the government sets the brackets: [0.00, 808.33, 3289.58, 7016.67, 13393.75, 17008.33, 42525.00] " +
  "and their corresponding rates: [0.10, 0.12, 0.22, 0.24, 0.32, 0.35, 0.37]. Income earned within each bracket is " +
  "taxed only at that bracket's rate.";

const QUESTION =
  "With all these factors in play, and considering aspects like your living costs, any future aspirations, and the " +
  "broader economic trends, how is your willingness to work this month? Furthermore, how would you plan your " +
  "expenditures on essential goods, keeping in mind good price?";

test("month 1: the full prompt (system + user) for the seed's Adam Mills", () => {
  assert.equal(systemPrompt(REGIME, ON), SYSTEM);
  assert.equal(
    decisionPrompt(adamMonth1, ON),
    "You're Adam Mills, a 40-year-old individual living in New York City, New York. Now it's 2001.01. In the " +
      "previous month, you became unemployed and had no income. Now, you are invited to work as a(an) Professional " +
      "Athlete with monthly salary of $88573.24. Besides, your consumption was $0.00. Your tax deduction amounted to " +
      "$0.00. However, as part of the government's redistribution program, you received a credit of $0.00. " +
      TAX_2019 +
      " Meanwhile, in the consumption market, the average price of essential goods is now at $135.30. Your current " +
      "savings account balance is $0.00. Interest rates, as set by your bank, stand at 3.00%. " +
      QUESTION,
  );
});

test("month 2: the user message for the seed's example", () => {
  assert.equal(
    decisionPrompt(adam, ON),
    "You're Adam Mills, a 40-year-old individual living in New York City, New York. Now it's 2001.02. In the " +
      "previous month, you worked as a(an) Professional Athlete. If you continue working this month, your expected " +
      "income will be $84144.58, which is decreased compared to the last month due to the deflation of labor market. " +
      "Besides, your consumption was $49825.69. Your tax deduction amounted to $28216.98. However, as part of the " +
      "government's redistribution program, you received a credit of $6351.29. " +
      TAX_2019 +
      " Meanwhile, deflation has led to a price decrease in the consumption market, with the average price of " +
      "essential goods now at $133.50. Your current savings account balance is $12456.42. Interest rates, as set by " +
      "your bank, stand at 3.00%. " +
      QUESTION,
  );
});

test("system + user carry the seed's full example prompt, only reordered for prefix caching", () => {
  // The seed §4.4 prompt, with its PDF hyphenation undone. Where the seed's copy differs from the official code
  // ("the labor market", "goods price") the official wording is what we send.
  const seed =
    "You're Adam Mills, a 40-year-old individual living in New York City, New York. As with all Americans, a portion " +
    "of your monthly income is taxed by the federal government. This taxation system is tiered, income is taxed " +
    "cumulatively within defined brackets, combined with a redistributive policy: after collection, the government " +
    "evenly redistributes the tax revenue back to all citizens, irrespective of their earnings. Now it's 2001.02. In " +
    "the previous month, you worked as a(an) Professional Athlete. If you continue working this month, your expected " +
    "income will be $84144.58, which is decreased compared to the last month due to the deflation of the labor " +
    "market. Besides, your consumption was $49825.69. Your tax deduction amounted to $28216.98. However, as part of " +
    "the government's redistribution program, you received a credit of $6351.29. In this month, the government sets " +
    "the brackets: [0.00, 808.33, 3289.58, 7016.67, 13393.75, 17008.33, 42525.00] and their corresponding rates: " +
    "[0.10, 0.12, 0.22, 0.24, 0.32, 0.35, 0.37]. Income earned within each bracket is taxed only at that bracket's " +
    "rate. Meanwhile, deflation has led to a price decrease in the consumption market, with the average price of " +
    "essential goods now at $133.50. Your current savings account balance is $12456.42. Interest rates, as set by " +
    "your bank, stand at 3.00%. With all these factors in play, and considering aspects like your living costs, any " +
    "future aspirations, and the broader economic trends, how is your willingness to work this month? Furthermore, " +
    "how would you plan your expenditures on essential goods, keeping in mind goods price? Please share your " +
    "decisions in a JSON format. The format should have two keys: 'work' (a value between 0 and 1 with intervals of " +
    "0.02, indicating the willingness or propensity to work) and 'consumption' (a value between 0 and 1 with " +
    "intervals of 0.02, indicating the proportion of all your savings and income you intend to spend on essential " +
    "goods).";
  const official = seed.replace("deflation of the labor market", "deflation of labor market").replace("goods price?", "good price?");
  const system = systemPrompt(REGIME, ON);
  const user = decisionPrompt(adam, ON);
  const cut = (s: string, at: string) => [s.slice(0, s.indexOf(at)), s.slice(s.indexOf(at) + 1)];
  const [identity, month] = cut(user, " Now it's");
  const [regime, format] = cut(system, " Please share");
  assert.equal([identity, regime, month, format].join(" "), official);
});

test("job sentence: unemployed with an offer, worked with income up, worked with income down", () => {
  const unemployed = decisionPrompt({ ...adam, employedLastMonth: false, job: null, offer: "Cashier", expectedIncome: 2450 }, ON);
  assert.ok(
    unemployed.includes(
      " In the previous month, you became unemployed and had no income. Now, you are invited to work as a(an) " +
        "Cashier with monthly salary of $2450.00. Besides,",
    ),
  );
  const up = decisionPrompt({ ...adam, incomeTrend: "up" }, ON);
  assert.ok(
    up.includes(
      " In the previous month, you worked as a(an) Professional Athlete. If you continue working this month, your " +
        "expected income will be $84144.58, which is increased compared to the last month due to the inflation of " +
        "labor market. Besides,",
    ),
  );
  const down = decisionPrompt(adam, ON);
  assert.ok(down.includes("which is decreased compared to the last month due to the deflation of labor market. Besides,"));
  // Month 1 always greets with the offer, whatever the state says (as the official code does).
  assert.ok(decisionPrompt({ ...adam, firstMonth: true }, ON).includes("you became unemployed and had no income."));
});

test("an employed household without a job title is a caller bug, not a silent sentence", () => {
  assert.throws(() => decisionPrompt({ ...adam, job: null }, ON), /Adam Mills: employed last month but no job title/);
});

test("consumption sentence: normal, fully rationed, partly rationed", () => {
  assert.ok(decisionPrompt(adam, ON).includes(" Besides, your consumption was $49825.69. Your tax"));
  assert.ok(
    decisionPrompt({ ...adam, rationed: "fully", lastConsumption: 0 }, ON).includes(
      " Besides, you had no consumption due to shortage of goods. Your tax",
    ),
  );
  assert.ok(
    decisionPrompt({ ...adam, rationed: "partly", lastConsumption: 1200.5 }, ON).includes(
      " Besides, your consumption was $1200.50, less than you planned due to a shortage of goods. Your tax",
    ),
  );
});

test("price sentence: first month, inflation, deflation", () => {
  const price = (priceTrend: PerceptionFacts["priceTrend"]) => decisionPrompt({ ...adam, priceTrend, price: 140.256 }, ON);
  assert.ok(
    price("none").includes(
      " Meanwhile, in the consumption market, the average price of essential goods is now at $140.26. Your current",
    ),
  );
  assert.ok(
    price("up").includes(
      " Meanwhile, inflation has led to a price increase in the consumption market, with the average price of " +
        "essential goods now at $140.26. Your current",
    ),
  );
  assert.ok(
    price("down").includes(
      " Meanwhile, deflation has led to a price decrease in the consumption market, with the average price of " +
        "essential goods now at $140.26. Your current",
    ),
  );
});

test("scenario news follows the date sentence, in both perception modes", () => {
  const news = ["A pandemic has been declared.", "Shops may close."];
  assert.ok(decisionPrompt({ ...adam, news }, ON).includes("Now it's 2001.02. A pandemic has been declared. Shops may close. In the previous"));
  assert.ok(decisionPrompt({ ...adam, news }, OFF).startsWith("Date: 2001.02. A pandemic has been declared. Shops may close. Income"));
});

test("perception off: bare labelled numbers, no persona and no market narrative", () => {
  assert.equal(
    decisionPrompt(adam, OFF),
    "Date: 2001.02. Income if you work this month: $84144.58. Last month's consumption: $49825.69. Tax paid: " +
      "$28216.98. Credit received: $6351.29. Brackets: [0.00, 808.33, 3289.58, 7016.67, 13393.75, 17008.33, " +
      "42525.00]; rates: [0.10, 0.12, 0.22, 0.24, 0.32, 0.35, 0.37]. Price of goods: $133.50. Savings: $12456.42. " +
      "Interest rate: 3.00%. How willing are you to work this month, and what share of your savings and income will " +
      "you spend on goods?",
  );
  assert.equal(
    systemPrompt(REGIME, OFF),
    "Each month you report two numbers: your willingness to work and the share of your money you spend on goods. " +
      "Labor income is taxed in brackets, income within each bracket at that bracket's rate, and the collected tax " +
      "is redistributed: after collection, the government evenly redistributes the tax revenue back to all citizens, " +
      "irrespective of their earnings. " +
      SYSTEM.slice(SYSTEM.indexOf("Please share")),
  );
  const banned = [
    "Adam", "Mills", "New York", "year-old", "unemployed", "Professional Athlete", "Cashier", "inflation", "deflation",
    "increase", "decrease", "shortage", "Americans",
  ];
  const variants: PerceptionFacts[] = [
    adam,
    adamMonth1,
    { ...adam, incomeTrend: "up", priceTrend: "up" },
    { ...adam, employedLastMonth: false, job: null, offer: "Cashier", rationed: "fully", lastConsumption: 0 },
    { ...adam, rationed: "partly" },
  ];
  for (const text of [systemPrompt(REGIME, OFF), ...variants.map((f) => decisionPrompt(f, OFF))]) {
    for (const word of banned) assert.ok(!text.toLowerCase().includes(word.toLowerCase()), `"${word}" in: ${text}`);
  }
  // Rationing shows only as the number spent.
  assert.ok(decisionPrompt(variants[3], OFF).includes("Last month's consumption: $0.00."));
});

test("the system message is byte-identical for every household and month, and not repeated in the user message", () => {
  const households: PerceptionFacts[] = [adam, adamMonth1, { ...adam, name: "Maria Lopez", age: 23, date: "2015.07" }];
  for (const perception of [true, false]) {
    const systems = households.map(() => systemPrompt({ redistribution: EQUAL_SPLIT_TEXT }, { perception }));
    assert.equal(new Set(systems).size, 1);
    for (const f of households) assert.ok(!decisionPrompt(f, { perception }).includes("Please share your decisions"));
  }
  const other = systemPrompt({ redistribution: "the tax revenue is paid out by need." }, ON);
  assert.ok(other.includes("redistributive policy: the tax revenue is paid out by need. Please share"));
});

test("money, lists and rates print with two decimals, as Python's :.2f does", () => {
  assert.equal(money(1234.5), "$1234.50");
  assert.equal(money(0), "$0.00");
  assert.equal(money(2.345678), "$2.35");
  assert.equal(numberList([0, 808.333333, 42525]), "[0.00, 808.33, 42525.00]");
  assert.equal(percent(0.03), "3.00%");
  assert.equal(percent(0.0125), "1.25%");
  const p = decisionPrompt({ ...adam, savings: 1234.5, interestRate: 0.0475 }, ON);
  assert.ok(p.includes("Your current savings account balance is $1234.50. Interest rates, as set by your bank, stand at 4.75%."));
});

test("reflection, re-ask and answer schema", () => {
  assert.equal(
    REFLECTION_PROMPT,
    "Given the previous quarter's economic environment, reflect on the labor, consumption, and financial markets, " +
      "as well as their dynamics. What conclusions have you drawn? Your answer must be less than 200 words!",
  );
  assert.equal(
    reaskPrompt("missing key 'consumption'"),
    "Your answer could not be read (missing key 'consumption'). Reply with only a JSON object with two keys, " +
      "'work' and 'consumption', each a value between 0 and 1 with intervals of 0.02.",
  );
  assert.deepEqual(DECISION_SCHEMA, {
    name: "decision",
    schema: {
      type: "object",
      properties: {
        work: { type: "number", minimum: 0, maximum: 1 },
        consumption: { type: "number", minimum: 0, maximum: 1 },
      },
      required: ["work", "consumption"],
      additionalProperties: false,
    },
  });
});
