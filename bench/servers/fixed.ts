// Baseline 1 (the ceiling): raw node:http answering every POST with a fixed JSON body (read from
// BENCH_FIXED_BODY_FILE: the hub's own answer to the benchmarked query, so the bytes sent are the same).
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";

const bodies = JSON.parse(fs.readFileSync(process.env.BENCH_FIXED_BODY_FILE!, "utf8")) as Record<string, string>;

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const text = Buffer.concat(chunks).toString("utf8");
    const body = bodies[Object.keys(bodies).find((name) => text.includes(name)) ?? ""] ?? "{}";
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql\n`));
process.once("SIGTERM", () => server.close(() => process.exit(0)));
