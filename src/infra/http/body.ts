import type { IncomingMessage } from "node:http";

export class PayloadTooLarge extends Error {}

/** What a client may still send after its body was refused (read and dropped) before the connection is cut. */
const DRAIN_BYTES = 8_000_000;

/** Reads a request body up to `limit` bytes as text (see readBodyBytes). */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return (await readBodyBytes(req, limit)).toString("utf8");
}

/**
 * The body's bytes (uploads: a spreadsheet is binary), up to `limit`; rejects early (before buffering the rest) when
 * larger. A body refused halfway (chunked, no content-length) is read on and dropped rather than cut, so that the
 * client, still sending, reads the 413 instead of a connection reset; past DRAIN_BYTES more the connection is cut.
 */
export function readBodyBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) return Promise.reject(new PayloadTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off("data", onData);
      chunks.length = 0;
      drain(req);
      reject(new PayloadTooLarge());
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function drain(req: IncomingMessage): void {
  let dropped = 0;
  req.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DRAIN_BYTES) req.destroy();
  });
  req.resume();
}
