// A closed-loop load generator on node:http with keep-alive: `concurrency` clients, each sending the next
// request when the previous answered, for a fixed time after a warm-up. Latencies of every request are kept.
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

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
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
  let measuring = false;
  const warmupEnd = Date.now() + (opts.warmupSeconds ?? 1) * 1000;
  const end = warmupEnd + opts.seconds * 1000;
  let measuredFrom = 0;
  const sampler = opts.sample ? setInterval(opts.sample, 250) : null;
  const worker = async () => {
    for (;;) {
      const now = Date.now();
      if (now >= end) return;
      if (!measuring && now >= warmupEnd) {
        measuring = true;
        measuredFrom = performance.now();
      }
      const t = performance.now();
      const { ok, text } = await once();
      const took = performance.now() - t;
      if (measuring && t >= measuredFrom) {
        latencies.push(took);
        if (!ok) {
          errors += 1;
          firstError ??= text.slice(0, 300);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const elapsed = (performance.now() - measuredFrom) / 1000;
  if (sampler) clearInterval(sampler);
  agent.destroy();
  return { ...summarize(latencies), rps: latencies.length / elapsed, errors, requests: latencies.length, firstError };
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
