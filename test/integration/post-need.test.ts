import type { Context } from "../../src/context/context";
import type { UserViewer } from "../../src/infra/auth/viewer";
import { idOf } from "../../src/infra/relay/global-id";
import { analysisFingerprint, analyzeNeed } from "../../src/modules/matching/engine";
import { needDoc } from "../../src/modules/match/matching.service";
import { loadSupplierDocs } from "../../src/modules/match/supplier-docs";
import { createEnterprise, createExpert, createSociety, createStorageSuppliers, STORAGE_NEED, userClient } from "../support/fixtures";
import { adminViewer, startTestHub, type TestHub } from "../support/hub";

// postNeed writes the need, its history and its audit event in one statement, reads the corpus statistics in it, and
// inserts its matches as one json document with its index entry: what it writes must be what the separate writes and
// reads wrote before (rows, matches, scores to the last bit), in fewer statements.

let t: TestHub;
let enterpriseId: number;
let admin: UserViewer;
const prisma = () => t.hub.database.prisma;
const contextOf = (viewer: UserViewer, requestId = "req-post-need") => ({ viewer, requestId }) as Context;
// A keyword given twice, once padded: stored once, trimmed.
const INPUT = { ...STORAGE_NEED, keywords: [...STORAGE_NEED.keywords, " 热失控 "] };

beforeAll(async () => {
  t = await startTestHub();
  const enterprise = await createEnterprise(t.admin);
  enterpriseId = idOf("Enterprise", enterprise.id, "id")!;
  await createStorageSuppliers(t.admin);
  admin = await adminViewer(t);
}, 120_000);
afterAll(() => t?.stop());

test("the need it returns is the stored row; its history, audit event and index entry are as the separate writes made them", async () => {
  const need = await t.hub.services.needs.post(contextOf(admin, "req-rows"), enterpriseId, INPUT);
  expect(need).toEqual(await prisma().techNeed.findUniqueOrThrow({ where: { id: need.id } }));
  expect(need).toMatchObject({ title: INPUT.title, keywords: ["热失控", "热管理", "储能"], status: "OPEN", visibility: "PUBLIC", enterpriseId });
  expect(need.openedAt).toEqual(need.createdAt);

  const history = await prisma().statusChange.findMany({ where: { needId: need.id } });
  expect(history).toEqual([expect.objectContaining({ subject: "NEED", fromStatus: null, toStatus: "OPEN", actorId: admin.userId, at: need.createdAt, responseId: null, matchId: null })]);
  const audit = await prisma().auditEvent.findMany({ where: { entityType: "TechNeed", entityId: need.id } });
  expect(audit).toEqual([
    expect.objectContaining({ action: "need.post", actorId: admin.userId, requestId: "req-rows", summary: { title: INPUT.title, visibility: "PUBLIC", status: "OPEN" } }),
  ]);

  // The analysed vector, with the related concepts its first ranking chose (match-feedback.test.ts) written beside it,
  // marked with the reading that made it (reanalysis.test.ts).
  const vector = analyzeNeed(needDoc(need, null));
  const profile = await prisma().needProfile.findUniqueOrThrow({ where: { needId: need.id } });
  const related = Object.fromEntries(profile.related.map((term) => [term, (profile.terms as Record<string, number>)[term]]));
  expect(profile).toEqual({ needId: need.id, terms: { ...vector.terms, ...related }, focus: vector.focus ?? null, length: vector.length, related: profile.related, reading: analysisFingerprint() });
  const terms = await prisma().needTerm.findMany({ where: { needId: need.id } });
  expect(Object.fromEntries(terms.map((row) => [row.term, row.weight]))).toEqual(profile.terms);
});

test("its matches are those of ranking the stored need from scratch, scores to the last bit, ids in rank order", async () => {
  const need = await t.hub.services.needs.post(contextOf(admin), enterpriseId, INPUT);
  const written = await prisma().match.findMany({ where: { needId: need.id }, orderBy: { rank: "asc" } });
  expect(written.length).toBeGreaterThanOrEqual(3);
  expect(written.map((m) => m.id)).toEqual([...written.map((m) => m.id)].sort((a, b) => a - b));

  // The general path: analyse again, read the corpus statistics on their own, rank (no write).
  const enterprise = await prisma().enterprise.findUniqueOrThrow({ where: { id: enterpriseId } });
  const doc = needDoc(need, enterprise.regionCode);
  const ranked = await prisma().$transaction((tx) => t.hub.services.matching.rankSuppliers(tx, doc, analyzeNeed(doc)));
  expect(
    written.map((m) => ({ kind: m.supplierKind, id: m.supplierId, score: m.score, breakdown: m.breakdown, matchedTerms: m.matchedTerms, reason: m.reason })),
  ).toEqual(ranked.map((r) => ({ kind: r.ref.kind, id: r.ref.id, score: r.score.score, breakdown: r.score.breakdown, matchedTerms: r.score.matchedTerms, reason: r.score.reason })));
  expect(written.map((m) => m.rank)).toEqual(ranked.map((_, i) => i + 1));
  expect(written.every((m) => m.status === "SUGGESTED")).toBe(true);
});

test("a draft is written with its history and audit event, but neither indexed nor matched", async () => {
  const need = await t.hub.services.needs.post(contextOf(admin), enterpriseId, { ...INPUT, draft: true });
  expect(need).toMatchObject({ status: "DRAFT", openedAt: null });
  expect(await prisma().statusChange.findMany({ where: { needId: need.id }, select: { toStatus: true } })).toEqual([{ toStatus: "DRAFT" }]);
  expect(await prisma().auditEvent.count({ where: { entityType: "TechNeed", entityId: need.id } })).toBe(1);
  expect(await prisma().needProfile.count({ where: { needId: need.id } })).toBe(0);
  expect(await prisma().needTerm.count({ where: { needId: need.id } })).toBe(0);
  expect(await prisma().match.count({ where: { needId: need.id } })).toBe(0);
});

test("refusals keep their order (unknown enterprise, another enterprise, invalid input, unknown chain) and write nothing", async () => {
  const other = await createEnterprise(t.admin);
  const member = await userClient(t, "ENTERPRISE", other.id);
  const unknownEnterprise = Buffer.from("Enterprise:999999").toString("base64url");
  const ownId = (await createEnterprise(t.admin)).id;
  const own = await userClient(t, "ENTERPRISE", ownId);
  const post = (client: typeof member, input: Record<string, unknown>) =>
    client.request(`mutation($input: PostNeedInput!) { postNeed(input: $input) { id } }`, { input: { ...INPUT, ...input } });
  const codeOf = (result: Awaited<ReturnType<typeof post>>) => [result.errors?.[0]?.extensions?.code, result.errors?.[0]?.extensions?.field ?? null];
  const counts = async () => [await prisma().techNeed.count(), await prisma().statusChange.count(), await prisma().auditEvent.count(), await prisma().needProfile.count()];
  const before = await counts();

  // budgetMin above budgetMax passes the input's field rules and is refused by the service.
  const badBudget = { budgetMin: 200, budgetMax: 100 };
  expect(codeOf(await post(member, { enterpriseId: unknownEnterprise }))).toEqual(["NOT_FOUND", null]);
  expect(codeOf(await post(member, { enterpriseId: unknownEnterprise, ...badBudget }))).toEqual(["NOT_FOUND", null]);
  expect(codeOf(await post(member, { enterpriseId: ownId }))).toEqual(["FORBIDDEN", null]);
  expect(codeOf(await post(member, { enterpriseId: ownId, industryChainCode: "NOPE" }))).toEqual(["FORBIDDEN", null]);
  expect(codeOf(await post(own, { enterpriseId: ownId, ...badBudget, industryChainCode: "NOPE" }))).toEqual(["BAD_USER_INPUT", "input.budgetMax"]);
  expect(codeOf(await post(own, { enterpriseId: ownId, industryChainCode: "NOPE" }))).toEqual(["BAD_USER_INPUT", "input.industryChainCode"]);
  expect(codeOf(await t.admin.request(`mutation($input: PostNeedInput!) { postNeed(input: $input) { id } }`, { input: { ...INPUT, enterpriseId: unknownEnterprise, industryChainCode: "NOPE" } }))).toEqual(["NOT_FOUND", null]);
  expect(await counts()).toEqual(before);
  expect((await post(own, { enterpriseId: ownId })).data).toEqual({ postNeed: { id: expect.any(String) } });
});

// Six when the first ranking adds related concepts (this need's does): their document frequencies are read on their own.
test("a postNeed costs six statements: the need with its rows, candidates, scoring profiles, related concepts' frequencies, matches with the need's profile, commit", async () => {
  await t.hub.services.needs.post(contextOf(admin), enterpriseId, INPUT); // the candidates' vectors are cached now
  const before = t.hub.database.statements();
  await t.hub.services.needs.post(contextOf(admin), enterpriseId, INPUT);
  expect(t.hub.database.statements() - before).toBeLessThanOrEqual(6);
});

test("the scoring profiles (one statement for every kind) equal the full profiles without their texts", async () => {
  const society = await createSociety(t.admin, { disciplines: ["储能"] });
  const expert = await createExpert(t.admin, { societyIds: [society.id], industryChainCodes: ["NEW_ENERGY", "EQUIPMENT"] });
  const expertId = idOf("Expert", expert.id, "id")!;
  const societyId = idOf("Society", society.id, "id")!;
  // A track record and an engaged match (on a draft, which has no suggestions), so that the counts are not all zero.
  const need = await t.hub.services.needs.post(contextOf(admin), enterpriseId, { ...INPUT, draft: true });
  await prisma().response.create({ data: { needId: need.id, societyId, proposal: "方案", status: "ACCEPTED", experts: { create: [{ expertId }] } } });
  await prisma().response.create({ data: { needId: need.id, societyId, proposal: "方案二", experts: { create: [{ expertId }] } } });
  await prisma().match.create({
    data: { needId: need.id, supplierKind: "EXPERT", supplierId: expertId, score: 0.5, rank: 1, breakdown: [], matchedTerms: [], reason: "", status: "CONTACTED" },
  });

  const [experts, platforms, societies] = await Promise.all([prisma().expert.findMany(), prisma().innovationPlatform.findMany(), prisma().society.findMany()]);
  const refs = [
    ...experts.map((e) => ({ kind: "EXPERT" as const, id: e.id })),
    ...platforms.map((p) => ({ kind: "PLATFORM" as const, id: p.id })),
    ...societies.map((s) => ({ kind: "SOCIETY" as const, id: s.id })),
  ];
  const [full, scoring] = await prisma().$transaction((tx) => Promise.all([loadSupplierDocs(tx, refs), loadSupplierDocs(tx, refs, { texts: false })]));
  // Scoring's chains come sorted (so that every instance explains alike); the full profile's society chains do not.
  const withoutTexts = [...full].map(([key, doc]) => [
    key,
    { ...doc, chainCodes: [...doc.chainCodes].sort(), ...(doc.kind === "SOCIETY" ? { memberTexts: [] } : { text: "" }) },
  ]);
  expect(Object.fromEntries(scoring)).toEqual(Object.fromEntries(withoutTexts));
  expect(scoring.size).toBe(refs.length);
  expect(scoring.get(`EXPERT:${expertId}`)).toMatchObject({ activeEngagements: 1, responses: 2, acceptedResponses: 1, chainCodes: ["EQUIPMENT", "NEW_ENERGY"] });
  expect(scoring.get(`SOCIETY:${societyId}`)).toMatchObject({ responses: 2, acceptedResponses: 1 });
});
