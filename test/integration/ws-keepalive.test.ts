// The hub pings every WebSocket at HUB_WS_KEEPALIVE_SECONDS and closes one that has not answered by the next ping, so a
// subscriber that vanished without a close (a phone gone out of coverage) stops costing the fan-out its frames.
import WebSocket from "ws";
import { startTestHub, type TestHub } from "../support/hub";

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ HUB_WS_KEEPALIVE_SECONDS: "1" });
}, 120_000);
afterAll(async () => hub?.stop());

const wsUrl = () => hub.hub.url.replace(/^http/, "ws");

async function connect(options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  const ws = new WebSocket(wsUrl(), "graphql-transport-ws", options);
  await new Promise<void>((resolve, reject) => (ws.once("open", () => resolve()), ws.once("error", reject)));
  ws.send(JSON.stringify({ type: "connection_init", payload: {} }));
  await new Promise<void>((resolve) => ws.once("message", () => resolve()));
  return ws;
}

test("a socket that answers the pings stays open and is pinged at the interval", async () => {
  const ws = await connect();
  let pings = 0;
  ws.on("ping", () => pings++);
  await new Promise((r) => setTimeout(r, 3_500));
  expect(pings).toBeGreaterThanOrEqual(2);
  expect(ws.readyState).toBe(WebSocket.OPEN);
  ws.close();
});

test("a socket that stops answering pings is closed by the hub", async () => {
  const ws = await connect({ autoPong: false });
  const closed = await new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
  // terminate(): the TCP connection is dropped without a close frame, which ws reports as 1006.
  expect(closed).toBe(1006);
});
