// A closed-loop load generator on node:http with keep-alive: `concurrency` clients, each sending the next
// request when the previous answered, for a fixed time after a warm-up. Latencies of every request are kept.
// Throughput is the requests completed inside the measured window over its length: one in flight when the window
// opens counts if it completes in it; those in flight when it closes are awaited (the next load starts on an idle
// server) but not counted. Counting what started in the window over the time until the last one answered reads low
// by about a latency's share of the window (a fifth at 32 clients in 1 s rounds).
import http from "node:http";
import { summarize, type Summary } from "./common";

export interface LoadOptions {
  url: string;
  body: string;
  headers?: Record<string, string>;
  concurrency: number;
  seconds: number;
  warmupSeconds?: number;
  /** Sampled while the load runs (e.g. the server's RSS). */
  sample?: () => void;
}

export interface LoadResult extends Summary {
  rps: number;
  errors: number;
  requests: number;
  firstError?: string;
}

/** One load's result with what a series of rounds needs to combine them (bench/lib/rounds.ts). */
export interface LoadRun extends LoadResult {
  /** The measured window. */
  seconds: number;
  latencies: number[];
}

export async function runLoad(opts: LoadOptions): Promise<LoadRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const url = new URL(opts.url);
  const headers = { "content-type": "application/json", "content-length": String(Buffer.byteLength(opts.body)), ...opts.headers };
  const once = () =>
    new Promise<{ ok: boolean; text: string }>((resolve) => {
      const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ ok: res.statusCode === 200 && !text.startsWith('{"errors"') && !text.includes('"errors":[{'), text });
        });
      });
      req.on("error", (err) => resolve({ ok: false, text: String(err) }));
      req.end(opts.body);
    });

  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const measureFrom = performance.now() + (opts.warmupSeconds ?? 1) * 1000;
  const measureTo = measureFrom + opts.seconds * 1000;
  const sampler = opts.sample ? setInterval(opts.sample, 250) : null;
  const worker = async () => {
    while (performance.now() < measureTo) {
      const t = performance.now();
      const { ok, text } = await once();
      const done = performance.now();
      if (done < measureFrom || done >= measureTo) continue;
      latencies.push(done - t);
      if (!ok) {
        errors += 1;
        firstError ??= text.slice(0, 300);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  if (sampler) clearInterval(sampler);
  agent.destroy();
  return { ...summarize(latencies), rps: latencies.length / opts.seconds, errors, requests: latencies.length, firstError, seconds: opts.seconds, latencies };
}

/** One request, parsed (for logins, warm-up and checking answers). */
export async function postJson(url: string, body: unknown, token?: string): Promise<{ status: number; text: string; json: any }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, text, json };
}
