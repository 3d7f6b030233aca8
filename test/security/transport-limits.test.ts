import http from "node:http";
import WebSocket from "ws";
import { startTestHub, type TestHub } from "../support/hub";

// Issue 22, 3.6 and 3.10: WebSocket messages had no size limit (ws's default is 100 MiB), and a chunked request
// body over the 1 MB limit got a connection reset instead of 413.
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.stop());

const LIMIT = 1_000_000;

function closeCodeAfter(message: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(t.hub.wsUrl, "graphql-transport-ws");
    socket.on("open", () => socket.send(message));
    socket.on("close", (code) => resolve(code));
    socket.on("error", () => undefined); // the close event follows with the code
    setTimeout(() => reject(new Error("socket not closed")), 20_000).unref();
  });
}

test("a WebSocket message above the HTTP body limit (1 MB) closes the socket with 1009", async () => {
  const huge = JSON.stringify({ type: "connection_init", payload: { padding: "x".repeat(LIMIT + 1) } });
  expect(await closeCodeAfter(huge)).toBe(1009);
});

test("a WebSocket message below the limit is read as usual", async () => {
  const socket = new WebSocket(t.hub.wsUrl, "graphql-transport-ws");
  const ack = await new Promise<string>((resolve, reject) => {
    socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { padding: "x".repeat(LIMIT - 1000) } })));
    socket.on("message", (data) => resolve(String(data)));
    socket.on("close", (code) => reject(new Error(`closed ${code}`)));
  });
  socket.close();
  expect(JSON.parse(ack).type).toBe("connection_ack");
});

function postChunked(path: string, chunks: number, chunkBytes: number): Promise<{ status: number; body: string }> {
  const url = new URL(path, t.hub.url);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", reject);
    });
    req.on("error", reject); // ECONNRESET / EPIPE: what this test is about
    const chunk = "x".repeat(chunkBytes);
    let sent = 0;
    const write = () => {
      while (sent < chunks) {
        sent++;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}

test("a chunked request body over 1 MB is answered 413 PAYLOAD_TOO_LARGE, not reset", async () => {
  const { status, body } = await postChunked("/graphql", 40, 64 * 1024); // 2.6 MB, no content-length
  expect(status).toBe(413);
  expect(JSON.parse(body).errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
});

test("the same for /export.csv above its own limit", async () => {
  const { status, body } = await postChunked("/export.csv", 10, 64 * 1024);
  expect(status).toBe(413);
  expect(JSON.parse(body).errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
});

test("the hub still answers after refusing large bodies", async () => {
  expect((await fetch(t.hub.url.replace("/graphql", "/healthz"))).status).toBe(200);
});
