// The supplier index's statistics (kept by database triggers) and the candidate search that reads only the heads
// of the postings lists, checked against recounts and against the exhaustive search on a real database.
import { decodeGlobalId } from "../../src/infra/relay/global-id";
import { candidateSuppliers, supplierCorpus } from "../../src/modules/match/match-index";
import { analyzeNeed } from "../../src/modules/matching/engine";
import { createExpert, createPlatform, createSociety } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.stop());

const prisma = () => t.hub.database.prisma;

/** The statistics as kept, beside the same figures counted from the index itself. */
async function keptAndCounted() {
  const [kept] = await prisma().$queryRawUnsafe<Array<{ documents: number; total: number }>>(
    `SELECT documents, "totalLength"::float8 AS total FROM "SupplierCorpusStat" WHERE id = 1`,
  );
  const [counted] = await prisma().$queryRawUnsafe<Array<{ documents: number; total: number }>>(
    `SELECT count(*)::int AS documents, coalesce(sum(length::numeric), 0)::float8 AS total FROM "SupplierProfile"`,
  );
  const wrongTerms = await prisma().$queryRawUnsafe<unknown[]>(
    `SELECT coalesce(s.term, c.term) AS term, s.df, c.df AS counted FROM "SupplierTermStat" s
       FULL JOIN (SELECT term, count(*)::int AS df FROM "SupplierTerm" GROUP BY term) c ON c.term = s.term
     WHERE s.df IS DISTINCT FROM c.df`,
  );
  return { kept, counted, wrongTerms };
}

test("document counts, lengths and frequencies stay equal to a recount through creates, edits and deactivations", async () => {
  const before = await keptAndCounted();
  const experts = [];
  for (let i = 0; i < 4; i++) experts.push(await createExpert(t.admin, { expertise: `从事铸造工艺与耐热铸钢排气管研究${i}，解决高温疲劳开裂问题。`, keywords: ["铸造", `关键词${i}`] }));
  await createPlatform(t.admin);
  await createSociety(t.admin, { disciplines: ["铸造", "材料"] });
  const grown = await keptAndCounted();
  expect(grown.kept.documents).toBe(before.kept.documents + 6);
  await t.admin.data(`mutation($id: ID!, $input: UpdateExpertInput!) { updateExpert(id: $id, input: $input) { id } }`, {
    id: experts[0].id,
    input: { expertise: "从事小麦抗病育种与高产栽培技术研究。", keywords: ["小麦育种"] },
  });
  await t.admin.data(`mutation($id: ID!) { setExpertActive(id: $id, active: false) { id } }`, { id: experts[1].id });
  const after = await keptAndCounted();
  expect(after.kept.documents).toBe(grown.kept.documents - 1);
  for (const state of [before, grown, after]) {
    expect(state.kept).toEqual(state.counted);
    expect(state.wrongTerms).toEqual([]);
  }
  // What scoring reads comes from the kept figures: the corpus size and the frequency of a term just written.
  const [common] = await prisma().$queryRawUnsafe<Array<{ term: string; df: number }>>(
    `SELECT term, count(*)::int AS df FROM "SupplierTerm" GROUP BY term ORDER BY 2 DESC, 1 LIMIT 1`,
  );
  const corpus = await supplierCorpus(prisma(), [common.term, "no-such-term"]);
  expect(corpus.documentCount).toBe(after.counted.documents);
  expect(corpus.averageLength).toBeCloseTo(after.counted.total / after.counted.documents, 9);
  expect(corpus.documentFrequency(common.term)).toBe(common.df);
  expect(common.df).toBeGreaterThan(1);
  expect(corpus.documentFrequency("no-such-term")).toBe(0);
});

test("suppliers written at the same moment all land, and the statistics still equal a recount (writers of the index queue on one lock)", async () => {
  const before = await keptAndCounted();
  const created = await Promise.all(
    Array.from({ length: 8 }, (_, i) => createExpert(t.admin, { expertise: `从事压铸模具与铸造缺陷分析研究${i}，改进铝合金压铸件气孔问题。`, keywords: ["压铸", "铸造", `并发${i}`] })),
  );
  expect(new Set(created.map((e) => e.id)).size).toBe(8);
  const after = await keptAndCounted();
  expect(after.kept.documents).toBe(before.kept.documents + 8);
  expect(after.kept).toEqual(after.counted);
  expect(after.wrongTerms).toEqual([]);
});

test("the candidate search reads the heads of the postings lists: exhaustive while the lists are short, the heaviest suppliers when cut", async () => {
  const texts = [
    "专注风电齿轮箱轴承润滑与磨损监测，风电齿轮箱故障诊断。",
    "风电齿轮箱轴承失效分析，齿轮箱润滑油在线监测与风电运维。",
    "齿轮箱设计与制造，兼顾风电行业的轴承选型。",
    "机械传动与轴承，偶有风电项目。",
  ];
  for (const expertise of texts) await createExpert(t.admin, { expertise, keywords: ["风电", "齿轮箱", "轴承"] });
  const vector = analyzeNeed({ title: "风电齿轮箱轴承磨损", description: "风电齿轮箱轴承磨损快，寻求润滑与监测方案。", keywords: ["风电", "齿轮箱"], chainCode: "NEW_ENERGY", kind: "TECH_BREAKTHROUGH", regionCode: null });
  const corpus = await supplierCorpus(prisma(), Object.keys(vector.terms));
  const quota = { EXPERT: 3, PLATFORM: 1, SOCIETY: 1 };
  const keys = (list: Array<{ kind: string; id: number }>) => list.map((s) => `${s.kind}:${s.id}`);

  // Heads longer than every list: the same suppliers in the same order as reading every posting.
  const exhaustive = await candidateSuppliers(prisma(), vector, corpus, quota, null);
  expect(exhaustive.filter((s) => s.kind === "EXPERT")).toHaveLength(3);
  expect(keys(await candidateSuppliers(prisma(), vector, corpus, quota, 1000))).toEqual(keys(exhaustive));

  // A head of one posting per term and kind: every expert found is the heaviest on one of the need's terms.
  const cut = (await candidateSuppliers(prisma(), vector, corpus, { EXPERT: 1, PLATFORM: 1, SOCIETY: 1 }, 1)).filter((s) => s.kind === "EXPERT");
  const terms = Object.keys(vector.terms);
  const heaviest = await prisma().$queryRawUnsafe<Array<{ id: number }>>(
    `SELECT DISTINCT ON (term) "supplierId" AS id FROM "SupplierTerm" WHERE term = ANY($1::text[]) AND "supplierKind" = 'EXPERT'
     ORDER BY term, weight DESC, "supplierId"`,
    terms,
  );
  expect(cut).toHaveLength(1);
  expect(heaviest.map((h) => h.id)).toContain(cut[0].id);
});

test("each candidate carries its profile's version and its scoring version as stored, kinds in order and each kind best first", async () => {
  await createExpert(t.admin, { expertise: "海上风电基础防腐与阴极保护，风电塔筒焊接。", keywords: ["风电", "防腐"] });
  const vector = analyzeNeed({ title: "风电塔筒防腐", description: "海上风电塔筒防腐涂层寿命短，寻求阴极保护方案。", keywords: ["风电", "防腐"], chainCode: "NEW_ENERGY", kind: "TECH_BREAKTHROUGH", regionCode: null });
  const corpus = await supplierCorpus(prisma(), Object.keys(vector.terms));
  const found = await candidateSuppliers(prisma(), vector, corpus, { EXPERT: 50, PLATFORM: 50, SOCIETY: 50 });
  expect(found.length).toBeGreaterThan(1);
  const stored = await prisma().$queryRawUnsafe<Array<{ key: string; version: number; scoringVersion: number }>>(
    `SELECT sp."supplierKind"::text || ':' || sp."supplierId" AS key, sp.version, coalesce(sv.version, 0)::float8 AS "scoringVersion"
     FROM "SupplierProfile" sp LEFT JOIN "SupplierScoringVersion" sv USING ("supplierKind", "supplierId")`,
  );
  const byKey = new Map(stored.map((s) => [s.key, s]));
  for (const s of found) {
    expect(typeof s.id).toBe("number");
    expect({ version: s.version, scoringVersion: s.scoringVersion }).toEqual({ version: byKey.get(`${s.kind}:${s.id}`)!.version, scoringVersion: byKey.get(`${s.kind}:${s.id}`)!.scoringVersion });
  }
  // Kinds in the order EXPERT, PLATFORM, SOCIETY; within a kind, by the cheap overlap, heaviest first.
  const kinds = found.map((s) => s.kind);
  expect(kinds).toEqual([...kinds].sort());
  const overlap = await prisma().$queryRawUnsafe<Array<{ key: string; overlap: number }>>(
    `SELECT st."supplierKind"::text || ':' || st."supplierId" AS key, sum(st.weight * q.w)::float8 AS overlap
     FROM "SupplierTerm" st JOIN unnest($1::text[], $2::float8[]) AS q(term, w) ON q.term = st.term GROUP BY 1`,
    Object.keys(vector.terms),
    Object.keys(vector.terms).map((term) => vector.terms[term] * Math.log(1 + corpus.documentCount / Math.max(1, corpus.documentFrequency(term)))),
  );
  const weightOf = new Map(overlap.map((o) => [o.key, o.overlap]));
  for (const kind of new Set(kinds)) {
    const weights = found.filter((s) => s.kind === kind).map((s) => weightOf.get(`${s.kind}:${s.id}`)!);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  }
});

test("indexing writes each supplier's profile and its postings, one supplier or a batch: again bumps the version, anew starts from 0", async () => {
  const fresh = await createExpert(t.admin, { expertise: "从事轴承钢热处理与渗碳淬火工艺研究，解决轴承早期剥落问题。", keywords: ["热处理", "渗碳"] });
  const platform = await createPlatform(t.admin);
  const refs = [
    { kind: "EXPERT" as const, id: decodeGlobalId(fresh.id)!.id },
    { kind: "PLATFORM" as const, id: decodeGlobalId(platform.id)!.id },
  ];
  const snapshot = async () => {
    const profiles = await prisma().$queryRawUnsafe<Array<{ key: string; terms: Record<string, number>; length: number; version: number }>>(
      `SELECT "supplierKind"::text || ':' || "supplierId" AS key, terms, length, version FROM "SupplierProfile"
       WHERE ("supplierKind"::text, "supplierId") IN (('EXPERT', $1), ('PLATFORM', $2)) ORDER BY 1`,
      refs[0].id,
      refs[1].id,
    );
    const postings = await prisma().$queryRawUnsafe<Array<{ key: string; term: string; weight: number }>>(
      `SELECT "supplierKind"::text || ':' || "supplierId" AS key, term, weight FROM "SupplierTerm"
       WHERE ("supplierKind"::text, "supplierId") IN (('EXPERT', $1), ('PLATFORM', $2)) ORDER BY 1, 2`,
      refs[0].id,
      refs[1].id,
    );
    return { profiles, postings };
  };
  // As the mutations indexed them, one at a time: the postings are the profile's terms.
  const single = await snapshot();
  expect(single.profiles.map((p) => p.key)).toEqual(refs.map((r) => `${r.kind}:${r.id}`));
  expect(single.postings.length).toBeGreaterThan(10);
  for (const p of single.profiles) expect(single.postings.filter((x) => x.key === p.key).map((x) => [x.term, x.weight])).toEqual(Object.entries(p.terms).sort(([a], [b]) => (a < b ? -1 : 1)));

  // Indexed again in bulk: the same terms and postings, each version one higher.
  await prisma().$transaction((tx) => t.hub.services.matching.indexSuppliers(tx, refs));
  const again = await snapshot();
  expect(again.postings).toEqual(single.postings);
  expect(again.profiles).toEqual(single.profiles.map((p) => ({ ...p, version: p.version + 1 })));

  // Out of the index, then back in bulk: versions start from 0 again, and the statistics equal a recount throughout.
  await prisma().$executeRawUnsafe(`DELETE FROM "SupplierTerm" WHERE "supplierKind" = 'EXPERT' AND "supplierId" = $1`, refs[0].id);
  await prisma().$executeRawUnsafe(`DELETE FROM "SupplierProfile" WHERE "supplierKind" = 'EXPERT' AND "supplierId" = $1`, refs[0].id);
  await prisma().$transaction((tx) => t.hub.services.matching.indexSuppliers(tx, refs));
  const rebuilt = await snapshot();
  expect(rebuilt.postings).toEqual(single.postings);
  expect(rebuilt.profiles.map((p) => p.version)).toEqual([0, single.profiles[1].version + 2]);
  const state = await keptAndCounted();
  expect(state.kept).toEqual(state.counted);
  expect(state.wrongTerms).toEqual([]);
});
