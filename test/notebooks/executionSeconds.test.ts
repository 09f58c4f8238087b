/** executionSeconds: first cell start to last cell end of a notebook's recorded execution, null when never run. */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { executionSeconds } from "../../lib/notebook/executionSeconds.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-execution-seconds-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function notebook(name: string, executions: (Record<string, string> | undefined)[]): string {
  const file = path.join(tmp, `${name}.ipynb`);
  fs.writeFileSync(file, JSON.stringify({ cells: executions.map((execution) => ({ cell_type: "code", metadata: execution ? { execution } : {} })) }));
  return file;
}

test("from the earliest timestamp of any cell to the latest, markdown and unexecuted cells ignored", () => {
  const file = notebook("ran", [
    { "iopub.status.busy": "2026-12-07T10:00:05.000Z", "iopub.status.idle": "2026-12-07T10:00:07.500Z" },
    undefined,
    { "iopub.status.busy": "2026-12-07T10:00:07.600Z", "shell.execute_reply": "2026-12-07T10:01:10.250Z" },
  ]);
  assert.equal(executionSeconds(file), 65.25); // 10:00:05.000 → 10:01:10.250
});

test("a notebook never executed has no runtime: null", () => {
  assert.equal(executionSeconds(notebook("fresh", [undefined, undefined])), null);
});
