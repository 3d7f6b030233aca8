// Servers under test run in child processes (so that the load generator does not share their event loop).
// Each child prints one line `READY <url>` on stdout when it listens; the hub child also answers IPC messages.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { HUB_PROCESS_ENV, heapFlags, hubNodeFlags as startFlags, loadConfig } from "../../src/config";

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  pid: number;
  /** Milliseconds from fork to READY. */
  startMs: number;
  ask<T>(message: string): Promise<T>;
  stop(): Promise<void>;
}

/**
 * What `npm start` adds to the hub's environment (config.ts). BENCH_NODE_DEFAULTS=1 leaves glibc's and V8's
 * defaults instead, for a before/after comparison in the same conditions.
 */
export function hubProcessEnv(): Record<string, string> {
  return nodeDefaults() ? { HUB_HEAP_GROWTH_PERCENT: "0" } : { ...HUB_PROCESS_ENV };
}

/** The node flags `npm start` gives a hub with this environment (config.ts), unless BENCH_NODE_DEFAULTS=1. */
export function hubNodeFlags(env: NodeJS.ProcessEnv): string[] {
  return nodeDefaults() ? [] : startFlags(env);
}

const nodeDefaults = () => process.env.BENCH_NODE_DEFAULTS === "1";

export async function startServer(script: string, env: Record<string, string>, execArgv: string[] = []): Promise<ServerProcess> {
  const started = performance.now();
  // The hub runs as `npm start` runs it: its malloc setting and node flags, and the V8 flags main.ts would set (hub.js
  // skips main.ts).
  const hub = script === "hub.js";
  const childEnv = { ...process.env, ...(hub ? hubProcessEnv() : {}), ...env };
  const child = fork(path.join(__dirname, "..", "servers", script), [], {
    env: childEnv,
    stdio: ["ignore", "pipe", "inherit", "ipc"],
    execArgv: hub ? [...hubNodeFlags(childEnv), ...heapFlags(loadConfig(childEnv)), ...execArgv] : execArgv,
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      if (line.startsWith("READY ")) resolve(line.slice(6).trim());
      else process.stderr.write(`  [${script}] ${line}\n`);
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
  const startMs = performance.now() - started;
  return {
    child,
    url,
    pid: child.pid!,
    startMs,
    ask: <T>(message: string) =>
      new Promise<T>((resolve) => {
        child.once("message", (answer) => resolve(answer as T));
        child.send(message);
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      }),
  };
}
