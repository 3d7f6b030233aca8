// An answer's text as UTF-8 bytes, for res.end. Given a string, Node's http (20) measures its UTF-8 length twice
// for content-length (two Buffer.byteLength calls per answer under callgrind), then joins it to the head (a rope
// it flattens) and encodes it: on the home page, with its Chinese text, the two measures alone were about 240,000
// instructions per request. Encoded here once into a buffer kept for the purpose, then copied out (a memcpy), the
// body is written as bytes, which Node measures by their length. The bytes are the ones Node would have sent.

/** The largest answer (in UTF-16 units) encoded here, so the buffer kept stays under 768 KB; a larger one goes to Node as a string. */
export const MAX_ENCODED_CHARS = 1 << 18;

let scratch = Buffer.allocUnsafe(64 * 1024);

/** `text` in UTF-8, as a Buffer of its own; the text itself when it is larger than MAX_ENCODED_CHARS. */
export function utf8Body(text: string): Buffer | string {
  const most = text.length * 3; // a UTF-16 unit is at most three bytes of UTF-8 (a surrogate pair, two units, four)
  if (text.length > MAX_ENCODED_CHARS) return text;
  if (most > scratch.length) scratch = Buffer.allocUnsafe(most);
  const length = scratch.write(text, 0, most, "utf8");
  const body = Buffer.allocUnsafe(length);
  scratch.copy(body, 0, 0, length);
  return body;
}
