// `--profile`: the server child runs under `node --cpu-prof`; after the run its profile is summarised here (self
// time by function and by where the code lives), so that "what the profile showed" is one command away.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { table } from "./common";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A fresh folder for one child's profile and the execArgv that fills it. */
export function profileArgs(name: string): { dir: string; execArgv: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hub-prof-${name}-`));
  return { dir, execArgv: ["--cpu-prof", `--cpu-prof-dir=${dir}`] };
}

/** Where a function lives, coarsely: the package in node_modules, the project's folder, node itself, or V8. */
function area(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith("node:")) return "node core";
  // Any build folder (dist/, or another --outDir): the path from its src/ on.
  const own = /\/((?:src\/modules|src\/infra|src)\/[^/]+)/.exec(url);
  return own ? own[1] : url.replace(/^.*\//, "");
}

/** Self time by function (top `limit`) and by area, as two markdown tables. */
export function summariseProfile(dir: string, limit = 10): string {
  const file = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) return "(no profile written)";
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // WebAssembly frames carry only a hash: name them after the JavaScript that called into them (PGlite's
  // PostgreSQL, Prisma's query compiler).
  const areaOf = (id: number): string => {
    const { url, functionName } = byId.get(id)!.callFrame;
    if (!url.startsWith("wasm://")) return area(url, functionName);
    for (let up = parent.get(id); up !== undefined; up = parent.get(up)) {
      const frame = byId.get(up)!.callFrame;
      if (frame.url && !frame.url.startsWith("wasm://")) return `WebAssembly, called from ${area(frame.url, frame.functionName)}`;
    }
    return "WebAssembly";
  };
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  // Idle time is left out of the shares: a server measured in rounds beside others waits most of the run.
  let idleUs = 0;
  for (const [id, us] of selfUs)
    if (byId.get(id)!.callFrame.functionName === "(idle)") {
      idleUs += us;
      selfUs.delete(id);
    }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = areaOf(id);
    const key = `${functionName || "(anonymous)"} — ${where}${url ? `:${lineNumber + 1}` : ""}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    byArea.set(where, (byArea.get(where) ?? 0) + us);
  }
  const top = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([k, us]) => [k.replaceAll("|", "\\|"), (us / 1000).toFixed(0), `${((100 * us) / total).toFixed(1)} %`]);
  return [
    `Profile: ${(total / 1e6).toFixed(1)} s of samples, ${(idleUs / 1e6).toFixed(1)} s idle left out (${path.join(dir, file)}).`,
    "",
    table(["where (self time)", "ms", "share"], top(byArea)),
    "",
    table(["function (self time)", "ms", "share"], top(byFunction)),
  ].join("\n");
}
