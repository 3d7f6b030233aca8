/**
 * Fuzzing the ways a mutation reaches the hub (issue: property-based tests): bodies that are not GraphQL
 * requests, bodies at and past the 1 MB limit (413, never a hang), and the same create sent several times at
 * once (exactly one wins, the others are told CONFLICT: never a 500, never two rows).
 */
import fc from "fast-check";
import { MAX_BODY_BYTES } from "../../src/app";
import { freshCreditCode, postNeed } from "../support/fixtures";
import { changes, fingerprint } from "./support/database";
import { assertAnswer, post } from "./support/http";
import { RUNS, SEED } from "./support/run";
import { startFuzzHub, type FuzzHub } from "./support/world";

let h: FuzzHub;
beforeAll(async () => void (h = await startFuzzHub()), 180_000);
afterAll(() => h?.t.stop());

const MUTATION = `mutation($input: CreateSocietyInput!) { createSociety(input: $input) { id } }`;
const json = (v: unknown) => JSON.stringify(v);

/** Bodies of every shape but a well-formed request, and well-formed ones just under and just over the limit. */
const body = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.constantFrom(
    "",
    "null",
    "[]",
    "{}",
    "\"mutation { login(email: \\\"a\\\", password: \\\"b\\\") { token } }\"",
    json({ query: 5 }),
    json({ query: null, variables: {} }),
    json({ query: MUTATION, variables: "input" }),
    json({ query: MUTATION, variables: [1, 2] }),
    json({ query: MUTATION, operationName: 7 }),
    json({ query: MUTATION, operationName: "Nope" }),
    json({ query: MUTATION, extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }),
    json([{ query: MUTATION, variables: { input: { name: "批量学会", level: "NATIONAL", disciplines: [] } } }]),
    json({ query: "mutation { createSociety(input: {name: \"学会\", level: NATIONAL, disciplines: []}) { id } } mutation B { __typename }" }),
    `{"query": "${"{".repeat(5_000)}"}`,
    "[".repeat(100_000),
    `{"query": "mutation { __typename }", "variables": {"a": ${"[".repeat(10_000)}${"]".repeat(10_000)}}}`,
    "{\"query\": \"mutation { __typename }\"", // cut short
  ),
  // a valid request padded to just under, exactly at, and just over the limit
  fc.constantFrom(-100, 0, 1, 500_000).map((over) => {
    const bare = json({ query: MUTATION, variables: { input: { name: "边界学会", level: "NATIONAL", disciplines: [] }, pad: "" } });
    return bare.replace('"pad":""', `"pad":"${"x".repeat(MAX_BODY_BYTES - Buffer.byteLength(bare) + over)}"`);
  }),
);

test(`${RUNS * 3} bodies that are no GraphQL request get a clear answer and write nothing`, async () => {
  const prisma = h.t.hub.database.prisma;
  await fc.assert(
    fc.asyncProperty(body, fc.constantFrom("application/json", "text/plain", "application/graphql-response+json"), fc.boolean(), async (text, type, signedIn) => {
      const before = await fingerprint(prisma);
      const answer = await post(h.t.hub.url, signedIn ? h.senders.admin.token : null, text, type);
      assertAnswer(answer, () => `${type}: ${text.slice(0, 300)}`);
      if (answer.data?.createSociety) return; // a well-formed request under the limit may create the society
      expect(changes(before, await fingerprint(prisma))).toEqual([]);
    }),
    { numRuns: RUNS * 3, seed: SEED },
  );
}, 120_000);

/** The same create sent `copies` times at once: one row, one success, the others CONFLICT. */
async function race(query: string, variables: Record<string, unknown>, copies: number, token: string | null, table: string) {
  const prisma = h.t.hub.database.prisma;
  const before = await fingerprint(prisma);
  const answers = await Promise.all(Array.from({ length: copies }, () => post(h.t.hub.url, token, json({ query, variables }))));
  for (const a of answers) assertAnswer(a, () => query);
  const codes = answers.map((a) => (a.errors?.length ? String(a.errors[0].extensions?.code) : "ok")).sort();
  expect({ codes, rows: Number((await fingerprint(prisma))[table]) - Number(before[table]) }).toEqual({
    codes: ["ok", ...Array(copies - 1).fill("CONFLICT")].sort(),
    rows: 1,
  });
}

let round = 0;
test("the same create sent several times at once: one wins, the others are told CONFLICT", async () => {
  const admin = h.senders.admin.token;
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 2, max: 4 }), async (copies) => {
      const n = ++round; // names unique to the round: only the copies within it collide
      await race(`mutation($input: CreateSocietyInput!) { createSociety(input: $input) { id } }`, { input: { name: `并发学会${n}`, level: "NATIONAL", disciplines: [] } }, copies, admin, "Society");
      await race(
        `mutation($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { id } }`,
        { input: { name: `并发企业${n}`, creditCode: freshCreditCode(), regionCode: "411303", industryChainCodes: ["NEW_ENERGY"] } },
        copies,
        admin,
        "Enterprise",
      );
      await race(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { email: `race${n}@hub.test`, password: "Race-Passw0rd!", role: "ANALYST" } }, copies, admin, "User");
      const need = await postNeed(h.senders.owner, h.world.gids.owner, { title: `并发响应需求${n}` });
      await race(
        `mutation($input: RespondInput!) { respondToNeed(input: $input) { id } }`,
        { input: { needId: need.id, societyId: h.world.gids.society, proposal: "学会组织储能热管理专家提供液冷改造方案。" } },
        copies,
        h.senders.society.token,
        "Response",
      );
    }),
    { numRuns: Math.max(2, Math.round(RUNS / 4)), seed: SEED },
  );
}, 120_000);
