import { createHash } from "node:crypto";
import path from "node:path";
import { ApolloServer } from "@apollo/server";
import { buildSchema } from "graphql";
import { rememberQueryHashes, sha256Hex } from "../../src/infra/library-patches/query-hash";

// The hub keeps Apollo's SHA-256 of each query text (query-hash.ts). These tests hold the kept hashes to node:crypto's
// and to Apollo's own use of them, and fail when an Apollo upgrade moves what is replaced.

type Made = { update(data: string | Buffer, encoding?: BufferEncoding): Made; digest(encoding?: "hex" | "base64"): string | Buffer };
const apolloHashes = () =>
  require(require.resolve("@apollo/utils.createhash", { paths: [path.dirname(require.resolve("@apollo/server"))] })) as { createHash(kind: string): Made };
const real = (kind: string, ...parts: Array<string | Buffer>) => parts.reduce((h, p) => h.update(p), createHash(kind));

beforeAll(() => expect(rememberQueryHashes()).toBe(true));

test("what Apollo's hash maker answers is node:crypto's, the second time for a text as the first", () => {
  const { createHash: made } = apolloHashes();
  for (const text of ["{ __typename }", "query Q { me { id } }", "", "需求 ✓ \u{1F600}"]) {
    expect(made("sha256").update(text).digest("hex")).toBe(real("sha256", text).digest("hex"));
    expect(made("sha256").update(text).digest("hex")).toBe(real("sha256", text).digest("hex"));
    expect(sha256Hex(text)).toBe(real("sha256", text).digest("hex"));
  }
  // Anything but one string then hex goes to a real hash.
  expect(made("sha256").update("a").update("b").digest("hex")).toBe(real("sha256", "ab").digest("hex"));
  expect(made("sha256").update(Buffer.from("abc")).digest("hex")).toBe(real("sha256", Buffer.from("abc")).digest("hex"));
  expect(made("sha256").update("abc").digest("base64")).toBe(real("sha256", "abc").digest("base64"));
  expect(made("sha256").update("616263", "hex").digest("hex")).toBe(real("sha256", "abc").digest("hex"));
  expect((made("sha256").update("abc").digest() as Buffer).equals(real("sha256", "abc").digest())).toBe(true);
  expect(made("sha1").update("abc").digest("hex")).toBe(real("sha1", "abc").digest("hex"));
});

test("Apollo's automatic persisted queries still check the client's hash against the text", async () => {
  const server = new ApolloServer({ schema: buildSchema("type Query { hello: String }"), rootValue: { hello: () => "hi" } } as never);
  await server.start();
  try {
    const query = "{ hello }";
    const send = async (sha256Hash: string) => {
      const { body } = await server.executeOperation({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } });
      return body.kind === "single" ? body.singleResult : null;
    };
    expect((await send(real("sha256", query).digest("hex") as string))?.data).toEqual({ hello: "hi" });
    expect((await send(real("sha256", query).digest("hex") as string))?.data).toEqual({ hello: "hi" });
    expect((await send(real("sha256", "{ other }").digest("hex") as string))?.errors?.[0].message).toBe("provided sha does not match query");
  } finally {
    await server.stop();
  }
});
