/**
 * The tslab kernel with one fix: a failing cell's `execute_reply` names the error.
 *
 * tslab prints a cell's error (a throw, a rejected await, a TypeScript diagnostic) to the cell's stderr and then
 * replies `{status: "error"}` with no `ename`, `evalue` or `traceback`, which the Jupyter protocol requires
 * (https://jupyter-client.readthedocs.io/en/stable/messaging.html#execution-errors). nbclient, and so
 * `jupyter nbconvert --execute`, builds its failure report from those fields alone, so every failure read
 * `<Error>: ` with no message. Here the values tslab hands to console.error while a cell runs are kept, and a
 * failing cell's reply carries the last one: name, message and stack (or the diagnostics, or the thrown value).
 */
const util = require("node:util");
const jupyter = require("tslab/dist/jupyter");
const { main } = require("tslab/dist/main");

/** What console.error received during the running cell, one argument list per call. */
let reported = [];
const consoleError = console.error;
// Replaced before tslab creates its executor, which keeps a reference to console.error for its error reports.
console.error = function (...args) {
  reported.push(args);
  return consoleError.apply(this, args);
};

const handleExecute = jupyter.JupyterHandlerImpl.prototype.handleExecute;
jupyter.JupyterHandlerImpl.prototype.handleExecute = async function (req, writeStream, writeDisplayData) {
  reported = [];
  const reply = await handleExecute.call(this, req, writeStream, writeDisplayData);
  if (reply.status === "error") Object.assign(reply, errorFields(reported));
  return reply;
};

/** The protocol's error fields from tslab's last report (all of a compile's diagnostics, which it prints one by one). */
function errorFields(calls) {
  if (calls.length === 0) return { ename: "Error", evalue: "the cell failed (tslab reported nothing)", traceback: [] };
  const last = calls[calls.length - 1];
  const diagnostic = (args) => args[0] === "%s%d:%d - %s";
  if (diagnostic(last)) {
    const lines = calls.filter(diagnostic).map((args) => util.format(...args));
    return { ename: "TypeScript", evalue: lines.join("\n"), traceback: lines };
  }
  const errorLike = (value) => value instanceof Error || (value !== null && typeof value === "object" && typeof value.message === "string");
  // tslab's own failures arrive as console.error("unexpected error:", error): the error is what counts.
  const thrown = last.find(errorLike) ?? (last.length === 1 ? last[0] : util.format(...last));
  if (errorLike(thrown)) {
    const stack = typeof thrown.stack === "string" ? thrown.stack.split("\n") : [];
    return { ename: String(thrown.name || "Error"), evalue: thrown.message || util.inspect(thrown), traceback: stack };
  }
  // A thrown string, number or plain object: shown as itself.
  const text = typeof thrown === "string" ? thrown : util.inspect(thrown);
  return { ename: "thrown value", evalue: text, traceback: [text] };
}

main();
