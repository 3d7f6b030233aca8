import type { GqlClient } from "../support/client";
import { createEnterprise, createExpert } from "../support/fixtures";

/**
 * Load for the fault tests: workers posting needs (each write is one transaction: the need, its audit and its
 * matches) and reading them back over real HTTP, recording what every request ended with, so that the test can
 * compare what the hub acknowledged with what the database holds after the fault.
 */
export interface Outcome {
  kind: "write" | "read";
  /** Wall-clock start, to place the request against the fault's timeline. */
  at: number;
  /** HTTP status, or null when the request did not complete (connection cut, or the liveness abort fired). */
  status: number | null;
  /** Error codes in the answer, or the transport failure's name. */
  codes: string[];
  /** A write the hub acknowledged: the need and the match ids it answered with. */
  need?: { id: string; matchIds: string[] };
}

const POST = `mutation($input: PostNeedInput!) { postNeed(input: $input) { id matches(first: 100) { id } } }`;
const READ = `query($enterpriseId: ID!) { needs(first: 5, filter: { enterpriseId: $enterpriseId }) { totalCount } }`;
const NEED_MATCHES = `query($enterpriseId: ID!, $after: String) {
  needs(first: 100, after: $after, filter: { enterpriseId: $enterpriseId }) {
    pageInfo { hasNextPage endCursor }
    edges { node { id matches(first: 100) { id } } }
  }
}`;

/** An enterprise and two experts whose expertise fits the needs posted, so every need gets matches. */
export async function needWorld(admin: GqlClient) {
  const enterprise = await createEnterprise(admin);
  await createExpert(admin);
  await createExpert(admin, { expertise: "长期从事储能系统液冷热管理与电池热失控早期预警算法研究。", keywords: ["热失控", "储能", "液冷"] });
  return { enterpriseId: enterprise.id };
}

export function needInput(enterpriseId: string, title: string) {
  return {
    enterpriseId,
    title,
    description: "储能电站电池簇夏季高温运行温差超过8℃，存在热失控风险，希望合作开发液冷热管理方案和热失控早期预警算法。",
    industryChainCode: "NEW_ENERGY",
    kind: "JOINT_RD",
    keywords: ["热失控", "热管理", "储能"],
  };
}

/** One request with a liveness bound: a request still open after `timeoutMs` counts as hung. */
export async function send(client: GqlClient, kind: Outcome["kind"], variables: Record<string, unknown>, timeoutMs = 20_000): Promise<Outcome> {
  const at = Date.now();
  try {
    const res = await fetch(client.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${client.token}` },
      body: JSON.stringify({ query: kind === "write" ? POST : READ, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json()) as { data?: { postNeed?: { id: string; matches: { id: string }[] } } | null; errors?: { extensions?: { code?: string } }[] };
    const codes = (body.errors ?? []).map((e) => String(e.extensions?.code));
    const posted = body.data?.postNeed;
    return { kind, at, status: res.status, codes, ...(posted && !codes.length ? { need: { id: posted.id, matchIds: posted.matches.map((m) => m.id) } } : {}) };
  } catch (err) {
    return { kind, at, status: null, codes: [(err as Error).name === "TimeoutError" ? "HUNG" : "TRANSPORT"] };
  }
}

/** Workers alternating a write and a read until `stop()` says so; resolves with every outcome. */
export function runLoad(client: GqlClient, enterpriseId: string, workers: number, stop: (mine: Outcome[]) => boolean) {
  const outcomes: Outcome[] = [];
  const done = Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      const mine: Outcome[] = [];
      for (let i = 0; !stop(mine); i++) {
        const outcome = i % 2 === 0
          ? await send(client, "write", { input: needInput(enterpriseId, `故障测试需求 ${worker}-${i}`) })
          : await send(client, "read", { enterpriseId });
        mine.push(outcome);
        outcomes.push(outcome);
        if (outcome.status === null || outcome.status >= 500) await new Promise((r) => setTimeout(r, 200)); // back off as a client would
      }
    }),
  );
  return { outcomes, done: done.then(() => outcomes) };
}

/** Every need of the enterprise with the ids of its matches, read through the API (all pages). */
export async function storedNeeds(admin: GqlClient, enterpriseId: string): Promise<Map<string, string[]>> {
  const needs = new Map<string, string[]>();
  let after: string | null = null;
  do {
    type Page = { needs: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string; matches: { id: string }[] } }[] } };
    const page: Page = await admin.data<Page>(NEED_MATCHES, { enterpriseId, after });
    for (const { node } of page.needs.edges) needs.set(node.id, node.matches.map((m) => m.id).sort());
    after = page.needs.pageInfo.hasNextPage ? page.needs.pageInfo.endCursor : null;
  } while (after);
  return needs;
}

/**
 * The consistency every fault must leave: each acknowledged need is stored with exactly the matches it was
 * answered with, and no stored need lacks its matches (a need and its matches are written in one transaction,
 * so a need posted when the fault struck is either whole or absent).
 */
export function expectConsistent(stored: Map<string, string[]>, acknowledged: Outcome[], matchesPerNeed: number) {
  for (const { need } of acknowledged) {
    expect(stored.get(need!.id)).toEqual([...need!.matchIds].sort());
  }
  for (const [, matchIds] of stored) expect(matchIds).toHaveLength(matchesPerNeed);
}
