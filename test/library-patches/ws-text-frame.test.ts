// multiplex.ts writes its subscribers' frames itself (src/infra/library-patches/ws-text-frame.ts): a real `ws` client must read
// them exactly as it reads `ws.send`'s, at each of the three sizes of the length field, and in order with them.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";
import { sendText } from "../../src/infra/library-patches/ws-text-frame";

let server: WebSocketServer;
let client: WebSocket;
let serverSide: WebSocket;
const received: Array<{ text: string; binary: boolean }> = [];

beforeAll(async () => {
  server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await once(server, "listening");
  const connected = once(server, "connection");
  client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  client.on("message", (data, binary) => received.push({ text: data.toString(), binary }));
  [serverSide] = (await connected) as [WebSocket];
  await once(client, "open");
});

afterAll(async () => {
  client.close();
  server.close();
  await once(server, "close");
});

async function receivedAll(count: number): Promise<void> {
  while (received.length < count) await new Promise((r) => setTimeout(r, 10));
}

test("frames of every length class arrive as ws.send's text messages, in order with them", async () => {
  const messages = [
    "{}",
    `{"id":"1","type":"next","payload":{"data":{"notificationAdded":{"title":"新响应：储能电池热管理需求"}}}}`,
    "x".repeat(125),
    "y".repeat(126),
    "通".repeat(30_000), // 90,000 bytes: the 8-byte length
    "z".repeat(65_535),
    "w".repeat(65_536),
  ];
  received.length = 0;
  // each through both, alternating which goes first
  messages.forEach((text, i) => (i % 2 ? [serverSide.send(text), sendText(serverSide, text)] : [sendText(serverSide, text), serverSide.send(text)]));
  await receivedAll(2 * messages.length);
  expect(received).toEqual(messages.flatMap((text) => [{ text, binary: false }, { text, binary: false }]));
});

test("the bytes written are the ones ws.send writes for the same text", () => {
  const raw = (serverSide as unknown as { _socket: { write(chunk: Buffer | string): boolean } })._socket;
  const write = raw.write;
  const bytesOf = (send: () => void) => {
    const chunks: Buffer[] = [];
    raw.write = (chunk: Buffer | string) => (chunks.push(Buffer.from(chunk)), true);
    try {
      send();
    } finally {
      raw.write = write;
    }
    return Buffer.concat(chunks);
  };
  // on each side of each boundary of the length field (125/126 and 65,535/65,536 bytes)
  // and where the text's length alone does not settle the header (42 to 125 code units: 41 or 42 three-byte characters)
  const texts = ["{}", "通".repeat(41), "通".repeat(42), "x".repeat(41), "x".repeat(42), "通".repeat(100), "x".repeat(125), "x".repeat(126), "z".repeat(65_535), "z".repeat(65_536), "y".repeat(70_000)];
  for (const text of texts) {
    expect(bytesOf(() => sendText(serverSide, text))).toEqual(bytesOf(() => serverSide.send(text)));
  }
});

test("a socket without ws's internals (or with a frame of ws's still queued) is sent to through send", () => {
  const sent: string[] = [];
  sendText({ readyState: 1, send: (data) => void sent.push(data) }, "plain");
  const busy = Object.assign(Object.create(serverSide) as WebSocket, { _sender: { _state: 1, _queue: [] }, send: (data: string) => void sent.push(`queued ${data}`) });
  sendText(busy, "after");
  expect(sent).toEqual(["plain", "queued after"]);
});

test("frames written one after another into shared memory each arrive whole, past the end of a slab and with a write still held", async () => {
  // 3,000 frames of about 300 bytes: several slabs of 256 KB, and more than the socket takes at once, so that some
  // frames wait in the socket while the next ones are written
  const messages = Array.from({ length: 3000 }, (_, i) => `{"id":"${i}","type":"next","payload":{"data":{"title":"${"新响应".repeat(i % 90)}"}}}`);
  received.length = 0;
  for (const text of messages) sendText(serverSide, text);
  await receivedAll(messages.length);
  expect(received.map((m) => m.text)).toEqual(messages);
});

test("a socket that negotiated an extension is sent to through send, every time", async () => {
  const deflating = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate: true });
  await once(deflating, "listening");
  const connected = once(deflating, "connection");
  const other = new WebSocket(`ws://127.0.0.1:${(deflating.address() as AddressInfo).port}`, { perMessageDeflate: true });
  const texts: string[] = [];
  other.on("message", (data) => texts.push(data.toString()));
  const [side] = (await connected) as [WebSocket];
  await once(other, "open");
  expect(side.extensions).toContain("permessage-deflate");
  const sent: string[] = [];
  const send = side.send.bind(side);
  side.send = ((data: string) => (sent.push(data), send(data))) as WebSocket["send"];
  sendText(side, "first");
  sendText(side, "second");
  while (texts.length < 2) await new Promise((r) => setTimeout(r, 10));
  expect(sent).toEqual(["first", "second"]);
  expect(texts).toEqual(["first", "second"]);
  other.close();
  deflating.close();
});
