import { execute, getOperationAST, parse, validate, type ExecutionResult, type GraphQLError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import type { Context } from "../../src/context/context";
import { createLoaders } from "../../src/context/loaders";
import { DomainError } from "../../src/infra/errors";
import { compiledExecution } from "../../src/infra/http/compiled-executor";
import { operationCost, QUERY_LIMITS } from "../../src/infra/http/query-limits";
import { createLogger } from "../../src/infra/logger";
import { hubSchema } from "../../src/schema/build-schema";
import { createEnterprise, createExpert, createPlatform, postNeed, userClient } from "../support/fixtures";
import type { GqlClient } from "../support/client";
import { startTestHub, type TestHub } from "../support/hub";

// HTTP operations run compiled (graphql-jit, compiled-executor.ts); graphql-js stays the reference. Each operation
// here runs both ways over the same data and viewer, and the answers must be the same: data, null propagation,
// errors with their path, locations and code, scalars, enums, unions, interfaces, fragments and directives.

let t: TestHub;
let enterpriseUser: GqlClient;
let ids: { enterprise: string; need: string; expert: string };
type Executor = NonNullable<Awaited<ReturnType<ReturnType<typeof compiledExecution>["load"]>>["executor"]>;
let compiled: Executor;

beforeAll(async () => {
  t = await startTestHub();
  const enterprise = await createEnterprise(t.admin);
  const expert = await createExpert(t.admin);
  await createExpert(t.admin, { name: "第二位专家" });
  await createPlatform(t.admin);
  const need = await postNeed(t.admin, enterprise.id);
  await postNeed(t.admin, enterprise.id, { title: "储能电池液冷热管理系统联合研发", visibility: "MEMBERS" });
  enterpriseUser = await userClient(t, "ENTERPRISE", enterprise.id);
  ids = { enterprise: enterprise.id, need: need.id, expert: expert.id };
  compiled = (await compiledExecution(await hubSchema()).load({ apollo: {} })).executor!;
}, 120_000);
afterAll(() => t?.stop());

async function contextOf(client: GqlClient): Promise<Context> {
  const viewer = await t.hub.services.auth.viewerFrom(client.token ? `Bearer ${client.token}` : undefined);
  return { viewer, loaders: createLoaders(t.hub.database.prisma, viewer), services: t.hub.services, requestId: "compiled-test", log: createLogger("silent") };
}

/** What a client would see of an answer, with each error's code as format-error.ts would give it. */
function seen(result: ExecutionResult) {
  const errors = result.errors?.map((e: GraphQLError) => {
    const original = unwrapResolverError(e);
    // Apollo reads `extensions.code` of every error: it must be an object, as graphql-js makes it.
    return { message: e.message, path: e.path, locations: e.locations, extensions: e.extensions, code: original instanceof DomainError ? original.code : e.extensions?.code };
  });
  return JSON.parse(JSON.stringify({ data: result.data, errors }));
}

async function bothWays(client: GqlClient, source: string, variables: Record<string, unknown> = {}) {
  const document = parse(source);
  expect(validate(await hubSchema(), document)).toEqual([]);
  const interpreted = await execute({ schema: await hubSchema(), document, variableValues: variables, contextValue: await contextOf(client) });
  const request = { document, operation: getOperationAST(document), operationName: null, context: await contextOf(client), request: { variables } };
  const fast = await compiled(request as unknown as Parameters<Executor>[0]);
  return { interpreted: seen(interpreted), compiled: seen(fast) };
}

const HOME = `query Home($first: Int!) {
  me { role organization { __typename ... on Enterprise { id name needs(first: $first) { totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id title status kind visibility createdAt isChallenge budgetMin industryChain { code name }
      matches(first: 5) { id score rank supplierKind matchedTerms status createdAt
        supplier { __typename ... on Expert { id name } ... on InnovationPlatform { id name } ... on Society { id name } } } } } } } } }
}`;

test("the home page, as the enterprise and as ADMIN", async () => {
  for (const client of [() => enterpriseUser, () => t.admin]) {
    const { interpreted, compiled } = await bothWays(client(), HOME, { first: 20 });
    expect(interpreted.errors).toBeUndefined();
    expect(compiled).toEqual(interpreted);
  }
});

test("fragments, aliases, directives, default and list arguments, interfaces", async () => {
  const source = `query Mixed($withMatches: Boolean!, $skipTitle: Boolean = false, $kinds: [SupplierKind!]) {
    first: needs(first: 2) { ...Page }
    second: needs(first: 1, filter: { enterpriseId: "${ids.enterprise}" }) { totalCount ...Page }
    node(id: "${ids.need}") { __typename id ... on TechNeed { title @skip(if: $skipTitle) matches(supplierKinds: $kinds) @include(if: $withMatches) { rank } } }
    expert: node(id: "${ids.expert}") { ... on Expert { name capacity keywords } }
    missing: node(id: "VGVjaE5lZWQ6OTk5OTk5") { id }
    industryChains { code }
  }
  fragment Page on TechNeedConnection { edges { node { id kind status deadline enterprise { name region { name } } } } }`;
  for (const variables of [{ withMatches: true }, { withMatches: false, skipTitle: true, kinds: ["EXPERT"] }]) {
    const { interpreted, compiled } = await bothWays(t.admin, source, variables);
    expect(interpreted.errors).toBeUndefined();
    expect(compiled).toEqual(interpreted);
  }
});

test("errors: a hidden non-null field nulls its parent, with the same path, location and code", async () => {
  // Anonymous callers may not see who posted a need: enterprise is non-null, so each node goes null up to the list.
  const { interpreted, compiled } = await bothWays(t.anonymous, `{ needs(first: 2) { totalCount edges { node { id enterprise { name } } } } }`);
  expect(interpreted.errors?.[0]).toMatchObject({ code: "UNAUTHENTICATED" });
  expect(compiled).toEqual(interpreted);
});

test("errors: a resolver's refusal and a bad argument keep their code and field path", async () => {
  for (const source of [
    `{ needs(first: 1000) { totalCount } }`,
    `{ needs(first: 1) { edges { node { id matches(first: -1) { id } } } } }`,
    `mutation { updateExpert(id: "${ids.expert}", input: { name: "无" }) { id } }`,
    `mutation { updateNeedStatus(id: "VGVjaE5lZWQ6OTk5OTk5", status: CLOSED) { id } }`,
  ]) {
    const { interpreted, compiled } = await bothWays(enterpriseUser, source);
    expect(interpreted.errors?.length).toBeGreaterThan(0);
    expect(compiled).toEqual(interpreted);
  }
});

test("errors: variables that do not fit their types are refused before any resolver runs, as graphql-js refuses them", async () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    [`query($first: Int!) { needs(first: $first) { totalCount } }`, { first: "twenty" }],
    [`query($first: Int!) { needs(first: $first) { totalCount } }`, {}],
    [`mutation($id: ID!, $code: DeclineReason!) { declineResponse(id: $id, reasonCode: $code) { id } }`, { id: ids.need, code: "NOT_A_CODE" }],
    [`mutation($input: CreateSocietyInput!) { createSociety(input: $input) { id } }`, { input: { name: "学会", level: "GLOBAL", disciplines: "x", extra: 1 } }],
  ];
  for (const [source, variables] of cases) {
    const { interpreted, compiled } = await bothWays(t.admin, source, variables);
    expect(interpreted.data).toBeUndefined();
    expect(interpreted.errors.length).toBeGreaterThan(0);
    expect(compiled).toEqual(interpreted);
  }
});

test("over HTTP, the home page's bytes are JSON.stringify's of graphql-js's answer, and its content-length theirs", async () => {
  // The compiled answer holds DateTimes as text and the body is encoded in graphql-route.ts (utf8-body.ts): neither
  // may change a byte of what graphql-js's answer, stringified as Apollo does, would be.
  const variables = { first: 20 };
  const response = await fetch(t.hub.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${enterpriseUser.token}` },
    body: JSON.stringify({ query: HOME, variables }),
  });
  const body = await response.text();
  const document = parse(HOME);
  const interpreted = await execute({ schema: await hubSchema(), document, variableValues: variables, contextValue: await contextOf(enterpriseUser) });
  expect(interpreted.errors).toBeUndefined();
  const cost = operationCost(await hubSchema(), document, variables);
  expect(body).toBe(`${JSON.stringify({ data: interpreted.data, extensions: { cost: { requested: cost, limit: QUERY_LIMITS.maxCost } } })}\n`);
  expect(body).toContain("储能电池液冷热管理系统联合研发");
  expect(body).toMatch(/"createdAt":"\d{4}-\d\d-\d\dT[\d:.]+Z"/);
  expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(body)));
});
