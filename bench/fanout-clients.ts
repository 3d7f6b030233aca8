// A share of the fan-out bench's subscribers, in a process of its own (forked by fanout.ts): one process holds
// a few thousand sockets, well under a default `ulimit -n`, and its JSON parsing runs beside the others'. Sockets
// leave from several loopback addresses (127.0.0.1–127.0.0.8), so that 20,000 of them never run short of ports.
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

export interface ClientsPlan {
  /** The hubs' WebSocket URLs: subscriber i connects to urls[(first + i) % urls.length]. */
  urls: string[];
  first: number;
  /** One bearer token per subscriber (or one for all). */
  tokens: string[];
  count: number;
  query: string;
  /** The field of `data` whose `key` (a path such as "id" or "subject.id") identifies the event. */
  field: string;
  key: string;
}

/** What the child tells its parent. */
export type ClientsReport = { type: "subscribed"; count: number } | { type: "received"; times: Record<string, number[]> };

const now = () => performance.timeOrigin + performance.now();

function socketFrom(address: string): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { localAddress: address });
    }
  } as unknown as typeof WebSocket;
}

async function main() {
  const plan = await new Promise<ClientsPlan>((resolve) => process.once("message", (m) => resolve(m as ClientsPlan)));
  const received = new Map<string, number[]>();
  const clients: Client[] = [];
  let subscribed = 0;
  const path = plan.key.split(".");
  for (let i = 0; i < plan.count; i++) {
    const n = plan.first + i;
    const client = createClient({
      url: plan.urls[n % plan.urls.length],
      webSocketImpl: socketFrom(`127.0.0.${1 + (n % 8)}`),
      connectionParams: { authorization: `Bearer ${plan.tokens.length === 1 ? plan.tokens[0] : plan.tokens[i]}` },
      lazy: false,
      retryAttempts: 0,
      connectionAckWaitTimeout: 60_000,
    });
    clients.push(client);
    client.subscribe<Record<string, unknown>>(
      { query: plan.query },
      {
        next: (value) => {
          let key: unknown = value.data?.[plan.field];
          for (const step of path) key = (key as Record<string, unknown> | null | undefined)?.[step];
          if (typeof key === "string") (received.get(key) ?? received.set(key, []).get(key)!).push(now());
        },
        error: () => {},
        complete: () => {},
      },
    );
    client.on("connected", () => void subscribed++);
    if (i % 250 === 249) await until(() => subscribed >= i - 50, 60_000).catch(() => {});
  }
  await until(() => subscribed >= plan.count, 120_000).catch(() => {});
  process.send!({ type: "subscribed", count: subscribed } satisfies ClientsReport);
  process.on("message", async (message) => {
    if (message === "collect") process.send!({ type: "received", times: Object.fromEntries(received) } satisfies ClientsReport);
    if (message === "close") {
      await Promise.all(clients.map((c) => c.dispose()));
      process.exit(0);
    }
  });
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

void main();
