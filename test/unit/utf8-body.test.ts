// The answer's bytes as graphql-route.ts sends them (src/infra/http/utf8-body.ts): the UTF-8 Node would write for the text.
import { MAX_ENCODED_CHARS, utf8Body } from "../../src/infra/http/utf8-body";

test("the bytes Node would send for the text, in a buffer of their own", () => {
  const texts = ["", "ascii only", "车载摄像模组 😀", "lone \ud83d and \ude00", "é".repeat(40_000), "光".repeat(100_000), "x"];
  const bodies = texts.map(utf8Body);
  bodies.forEach((body, i) => expect(Buffer.compare(body as Buffer, Buffer.from(texts[i], "utf8"))).toBe(0));
  // Each body keeps its bytes when the next one is encoded (the buffer they pass through is reused).
  expect((bodies[2] as Buffer).toString("utf8")).toBe(texts[2]);
});

test("a text above the limit is left to Node as it is", () => {
  const text = "a".repeat(MAX_ENCODED_CHARS + 1);
  expect(utf8Body(text)).toBe(text);
});
