/**
 * `econagent run` with bad input: exit code 2, exactly one line on stderr naming the field, the bad value and
 * what is allowed, nothing on stdout, no stack trace, and no run files left in --out.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../support/cli.js";
import { deterministicAnswer, startFakeOpenAI } from "../support/fakeOpenAI.js";
import { readJsonFile } from "../../lib/readBack.js";

const root = process.cwd();
const bin = path.join(root, "bin/econagent.js");
const RUN_FILES = ["manifest.json", "monthly.csv", "annual.csv", "summary.json", "households.csv", "decisions.csv"];

let tmp: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-cli-bad-"));
});
after(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function cli(args: string[], cwd = root) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd });
}

/** Write `content` to a fresh file in the temporary directory and return its path. */
function tmpFile(name: string, content: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

let outCounter = 0;
/** A not-yet-existing --out directory. */
function freshOut(): string {
  return path.join(tmp, `out-${++outCounter}`);
}

interface Expect {
  /** The field the message must name (a flag, "--config", or a config key). */
  field: string;
  /** The bad value as the message quotes it (JSON), or undefined when there is none to name. */
  value?: string;
  /** Phrases describing what is allowed; each must appear. */
  allowed: string[];
}

/** Run, then check the one-line usage error and that `out` (if any) holds no run files. */
function assertUsageError(args: string[], expect: Expect, out?: string, cwd = root): string {
  const r = cli(args, cwd);
  assert.equal(r.status, 2, `exit code for ${args.join(" ")}; stderr: ${r.stderr}`);
  assert.equal(r.stdout, "", "nothing on stdout");
  assert.ok(r.stderr.endsWith("\n"), `stderr ends with a newline: ${JSON.stringify(r.stderr)}`);
  const lines = r.stderr.slice(0, -1).split("\n");
  assert.equal(lines.length, 1, `exactly one stderr line, got: ${JSON.stringify(r.stderr)}`);
  const line = lines[0];
  assert.ok(!r.stderr.includes("    at "), `no stack trace: ${r.stderr}`);
  assert.ok(line.startsWith("econagent: "), line);
  assert.ok(line.includes(expect.field), `names the field ${expect.field}: ${line}`);
  if (expect.value !== undefined) assert.ok(line.includes(expect.value), `names the value ${expect.value}: ${line}`);
  for (const phrase of expect.allowed) assert.ok(line.includes(phrase), `says what is allowed (${phrase}): ${line}`);
  if (out !== undefined) {
    for (const f of RUN_FILES) {
      assert.ok(!fs.existsSync(path.join(out, f)), `${f} must not be left in ${out}`);
    }
  }
  return line;
}

/** Cases of `econagent run <flags> --out <fresh dir>`. */
const FLAG_CASES: { name: string; args: string[]; expect: Expect }[] = [
  {
    name: "unknown policy",
    args: ["--policy", "foo"],
    expect: { field: "--policy", value: '"foo"', allowed: ["fixed", "len", "cats", "composite"] },
  },
  ...["0", "-3", "2.5", "abc"].map((v) => ({
    name: `--households ${v}`,
    args: ["--households", v, "--months", "24"],
    expect: { field: "--households", value: JSON.stringify(v), allowed: ["positive integer"] },
  })),
  ...["0", "13", "25", "-12"].map((v) => ({
    name: `--months ${v}`,
    args: ["--households", "10", "--months", v],
    expect: { field: "--months", value: JSON.stringify(v), allowed: ["multiple of 12"] },
  })),
  {
    name: "--work 1.5 with --policy fixed",
    args: ["--policy", "fixed", "--work", "1.5", "--consumption", "0.5", "--households", "10", "--months", "24"],
    expect: { field: "--work", value: '"1.5"', allowed: ["[0, 1]"] },
  },
  {
    name: "--consumption -0.1 with --policy fixed",
    args: ["--policy", "fixed", "--work", "0.5", "--consumption", "-0.1", "--households", "10", "--months", "24"],
    expect: { field: "--consumption", value: '"-0.1"', allowed: ["[0, 1]"] },
  },
  {
    name: "--policy fixed without --work",
    args: ["--policy", "fixed", "--consumption", "0.5", "--households", "10", "--months", "24"],
    expect: { field: "--work", allowed: ["[0, 1]", "required with --policy fixed"] },
  },
  {
    name: "--work with --policy len",
    args: ["--policy", "len", "--work", "0.5", "--households", "10", "--months", "24"],
    expect: { field: "--work", value: "0.5", allowed: ["only with --policy fixed", "len"] },
  },
  {
    name: "unknown flag",
    args: ["--househlds", "10"],
    expect: { field: "--househlds", value: '"10"', allowed: ["known flag"] },
  },
  {
    name: "a flag given twice",
    args: ["--households", "10", "--households", "12"],
    expect: { field: "--households", value: '"12"', allowed: ["once"] },
  },
  {
    name: "--tax-year 2020",
    args: ["--tax-year", "2020"],
    expect: { field: "--tax-year", value: '"2020"', allowed: ["2018", "2019", "2022"] },
  },
  {
    name: "--wages foo",
    args: ["--wages", "foo"],
    expect: { field: "--wages", value: '"foo"', allowed: ["official", "official-sampled", "calibrated"] },
  },
  {
    name: "--decisions maybe",
    args: ["--decisions", "maybe"],
    expect: { field: "--decisions", value: '"maybe"', allowed: ["all", "off", "panel:K"] },
  },
  {
    name: "--decisions panel:0",
    args: ["--decisions", "panel:0"],
    expect: { field: "--decisions", value: '"panel:0"', allowed: ["panel:K with K a positive integer"] },
  },
  {
    name: "--decisions panel:x",
    args: ["--decisions", "panel:x"],
    expect: { field: "--decisions", value: '"panel:x"', allowed: ["panel:K with K a positive integer"] },
  },
  {
    name: "--format xlsx",
    args: ["--format", "xlsx"],
    expect: { field: "--format", value: '"xlsx"', allowed: ["csv", "parquet"] },
  },
  {
    name: "--transport fetch",
    args: ["--policy", "llm", "--transport", "fetch"],
    expect: { field: "--transport", value: '"fetch"', allowed: ["http", "sdk"] },
  },
  ...["auto:0", "0", "auto:", "auto:5000", "fast"].map((v) => ({
    name: `--concurrency ${v}`,
    args: ["--policy", "llm", "--concurrency", v],
    expect: { field: "--concurrency", value: JSON.stringify(v), allowed: ["positive integer", "auto:MAX"] },
  })),
  ...["http://127.0.0.1:1/v1,,http://127.0.0.1:2/v1", "http://127.0.0.1:1/v1,", "http://127.0.0.1:1/v1,http://127.0.0.1:1/v1", "ftp://x"].map((v) => ({
    name: `--base-url ${v}`,
    args: ["--policy", "llm", "--base-url", v],
    expect: { field: "--base-url", value: JSON.stringify(v), allowed: ["comma-separated list", "no empty entries", "each URL once"] },
  })),
  {
    name: "a positional word after run",
    args: ["extra"],
    expect: { field: "run", value: '"extra"', allowed: ["flags only"] },
  },
];

for (const c of FLAG_CASES) {
  test(`run: ${c.name} → exit 2 with one line naming ${c.expect.field}`, () => {
    const out = freshOut();
    assertUsageError(["run", ...c.args, "--out", out], c.expect, out);
  });
}

test("run: malformed config JSON → exit 2 naming --config, the file and 'valid JSON'", () => {
  const file = tmpFile("malformed.json", '{"households": 10,');
  const out = freshOut();
  assertUsageError(["run", "--config", file, "--out", out], { field: "--config", value: JSON.stringify(file), allowed: ["valid JSON"] }, out);
});

test("run: config file that is a JSON array → exit 2 asking for a JSON object", () => {
  const file = tmpFile("array.json", '[{"households": 10}]');
  const out = freshOut();
  assertUsageError(["run", "--config", file, "--out", out], { field: "--config", value: JSON.stringify(file), allowed: ["JSON object"] }, out);
});

test("run: config file that is a JSON scalar → exit 2 asking for a JSON object", () => {
  const file = tmpFile("scalar.json", "10");
  const out = freshOut();
  assertUsageError(["run", "--config", file, "--out", out], { field: "--config", value: JSON.stringify(file), allowed: ["JSON object"] }, out);
});

test("run: missing config file → exit 2 naming --config and the file", () => {
  const file = path.join(tmp, "does-not-exist.json");
  const out = freshOut();
  assertUsageError(["run", "--config", file, "--out", out], { field: "--config", value: JSON.stringify(file), allowed: ["readable JSON file"] }, out);
});

test("run: unknown key in a config file → exit 2 naming the key and the file", () => {
  const file = tmpFile("unknown-key.json", '{"househlds": 10}');
  const out = freshOut();
  const line = assertUsageError(["run", "--config", file, "--out", out], { field: "househlds", value: "10", allowed: ["known option", "households"] }, out);
  assert.ok(line.includes(file), `names the file: ${line}`);
});

test("run: bad value in a config file → exit 2 naming the key, the file and the value", () => {
  const file = tmpFile("bad-value.json", '{"households": 0, "months": 24}');
  const out = freshOut();
  const line = assertUsageError(["run", "--config", file, "--out", out], { field: "households", value: "0", allowed: ["positive integer"] }, out);
  assert.ok(line.includes(file), `names the file: ${line}`);
});

test("run: OPENAI_BASE_URL that is not a URL → exit 2 naming the variable, whichever transport", () => {
  const previous = process.env.OPENAI_BASE_URL;
  process.env.OPENAI_BASE_URL = "localhost:8000/v1";
  try {
    for (const transport of ["http", "sdk"]) {
      const out = freshOut();
      assertUsageError(["run", "--policy", "llm", "--transport", transport, "--out", out], { field: "OPENAI_BASE_URL", value: '"localhost:8000/v1"', allowed: ["http:// or https:// URL"] }, out);
    }
  } finally {
    if (previous === undefined) delete process.env.OPENAI_BASE_URL;
    else process.env.OPENAI_BASE_URL = previous;
  }
});

test("run: --base-url overrides OPENAI_BASE_URL, so a bad variable beside it is not read", async () => {
  const server = await startFakeOpenAI((body) => ({ content: deterministicAnswer(body as { messages: { role: string; content: string }[] }) }));
  try {
    const out = freshOut();
    const r = await runCli(["run", "--policy", "llm", "--households", "2", "--months", "12", "--base-url", server.url, "--model", "fake-model", "--cache-mode", "off", "--quiet", "--out", out], { OPENAI_BASE_URL: "localhost:8000/v1" });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(server.requests.length, 2 * 12 + 2 * 3, "every decision and reflection went to --base-url");
  } finally {
    await server.close();
  }
});

test("run: an endpoint list in a config file with a bad entry → exit 2 naming baseUrl and the file", () => {
  const file = tmpFile("endpoints.json", JSON.stringify({ policy: "llm", baseUrl: [{ baseUrl: "http://127.0.0.1:1/v1" }, { baseUrl: "http://127.0.0.1:2/v1", concurrency: "auto:0" }] }));
  const out = freshOut();
  const line = assertUsageError(["run", "--config", file, "--out", out], { field: "baseUrl", allowed: ["{baseUrl, model?, apiKeyEnv?, concurrency?}"] }, out);
  assert.ok(line.includes(file), `names the file: ${line}`);
});

// Keys inherited from Object.prototype must be rejected like any other unknown key (exit 2, not a crash).
for (const key of ["toString", "__proto__"]) {
  test(`run: config key ${JSON.stringify(key)} is an unknown key → exit 2 naming it and the file`, () => {
    const file = tmpFile(`proto-${key}.json`, `{${JSON.stringify(key)}: {"households": 5}}`);
    const out = freshOut();
    const line = assertUsageError(["run", "--config", file, "--out", out], { field: key, allowed: ["known option"] }, out);
    assert.ok(line.includes(file), `names the file: ${line}`);
  });
}

test("run: missing --out → exit 2 naming --out, and nothing is written to the working directory", () => {
  const cwd = fs.mkdtempSync(path.join(tmp, "cwd-"));
  assertUsageError(["run", "--households", "10", "--months", "24"], { field: "--out", allowed: ["directory"] }, undefined, cwd);
  assert.deepEqual(fs.readdirSync(cwd), []);
});

test("run: empty --out= → exit 2 naming --out, and nothing is written to the working directory", () => {
  const cwd = fs.mkdtempSync(path.join(tmp, "cwd-"));
  assertUsageError(["run", "--households", "10", "--months", "24", "--quiet", "--out="], { field: "--out", value: '""', allowed: ["directory"] }, cwd, cwd);
  assert.deepEqual(fs.readdirSync(cwd), []);
});

test("run: an LLM run recording into a --cache it cannot write → exit 2 before month 1, naming --cache and the path", () => {
  const file = tmpFile("cache-file", "not a directory\n");
  const cache = path.join(file, "cache");
  const out = freshOut();
  assertUsageError(["run", "--policy", "llm", "--base-url", "http://127.0.0.1:9/v1", "--cache", cache, "--out", out], {
    field: "--cache",
    value: JSON.stringify(cache),
    allowed: ["writable directory (ENOTDIR)"],
  }, out);
});

test("run: --out under a regular file → exit 2 naming --out, the path and 'writable directory'", () => {
  const file = tmpFile("regular-file", "not a directory\n");
  const out = path.join(file, "sub");
  assertUsageError(["run", "--households", "10", "--months", "24", "--out", out], {
    field: "--out",
    value: JSON.stringify(out),
    allowed: ["writable directory"],
  }, out);
  assert.equal(fs.readFileSync(file, "utf8"), "not a directory\n", "the file is left alone");
});

test("run: --flag at the end without a value → exit 2 naming the flag", () => {
  const out = freshOut();
  assertUsageError(["run", "--out", out, "--households"], { field: "--households", allowed: ["a value"] }, out);
});

test("run: a switch given a value (--force=yes) → exit 2 naming --force", () => {
  const out = freshOut();
  assertUsageError(["run", "--out", out, "--force=yes"], { field: "--force", value: '"yes"', allowed: ["switch"] }, out);
});

test("run: --max-cost -1 → exit 2 naming --max-cost, the value and 'positive amount'", () => {
  const out = freshOut();
  assertUsageError(["run", "--policy", "llm", "--max-cost", "-1", "--out", out], { field: "--max-cost", value: '"-1"', allowed: ["positive amount of US dollars"] }, out);
});

test("run: --max-cost on a model without known prices and no --price-* → exit 2 asking for prices", () => {
  const out = freshOut();
  const args = ["run", "--policy", "llm", "--model", "my-local-model", "--max-cost", "5", "--out", out];
  assertUsageError(args, { field: "--max-cost", value: "5", allowed: ["my-local-model has no known prices", "--price-input and --price-output"] }, out);
  assertUsageError([...args, "--price-input", "1"], { field: "--max-cost", value: "5", allowed: ["--price-output"] }, out);
});

test("run: --max-cost with rule households → exit 2 (only LLM households spend)", () => {
  const out = freshOut();
  assertUsageError(["run", "--policy", "len", "--max-cost", "5", "--out", out], { field: "--max-cost", value: "5", allowed: ["only with --policy llm"] }, out);
});

// Issue 18 item 8: Node's recursive mkdir loops forever under /proc (mkdir there fails with ENOENT under a parent
// that exists); every directory a command writes to is probed level by level instead, so these end at once.
const onProc = fs.existsSync("/proc/self");
for (const [name, args, field, value] of [
  ["run --out /proc/econprobe", ["run", "--households", "10", "--months", "12", "--out", "/proc/econprobe"], "--out", "/proc/econprobe"],
  ["run --out /proc/1/x", ["run", "--households", "10", "--months", "12", "--out", "/proc/1/x"], "--out", "/proc/1/x"],
  ["run --cache /proc/x", ["run", "--policy", "llm", "--base-url", "http://127.0.0.1:9/v1", "--cache", "/proc/x", "--out", "OUT"], "--cache", "/proc/x"],
  ["sweep --out /proc/x", ["sweep", "EXPERIMENT", "--out", "/proc/x"], "--out", "/proc/x"],
] as const) {
  test(`${name} → exit 2 at once naming ${field} and ENOENT (no endless mkdir)`, { skip: !onProc && "no /proc here" }, () => {
    const out = freshOut();
    const experiment = tmpFile("proc-sweep.json", JSON.stringify({ name: "p", base: { households: 10, months: 12 }, seeds: [1] }));
    const argv = args.map((a) => (a === "OUT" ? out : a === "EXPERIMENT" ? experiment : a));
    const r = spawnSync(process.execPath, [bin, ...argv], { encoding: "utf8", cwd: root, timeout: 30_000 });
    assert.equal(r.signal, null, `ended by itself, not by the 30 s timeout: ${r.stderr}`);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, `econagent: ${field}: got ${JSON.stringify(value)}; allowed: a writable directory (ENOENT)\n`);
  });
}

// Issue 18 item 9: a value nested 5,000 levels deep is refused when the file is read, before anything walks it.
test("run: a config value nested 5,000 levels deep → exit 2 naming the key and the nesting limit", () => {
  const file = tmpFile("deep.json", `{"households": ${"[".repeat(5000)}1${"]".repeat(5000)}, "months": 12}`);
  const out = freshOut();
  const line = assertUsageError(["run", "--config", file, "--out", out], { field: "households", allowed: ["at most 64 levels of nesting"] }, out);
  assert.ok(line.includes(file), `names the file: ${line}`);
  assert.ok(line.length < 600, `a short line: ${line.length} characters`);
});

// Issue 18 item 16: the value as written, one line whatever the file holds, at most ~80 characters of it quoted.
test("run: households 1e400 in a config file → exit 2 quoting 1e400 as written (not null)", () => {
  const file = tmpFile("huge.json", '{"households": 1e400, "months": 12}');
  const out = freshOut();
  assertUsageError(["run", "--config", file, "--out", out], { field: "households", value: "got 1e400;", allowed: ["a number a double can hold"] }, out);
});

test("run: a config file with a byte-order mark is read as JSON (its bad value is the error, in one line)", () => {
  const file = tmpFile("bom.json", '\ufeff{\n  "households": 0,\n  "months": 12\n}\n');
  const out = freshOut();
  assertUsageError(["run", "--config", file, "--out", out], { field: "households", value: "got 0;", allowed: ["positive integer"] }, out);
  const broken = tmpFile("bom-broken.json", '\ufeff{\n  "households": \n');
  assertUsageError(["run", "--config", broken, "--out", out], { field: "--config", allowed: ["valid JSON"] }, out);
});

test("run: an unknown key with a 20 MB value → exit 2 quoting at most 80 characters of it (the quote mark included)", () => {
  const file = tmpFile("big-value.json", `{"nonsense": "${"x".repeat(20_000_000)}"}`);
  const out = freshOut();
  const line = assertUsageError(["run", "--config", file, "--out", out], { field: "nonsense", value: `got "${"x".repeat(79)}…;`, allowed: ["known option"] }, out);
  assert.ok(line.length < 2500, `a bounded line: ${line.length} characters`);
});

test("run, sweep, collect, report, calibrate, sensitivity, validate: a flag the command does not know, even last, is an unknown flag (not a flag missing its value)", () => {
  const experiment = tmpFile("bogus-flag.json", JSON.stringify({ name: "b", base: { households: 10, months: 12 }, seeds: [1] }));
  const out = freshOut();
  assertUsageError(["sweep", experiment, "--out", out, "--bogus"], { field: "--bogus", allowed: ["unknown flag", "sweep takes --out, --jobs"] });
  assert.ok(!fs.existsSync(out), "nothing written");
  assertUsageError(["collect", out, "--bogus"], { field: "--bogus", allowed: ["unknown flag", "collect takes --format"] });
  assertUsageError(["run", "--out", out, "--bogus"], { field: "--bogus", allowed: ["unknown flag", "see econagent run --help"] }, out);
  assertUsageError(["report", out, "--bogus=1"], { field: "--bogus", value: '"1"', allowed: ["unknown flag", "report takes --figures, --seeds"] });
  assertUsageError(["calibrate", experiment, "--out", out, "--bogus"], { field: "--bogus", allowed: ["unknown flag", "calibrate takes --out, --jobs"] });
  assertUsageError(["sensitivity", experiment, "--out", out, "--bogus"], { field: "--bogus", allowed: ["unknown flag", "sensitivity takes --out, --jobs"] });
  assertUsageError(["validate", out, "--bogus"], { field: "--bogus", allowed: ["unknown flag", "validate takes --targets"] });
  assert.ok(!fs.existsSync(out), "nothing written");
});

test("collect: garbage in sweep.json → exit 2 in one line naming the file", () => {
  const dir = path.join(tmp, "garbage-sweep");
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "sweep.json"), "\ufeff{\n  garbage\n}\n");
  assertUsageError(["collect", dir], { field: path.join(dir, "sweep.json"), allowed: ["valid JSON"] });
  fs.writeFileSync(path.join(dir, "sweep.json"), JSON.stringify({ format: 1, name: "x", sha256: "abc", cells: 1, seeds: 1, runs: 1 }));
  assertUsageError(["collect", dir], { field: `${path.join(dir, "sweep.json")}: sha256`, value: '"abc"', allowed: ["a SHA-256 in hex"] });
});

// Issue 18 item 18: overlapping events that set one level to different values are refused, as the README says.
test("run: a scenario with overlapping wageLevel 0.9 and 1.1 → exit 2 naming the second event's field", () => {
  const scenario = tmpFile("overlap.json", JSON.stringify({
    name: "o",
    events: [{ from: "2001-03", to: "2001-06", changes: { wageLevel: 0.9 } }, { from: "2001-03", to: "2001-04", changes: { wageLevel: 1.1 } }],
  }));
  const out = freshOut();
  assertUsageError(["run", "--households", "10", "--months", "12", "--scenario", scenario, "--out", out], {
    field: `${scenario}: events[1].changes.wageLevel`,
    value: "got 1.1;",
    allowed: ["sets wageLevel to 0.9 — the ranges overlap"],
  }, out);
});

test("a checkpoint read back: a byte-order mark is ignored, garbage after it is one line naming the file", async () => {
  const file = tmpFile("checkpoint.json", '\ufeff{\n  "month": 106\n}\n');
  assert.deepEqual(readJsonFile(file), { month: 106 });
  fs.writeFileSync(file, '\ufeff{\n  "month": 106,\n  garbage\n}\n');
  assert.throws(() => readJsonFile(file), (error: Error) => {
    assert.equal(error.message.split("\n").length, 1, error.message);
    assert.ok(error.message.startsWith(`${file}: (file): got "{\\n  \\"month\\"`), error.message);
    assert.match(error.message, /allowed: valid JSON \(/);
    return true;
  });
});

/** Run, then check exit 2 with exactly `message` as the one stderr line, and that `out` was not created. */
function assertBadInputFile(args: string[], message: string, out: string): void {
  const r = cli([...args, "--out", out]);
  assert.equal(r.status, 2, `exit code for ${args.join(" ")}; stderr: ${r.stderr}`);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, `econagent: ${message}\n`);
  assert.ok(!fs.existsSync(out), `${out} must not be created before the input files are checked`);
}

// Issue 18 item 13: a bad --model-path is a bad input file (exit 2), checked before the run directory exists.
test("run: --model-path missing, a directory, empty, or not GGUF → exit 2, its one line, --out not created", () => {
  const missing = path.join(tmp, "no-such-model.gguf");
  const directory = fs.mkdtempSync(path.join(tmp, "model-dir-"));
  const empty = tmpFile("empty.gguf", "");
  const notGguf = tmpFile("not-gguf.gguf", "this is a text file, not weights\n");
  const cases: [string, string][] = [
    [missing, `model file not found: ${missing}`],
    [directory, `cannot load model ${directory}: a directory, not a GGUF file`],
    [empty, `cannot load model ${empty}: the file is empty`],
    [notGguf, `cannot load model ${notGguf}: not a GGUF file (it does not start with "GGUF")`],
  ];
  for (const [modelPath, message] of cases) {
    assertBadInputFile(["run", "--policy", "llm", "--backend", "llama", "--model-path", modelPath, "--households", "1", "--months", "12"], message, freshOut());
  }
});

test("run: a damaged --recording → exit 2, its one line, --out not created", () => {
  const garbled = tmpFile("garbled.recording.jsonl.gz", "this is not a recording\n");
  const args = ["run", "--policy", "llm", "--households", "1", "--months", "12", "--cache-mode", "replay", "--recording", garbled];
  const r = cli([...args, "--out", freshOut()]);
  assert.match(r.stderr, /not a readable gzip file \(Z_DATA_ERROR\)/);
  assertBadInputFile(args, r.stderr.slice("econagent: ".length, -1), freshOut());
  const missing = path.join(tmp, "no-such.recording.jsonl.gz");
  const out = freshOut();
  assertUsageError([...args.slice(0, -1), missing, "--out", out], { field: "--recording", value: JSON.stringify(missing), allowed: ["an existing recording file"] }, out);
  assert.ok(!fs.existsSync(out));
});
