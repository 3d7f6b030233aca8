import { toGlobalId } from "../../src/infra/relay/global-id";
import type { GqlClient } from "../support/client";
import { createEnterprise, createExpert, createSociety, postNeed, userClient } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";

// Issue 22, 3.8: node(id:) on a hidden CONFIDENTIAL need took twice as long as on a missing id (a second statement
// asked whether the viewer's supplier was linked to it), so a caller could tell "exists, hidden" from "no such id".
// The two paths must run the same statements: counted here with the hub's statement counter, not timed.
let t: TestHub;
let hiddenConfidential: string;
let hiddenDraft: string;
let hiddenMembers: string;
const missing = toGlobalId("TechNeed", 987_654_321);
const viewers: Record<string, GqlClient> = {};

beforeAll(async () => {
  t = await startTestHub();
  const enterpriseId = (await createEnterprise(t.admin)).id;
  const owner = await userClient(t, "ENTERPRISE", enterpriseId);
  hiddenConfidential = (await postNeed(owner, enterpriseId, { title: "保密：新型电解液配方", visibility: "CONFIDENTIAL", keywords: ["电解液"] })).id;
  hiddenMembers = (await postNeed(owner, enterpriseId, { title: "会员可见：涂布工艺", visibility: "MEMBERS" })).id;
  hiddenDraft = (await postNeed(owner, enterpriseId, { title: "草稿：未发布的需求", draft: true })).id;
  const society = await createSociety(t.admin, { disciplines: ["纺织"] });
  const expert = await createExpert(t.admin, { expertise: "纺织印染废水处理与回用技术研究", keywords: ["印染"], industryChainCodes: ["EQUIPMENT"] });
  viewers.society = await userClient(t, "SOCIETY", society.id);
  viewers.expert = await userClient(t, "EXPERT", expert.id);
  viewers.otherEnterprise = await userClient(t, "ENTERPRISE", (await createEnterprise(t.admin)).id);
  viewers.anonymous = t.anonymous;
});
afterAll(() => t?.stop());

async function statementsFor(viewer: GqlClient, id: string): Promise<number> {
  const query = `query($id: ID!) { node(id: $id) { id ... on TechNeed { title } } }`;
  await viewer.data(query, { id: missing }); // warm: the viewer's row, reference caches
  const before = t.hub.database.statements();
  const data = await viewer.data<{ node: unknown }>(query, { id });
  const statements = t.hub.database.statements() - before;
  expect(data.node).toBeNull();
  return statements;
}

test.each(["society", "expert", "otherEnterprise", "anonymous"])("node(id:) on a hidden need runs the statements a missing id runs (%s)", async (who) => {
  const viewer = viewers[who]!;
  const forMissing = await statementsFor(viewer, missing);
  expect(await statementsFor(viewer, hiddenConfidential)).toBe(forMissing);
  expect(await statementsFor(viewer, hiddenDraft)).toBe(forMissing);
  if (who === "anonymous") expect(await statementsFor(viewer, hiddenMembers)).toBe(forMissing);
});
