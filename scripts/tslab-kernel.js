/**
 * The tslab kernel with two fixes: a failing cell's `execute_reply` names the error, and no message is lost to a
 * busy zeromq socket.
 *
 * tslab prints a cell's error (a throw, a rejected await, a TypeScript diagnostic) to the cell's stderr and then
 * replies `{status: "error"}` with no `ename`, `evalue` or `traceback`, which the Jupyter protocol requires
 * (https://jupyter-client.readthedocs.io/en/stable/messaging.html#execution-errors). nbclient, and so
 * `jupyter nbconvert --execute`, builds its failure report from those fields alone, so every failure read
 * `<Error>: ` with no message. Here the values tslab hands to console.error while a cell runs are kept, and a
 * failing cell's reply carries the last one: name, message and stack (or the diagnostics, or the thrown value).
 */
const fs = require("node:fs");
const path = require("node:path");
const util = require("node:util");
const jupyter = require("tslab/dist/jupyter");
const { main } = require("tslab/dist/main");
/** The zeromq tslab itself loads (its own dependency), so the sockets it creates are the ones patched below. */
const zmq = require(require.resolve("zeromq", { paths: [path.dirname(require.resolve("tslab/package.json"))] }));

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
  // The reply goes out on another socket than the cell's output: only once every output is handed to zeromq
  // (below), so a client that takes the reply as the end of the cell's output waits for what is still in transit.
  await drained();
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

/*
 * zeromq 6 sends one message at a time per socket: after 512 sends in a row it defers one to the next turn of the
 * event loop, and every send made before that turn throws EBUSY ("Socket is busy writing"). tslab sends without
 * waiting (each printed line, each status message), so a cell that printed more than a few hundred lines lost the
 * rest, and a refused status message became an unhandled rejection, which tslab prints as
 * `UnhandledPromiseRejection: Error: Socket is busy writing ... code: 'EBUSY'`. Here a send that meets one in
 * progress waits, in order, for it to finish. A message to a closed socket (the kernel shutting down, e.g. a late
 * heartbeat) has no one to go to and is dropped; any other failure is one line on the kernel's own stderr (fd 2:
 * process.stderr writes to the cell's output once a cell has run, i.e. through the socket that failed).
 */
const nativeSend = zmq.Socket.prototype.send;
/** Per socket: the messages not yet handed to zeromq, in order, and whether they wait for a send in progress. */
const outboxes = new WeakMap();
/** Every outbox, for {@link drained}. */
const allOutboxes = new Set();

function sendInOrder(message) {
  let outbox = outboxes.get(this);
  if (outbox === undefined) {
    outboxes.set(this, (outbox = { messages: [], waiting: false, last: null }));
    allOutboxes.add(outbox);
  }
  outbox.messages.push(message);
  if (!outbox.waiting) flush(this, outbox);
  return Promise.resolve();
}

function flush(socket, outbox) {
  while (outbox.messages.length > 0) {
    if (socket.closed) {
      outbox.messages.length = 0;
      return;
    }
    let sent;
    try {
      sent = nativeSend.call(socket, outbox.messages[0]);
    } catch (error) {
      if (error.code === "EBUSY") {
        // Retried once the send in progress settles; setImmediate so a retry can never spin without the loop turning.
        outbox.waiting = true;
        const retry = () => setImmediate(() => ((outbox.waiting = false), flush(socket, outbox)));
        (outbox.last ?? Promise.resolve()).then(retry, retry);
        return;
      }
      outbox.messages.shift();
      report(error);
      continue;
    }
    outbox.messages.shift();
    outbox.last = sent;
    sent.catch((error) => {
      if (!socket.closed) report(error);
    });
  }
}

/** Resolves once no socket has a message waiting to be handed to zeromq (or after 30 s: a reply is never held forever). */
async function drained() {
  const deadline = Date.now() + 30_000;
  const waiting = () => [...allOutboxes].some((outbox) => outbox.messages.length > 0);
  while (waiting() && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
}

function report(error) {
  fs.writeSync(2, `tslab kernel: a Jupyter message could not be sent: ${error.code ?? ""} ${error.message}\n`);
}

// tslab's sockets: iopub (Publisher), shell, control and stdin (Router), heartbeat (Reply).
for (const Socket of [zmq.Publisher, zmq.Router, zmq.Reply]) {
  Object.defineProperty(Socket.prototype, "send", { value: sendInOrder, writable: true, configurable: true });
}

main();
