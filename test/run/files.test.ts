/**
 * The file helpers every run writes through (lib/files.ts): directories made level by level and proved writable,
 * and appended files written in batches that are on disk at every flush and close.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createHash } from "node:crypto";
import { AppendFile, APPEND_BATCH_BYTES, APPEND_BATCH_MS, makeDirectory, writableDirectoryProblem } from "../../lib/files.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "econagent-files-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("makeDirectory says whether it made the directory; writableDirectoryProblem leaves no probe behind", () => {
  const dir = path.join(tmp, "a", "b", "c");
  assert.equal(makeDirectory(dir), true);
  assert.equal(makeDirectory(dir), false, "it existed");
  assert.equal(writableDirectoryProblem(path.join(tmp, "new")), null);
  assert.equal(writableDirectoryProblem(dir), null, "an existing directory is probed with a file");
  assert.deepEqual(fs.readdirSync(path.join(tmp, "new")), []);
  assert.deepEqual(fs.readdirSync(dir), []);
  fs.writeFileSync(path.join(tmp, "file"), "");
  assert.equal(writableDirectoryProblem(path.join(tmp, "file", "x")), "ENOTDIR");
  assert.equal(writableDirectoryProblem("/proc/econagent-x"), "ENOENT");
});

test("an appended file: bytes wait until a flush, a close or a full batch; size and digest count every byte appended", () => {
  const file = path.join(tmp, "append.csv");
  const started = Date.now();
  const f = AppendFile.create(file, "month,price\n");
  f.append("1,128.5\n");
  // Within a second of the last write (a machine stalled longer would rightly have written it).
  if (Date.now() - started < APPEND_BATCH_MS) assert.equal(fs.readFileSync(file, "utf8"), "", "a small append waits for its batch");
  f.flush();
  assert.equal(fs.readFileSync(file, "utf8"), "month,price\n1,128.5\n");
  f.appendBytes(Buffer.alloc(APPEND_BATCH_BYTES, 0x41));
  assert.equal(fs.statSync(file).size, 20 + APPEND_BATCH_BYTES, "a full batch is written at once");
  f.append("2,129\n");
  assert.equal(f.size, 20 + APPEND_BATCH_BYTES + 6);
  f.close();
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.length, f.size);
  assert.equal(f.digest(), createHash("sha256").update(bytes).digest("hex"));
});
