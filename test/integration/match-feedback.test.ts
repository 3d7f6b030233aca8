import type { Context } from "../../src/context/context";
import type { UserViewer } from "../../src/infra/auth/viewer";
import { idOf } from "../../src/infra/relay/global-id";
import { analyzeNeed } from "../../src/modules/matching/engine";
import { conceptLabel } from "../../src/modules/matching/engine/concepts";
import { RELATED_PREFIX } from "../../src/modules/matching/engine/explain";
import { needDoc } from "../../src/modules/match/matching.service";
import { createEnterprise, createExpert, createStorageSuppliers, STORAGE_NEED } from "../support/fixtures";
import { adminViewer, startTestHub, type TestHub } from "../support/hub";

// Pseudo-relevance feedback in the hub (engine/feedback.ts, match/matching.service.ts): a need is ranked, widened by
// the concepts most of its top suppliers hold (its related concepts), ranked again, and stored widened, so that every
// later score of the need reads the same terms; explanations name the related concepts apart from what the need said.

let t: TestHub;
let enterpriseId: number;
let admin: UserViewer;
const prisma = () => t.hub.database.prisma;
const contextOf = (viewer: UserViewer) => ({ viewer, requestId: "req-feedback" }) as Context;
// Says 储能 and 电池簇, never 锂离子电池, which most of the suppliers below hold.
const INPUT = STORAGE_NEED;

beforeAll(async () => {
  t = await startTestHub();
  enterpriseId = idOf("Enterprise", (await createEnterprise(t.admin)).id, "id")!;
  await createStorageSuppliers(t.admin, "从事储能电站液冷系统设计与锂离子电池簇温差控制研究。");
  admin = await adminViewer(t);
}, 120_000);
afterAll(() => t?.stop());

test("a posted need is stored with the concepts its top suppliers share, and ranked with them", async () => {
  const need = await t.hub.services.needs.post(contextOf(admin), enterpriseId, INPUT);
  const said = analyzeNeed(needDoc(need, null));
  const profile = await prisma().needProfile.findUniqueOrThrow({ where: { needId: need.id } });
  expect(profile.related).toContain("~锂离子电池");
  const terms = profile.terms as Record<string, number>;
  // What the need said is kept as it was; the related concepts join at a small weight; the ask is left alone.
  expect(Object.keys(terms).sort()).toEqual([...Object.keys(said.terms), ...profile.related].sort());
  for (const [term, weight] of Object.entries(said.terms)) expect(terms[term]).toBe(weight);
  for (const term of profile.related) expect(terms[term]).toBeLessThan(0.2 * Math.max(...Object.values(said.terms)));
  expect(profile.focus).toEqual(said.focus ?? null);
  const postings = await prisma().needTerm.findMany({ where: { needId: need.id } });
  expect(Object.fromEntries(postings.map((row) => [row.term, row.weight]))).toEqual(terms);

  // Ranked with them: the suppliers holding a related concept are told so, in its own clause, not as something the need said.
  const matches = await prisma().match.findMany({ where: { needId: need.id }, orderBy: { rank: "asc" } });
  const label = conceptLabel("~锂离子电池");
  const widened = matches.filter((m) => m.reason.includes(RELATED_PREFIX));
  expect(widened.length).toBeGreaterThan(0);
  for (const m of widened) {
    expect(m.reason).toContain(`${RELATED_PREFIX}${label}`);
    expect(m.matchedTerms).not.toContain(label);
    expect(m.reason.split("；")[0]).not.toContain(label);
  }
});

test("a supplier created later is scored with the need's stored related concepts", async () => {
  const need = await t.hub.services.needs.post(contextOf(admin), enterpriseId, INPUT);
  const profile = await prisma().needProfile.findUniqueOrThrow({ where: { needId: need.id } });
  expect(profile.related).toContain("~锂离子电池");
  // The fixture's expertise names 锂离子电池: scored against the open needs from their stored profiles.
  const expert = await createExpert(t.admin, {});
  const match = await prisma().match.findFirstOrThrow({ where: { needId: need.id, supplierKind: "EXPERT", supplierId: idOf("Expert", expert.id, "id")! } });
  expect(match.reason).toContain(`${RELATED_PREFIX}${conceptLabel("~锂离子电池")}`);
  expect(match.matchedTerms).not.toContain(conceptLabel("~锂离子电池"));
});

test("a need matched again from its row (an edit, a reopening, a rebuild) is widened the same way", async () => {
  const need = await t.hub.services.needs.post(contextOf(admin), enterpriseId, INPUT);
  const posted = await prisma().needProfile.findUniqueOrThrow({ where: { needId: need.id } });
  // What rebuildMatching runs for each need (matching-rebuild.ts).
  await prisma().$transaction((tx) => t.hub.services.matching.matchNeed(tx, need.id, undefined, { notify: false }));
  const again = await prisma().needProfile.findUniqueOrThrow({ where: { needId: need.id } });
  expect(again.related).toContain("~锂离子电池");
  expect(again).toEqual(posted);
});
