import { createHash, type BinaryToTextEncoding, type Hash } from "node:crypto";
import path from "node:path";

// Apollo hashes every request's query text (SHA-256, hex) to find the parsed document in its cache, with a new
// node:crypto Hash each time: some 60,000 instructions of an enterprise home page (callgrind), for the same few
// texts again and again. The hex text is kept here per query text instead. Apollo calls `createHash` through its
// module's exports object, so replacing the export is enough; a version of Apollo without that module keeps its own
// (test/library-patches/query-hash.test.ts then fails).

/**
 * Texts whose hash is kept (the map is cleared when full), and the longest text kept (longer ones are hashed each
 * time): at most 2 million characters held, whatever callers send.
 */
const KEPT_TEXTS = 200;
const MAX_KEPT_LENGTH = 10_000;
const hexByText = new Map<string, string>();

const REPLACED = Symbol("hub: SHA-256 of query texts kept");
/** What Apollo uses of a hash: `update(text)`, then `digest("hex")`. */
interface HashLike {
  update(data: string): HashLike;
  digest(encoding: "hex"): string;
}
type CreateHash = (kind: string) => HashLike;

/** Replaces the hash maker Apollo's request pipeline uses (once per process); false if this Apollo has none. */
export function rememberQueryHashes(): boolean {
  const exports = apolloHashModule();
  if (!exports || typeof exports.createHash !== "function") return false;
  const original = exports.createHash;
  if (!(original as { [REPLACED]?: true })[REPLACED]) {
    const replaced: CreateHash = (kind) => (kind === "sha256" ? new KeptSha256() : original(kind));
    exports.createHash = Object.assign(replaced, { [REPLACED]: true as const });
  }
  return true;
}

function apolloHashModule(): { createHash?: CreateHash } | null {
  try {
    // Resolved from Apollo's own folder: the copy its request pipeline requires.
    return require(require.resolve("@apollo/utils.createhash", { paths: [path.dirname(require.resolve("@apollo/server"))] }));
  } catch {
    return null;
  }
}

/** The SHA-256 of `text` in hex, kept for the next request with the same text. */
export function sha256Hex(text: string): string {
  let hex = hexByText.get(text);
  if (hex === undefined) {
    hex = createHash("sha256").update(text).digest("hex");
    if (text.length <= MAX_KEPT_LENGTH) {
      if (hexByText.size >= KEPT_TEXTS) hexByText.clear();
      hexByText.set(text, hex);
    }
  }
  return hex;
}

/** A SHA-256 that answers one string's hex digest from `sha256Hex`, and anything else with a real Hash. */
class KeptSha256 {
  private text: string | undefined;
  private real: Hash | undefined;

  update(data: string | NodeJS.ArrayBufferView, encoding?: BufferEncoding): this {
    if (this.real === undefined && this.text === undefined && typeof data === "string" && encoding === undefined) this.text = data;
    else if (typeof data === "string" && encoding !== undefined) this.hash().update(data, encoding);
    else this.hash().update(data);
    return this;
  }

  digest(): Buffer;
  digest(encoding: BinaryToTextEncoding): string;
  digest(encoding?: BinaryToTextEncoding): string | Buffer {
    if (this.real === undefined && this.text !== undefined && encoding === "hex") return sha256Hex(this.text);
    return encoding === undefined ? this.hash().digest() : this.hash().digest(encoding);
  }

  private hash(): Hash {
    if (!this.real) {
      this.real = createHash("sha256");
      if (this.text !== undefined) this.real.update(this.text);
      this.text = undefined;
    }
    return this.real;
  }
}
