// The graphql-ws protocol (graphql-transport-ws) close codes, checked against the running hub with a raw
// WebSocket client, so that nothing in a client library hides what the server sends.
import WebSocket from "ws";
import { startHubProcess, type HubProcess } from "../support/hub-process";

const PROTOCOL = "graphql-transport-ws";
const SUBSCRIBE = { query: "subscription { needPosted { id } }" };

let hub: HubProcess;
beforeAll(async () => {
  hub = await startHubProcess(); // as `npm start` starts it: NODE_ENV=production
}, 300_000);
afterAll(async () => hub?.stop());

interface RawSocket {
  ws: WebSocket;
  send(message: unknown): void;
  /** The next message the server sends (parsed). */
  next(ms?: number): Promise<{ type: string; [key: string]: unknown }>;
  /** Resolves with the close code and reason (rejects after `ms`). */
  closed(ms?: number): Promise<{ code: number; reason: string }>;
}

async function open(protocol = PROTOCOL): Promise<RawSocket> {
  const ws = new WebSocket(hub.wsUrl, protocol);
  const inbox: Array<{ type: string }> = [];
  const waiting: Array<() => void> = [];
  let close: { code: number; reason: string } | null = null;
  ws.on("message", (data) => {
    inbox.push(JSON.parse(String(data)));
    waiting.splice(0).forEach((wake) => wake());
  });
  ws.on("close", (code, reason) => {
    close = { code, reason: String(reason) };
    waiting.splice(0).forEach((wake) => wake());
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const until = <T>(ready: () => T | undefined, ms: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
      const check = () => {
        const value = ready();
        if (value !== undefined) {
          clearTimeout(timer);
          resolve(value);
        } else waiting.push(check);
      };
      check();
    });
  return {
    ws,
    send: (message) => ws.send(typeof message === "string" ? message : JSON.stringify(message)),
    next: (ms = 5000) => until(() => inbox.shift() as { type: string } | undefined, ms, "message") as never,
    closed: (ms = 5000) => until(() => close ?? undefined, ms, "close"),
  };
}

/** connection_init and its ack. */
async function acknowledged(payload: Record<string, unknown> = {}): Promise<RawSocket> {
  const socket = await open();
  socket.send({ type: "connection_init", payload });
  expect(await socket.next()).toMatchObject({ type: "connection_ack" });
  return socket;
}

it("acknowledges an anonymous connection_init and answers ping with pong (the happy path)", async () => {
  const socket = await acknowledged();
  socket.send({ type: "ping" });
  expect(await socket.next()).toMatchObject({ type: "pong" });
  socket.ws.close(1000);
});

it("closes with 4408 when no connection_init arrives within the wait timeout (3 s)", async () => {
  const socket = await open();
  expect((await socket.closed(10_000)).code).toBe(4408);
});

it("closes with 4401 on a subscribe before the connection is acknowledged", async () => {
  const socket = await open();
  socket.send({ type: "subscribe", id: "1", payload: SUBSCRIBE });
  expect((await socket.closed()).code).toBe(4401);
});

it("closes with 4409 when a subscribe reuses the id of a running operation", async () => {
  const socket = await acknowledged();
  socket.send({ type: "subscribe", id: "same", payload: SUBSCRIBE });
  socket.send({ type: "subscribe", id: "same", payload: SUBSCRIBE });
  const closed = await socket.closed();
  expect(closed.code).toBe(4409);
  expect(closed.reason).toContain("same");
});

it.each([
  ["text that is not JSON", "{not json"],
  ["a message without a type", { id: "1" }],
  ["an unknown message type", { type: "hello" }],
  ["a subscribe without a payload", { type: "subscribe", id: "1" }],
])("closes with 4400 on a bad message: %s", async (_what, message) => {
  const socket = await acknowledged();
  socket.send(message);
  expect((await socket.closed()).code).toBe(4400);
});

it("closes with 4429 on a second connection_init", async () => {
  const socket = await open();
  socket.send({ type: "connection_init", payload: {} });
  socket.send({ type: "connection_init", payload: {} });
  expect((await socket.closed()).code).toBe(4429);
});

it.each([
  ["a token that does not verify", "Bearer not-a-token"],
  ["an authorization that is not a bearer token", "Basic dXNlcjpwYXNz"],
])("closes with 4403 on %s in connection_init", async (_what, authorization) => {
  const socket = await open();
  socket.send({ type: "connection_init", payload: { authorization } });
  expect((await socket.closed()).code).toBe(4403);
});

it("refuses a subprotocol it does not speak (4406 or a refused upgrade)", async () => {
  const outcome = await open("graphql-ws-unknown").then(
    (socket) => socket.closed().then((c) => c.code),
    () => "refused",
  );
  expect([4406, "refused"]).toContain(outcome);
});
