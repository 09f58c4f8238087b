/** The node:http fetch the OpenAI SDK uses: bodies, headers, statuses, aborts and cut connections, on 127.0.0.1. */
import assert from "node:assert/strict";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { nodeFetch } from "../../lib/llm/nodeFetch.js";

let server: http.Server;
let base = "";
const fetchNode = nodeFetch(4);

before(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      if (req.url === "/echo") {
        res.writeHead(201, { "content-type": "application/json", "retry-after": "3" });
        res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization, body }));
      } else if (req.url === "/empty") {
        res.writeHead(204).end();
      } else if (req.url === "/cut") {
        res.writeHead(200, { "content-length": "100" });
        res.write('{"partial": ');
        setTimeout(() => req.socket.destroy(), 10);
      } else if (req.url === "/slow") {
        setTimeout(() => res.end("late"), 2000);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

test("a POST: method, headers and body go out; status, headers and body come back as a Response", async () => {
  const response = await fetchNode(`${base}/echo`, { method: "POST", headers: { Authorization: "Bearer x" }, body: '{"a":1}' });
  assert.equal(response.status, 201);
  assert.equal(response.headers.get("retry-after"), "3");
  assert.deepEqual(await response.json(), { method: "POST", auth: "Bearer x", body: '{"a":1}' });
});

test("a 204 has no body", async () => {
  const response = await fetchNode(`${base}/empty`);
  assert.equal(response.status, 204);
  assert.equal(await response.text(), "");
});

test("a connection cut mid-body fails like fetch, with the reset in its cause", async () => {
  await assert.rejects(fetchNode(`${base}/cut`), (error: unknown) => {
    assert.ok(error instanceof TypeError && error.message === "fetch failed");
    return true;
  });
});

test("an abort stops the request with an AbortError; refused connections name ECONNREFUSED", async () => {
  const controller = new AbortController();
  const pending = fetchNode(`${base}/slow`, { signal: controller.signal });
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(pending, { name: "AbortError" });
  await assert.rejects(fetchNode("http://127.0.0.1:1/"), (error: unknown) => (error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED");
});
