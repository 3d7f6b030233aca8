import { makeCreditCode, makeOrganisationCode } from "../modules/enterprise/credit-code";
import type { MatchingSample } from "../modules/matching/engine/eval/evaluate";

// Loads the labelled matching sample through the GraphQL API, as a client would (eval:matching and tests).

export type Api = (query: string, variables?: Record<string, unknown>) => Promise<Record<string, any>>;

export async function signedIn(url: string, admin: { email: string; password: string }): Promise<Api> {
  const call = (token: string | null): Api => async (query, variables) => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  const login = await call(null)(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: admin.email, p: admin.password });
  return call(login.login.token);
}

/** Creates the sample's societies, experts, platforms and enterprises; returns sample key → global ID. */
export async function loadSample(api: Api, sample: MatchingSample): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  // The demo may hold a society of the same (common) name: the sample's is marked so both can exist.
  const names = new Set((await api(`{ societies(first: 100) { edges { node { name } } } }`)).societies.edges.map((e: { node: { name: string } }) => e.node.name));
  for (const s of sample.societies) {
    const name = names.has(s.name) ? `${s.name}（评测样本）` : s.name;
    const data = await api(`mutation($input: CreateSocietyInput!) { createSociety(input: $input) { id } }`, {
      input: { name, level: s.level ?? "PROVINCIAL", disciplines: s.disciplines },
    });
    ids.set(s.key, data.createSociety.id);
  }
  for (const e of sample.experts) {
    const input = {
      name: e.name, title: e.title, affiliation: e.affiliation, expertise: e.expertise, keywords: e.keywords,
      industryChainCodes: e.industryChainCodes, capacity: e.capacity ?? 3, societyIds: e.societyKeys.map((k) => ids.get(k)),
    };
    ids.set(e.key, (await api(`mutation($input: CreateExpertInput!) { createExpert(input: $input) { id } }`, { input })).createExpert.id);
  }
  for (const p of sample.platforms) {
    const input = { name: p.name, kind: p.kind, capabilities: p.capabilities, industryChainCodes: p.industryChainCodes, regionCode: p.regionCode ?? null };
    ids.set(p.key, (await api(`mutation($input: CreatePlatformInput!) { createPlatform(input: $input) { id } }`, { input })).createPlatform.id);
  }
  for (const [i, c] of sample.enterprises.entries()) {
    const division = /^\d{6}$/.test(c.regionCode) ? c.regionCode : "411300";
    const creditCode = makeCreditCode(`91${division}${makeOrganisationCode(`EA${String(i + 1).padStart(6, "0")}`)}`);
    const input = { name: c.name, creditCode, regionCode: c.regionCode, industryChainCodes: c.industryChainCodes };
    ids.set(c.key, (await api(`mutation($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { id } }`, { input })).createEnterprise.id);
  }
  return ids;
}

export const POST_NEED = `mutation($input: PostNeedInput!) { postNeed(input: $input) { id matches(first: 30) { supplier { ... on Expert { id } ... on InnovationPlatform { id } ... on Society { id } ... on University { id } } } } }`;

export function needInput(need: MatchingSample["needs"][number], ids: Map<string, string>) {
  return {
    enterpriseId: ids.get(need.enterpriseKey), title: need.title, description: need.description,
    industryChainCode: need.industryChainCode, kind: need.kind, keywords: need.keywords,
  };
}

