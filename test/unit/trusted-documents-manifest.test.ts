// The hub's operations manifest is read on first use, not at start-up (60–80 ms): a request that sends text with
// trusted documents off never reads it, and it is read once however many requests need it.
import { ANONYMOUS } from "../../src/infra/auth/viewer";
import { sha256, TrustedDocuments } from "../../src/infra/http/trusted-documents";

const TEXT = "query Reference { industryChains { code } }";

function documents(mode: "off" | "only") {
  const load = jest.fn(() => new Map([[sha256(TEXT), TEXT]]));
  return { load, trusted: new TrustedDocuments(load, async () => null, mode) };
}

test("text with trusted documents off runs without reading the manifest", async () => {
  const { load, trusted } = documents("off");
  expect(await trusted.admit(ANONYMOUS, { query: "{ __typename }" })).toBe("{ __typename }");
  expect(load).not.toHaveBeenCalled();
});

test("a documentId reads the manifest on first use, and only once", async () => {
  const { load, trusted } = documents("off");
  expect(await trusted.admit(ANONYMOUS, { documentId: `sha256:${sha256(TEXT)}` })).toBe(TEXT);
  expect(await trusted.admit(ANONYMOUS, { documentId: `sha256:${sha256(TEXT)}` })).toBe(TEXT);
  expect(trusted.entries()).toEqual({ [`sha256:${sha256(TEXT)}`]: TEXT });
  expect(load).toHaveBeenCalledTimes(1);
});

test("with trusted documents only, text outside the manifest is still refused", async () => {
  const { trusted } = documents("only");
  await expect(trusted.admit(ANONYMOUS, { query: "{ __typename }" })).rejects.toMatchObject({ extensions: { code: "PERSISTED_DOCUMENT_REQUIRED" } });
  expect(await trusted.admit(ANONYMOUS, { query: TEXT })).toBe(TEXT);
});
