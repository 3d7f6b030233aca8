// Global IDs and cursors are base64url of "<prefix><id>" (global-id.ts, pagination.ts), one per listed row: the
// analyst list makes some 1,600 per request, the home page some 240. Buffer.from(…).toString("base64url") for each
// was a third of the GraphQL execution in the read path's CPU profile (a buffer and two calls into C++ per ID).
// Base64 turns every 3 characters into 4 on their own, so a prefix's whole groups of 3 ("Match:" is two) are encoded
// once per prefix and only its rest and the digits per ID, in JavaScript: the same text as Buffer's, about 2.5× faster
// (measured: docs/benchmarks.md, "Design decisions measured").

/**
 * base64url (no padding) of `${prefix}${id}`, exactly as Buffer.from(…).toString("base64url") gives it, for an ASCII
 * `prefix` fixed once: its whole groups of 3 characters are encoded here, the 0–2 left over with each id's digits.
 */
export function prefixedIdEncoder(prefix: string): (id: number) => string {
  const whole = prefix.length - (prefix.length % 3);
  const head = base64urlAscii(prefix.slice(0, whole));
  const rest = prefix.slice(whole);
  // The id encoded last is kept: a fan-out's thousands of notifications about one need each give its id.
  let lastId = NaN;
  let last = "";
  return (id) => (id === lastId ? last : ((lastId = id), (last = head + base64urlAscii(rest + id))));
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** base64url without padding of a string of ASCII characters only (each one byte in UTF-8). */
function base64urlAscii(text: string): string {
  let out = "";
  let i = 0;
  for (; i + 2 < text.length; i += 3) {
    const v = (text.charCodeAt(i) << 16) | (text.charCodeAt(i + 1) << 8) | text.charCodeAt(i + 2);
    out += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63] + ALPHABET[v & 63];
  }
  if (text.length - i === 2) {
    const v = (text.charCodeAt(i) << 16) | (text.charCodeAt(i + 1) << 8);
    out += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63];
  } else if (text.length - i === 1) {
    const v = text.charCodeAt(i) << 16;
    out += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63];
  }
  return out;
}
