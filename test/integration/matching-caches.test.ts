import { NeedMatchesDocument } from "../generated/operations";
import { createEnterprise, createExpert, postNeed } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";

// The matching service caches suppliers' vectors and scoring profiles by id and version. Versions count per
// database, so two hubs in one process (tests, an embedder) on two databases must each keep their own: here both
// databases hold an expert with the same id and version but different expertise, and each need must be matched on
// its own database's expert.

let first: TestHub;
let second: TestHub;
beforeAll(async () => {
  first = await startTestHub();
  second = await startTestHub();
}, 120_000);
afterAll(async () => {
  await first?.stop();
  await second?.stop();
});

async function matchedTermsOf(t: TestHub, expertise: Parameters<typeof createExpert>[1], need: Parameters<typeof postNeed>[2]) {
  const expert = await createExpert(t.admin, expertise);
  const enterprise = await createEnterprise(t.admin, { industryChainCodes: [need!.industryChainCode!] });
  const posted = await postNeed(t.admin, enterprise.id, need);
  const { node } = await t.admin.data(NeedMatchesDocument, { id: posted.id, first: 30 });
  const match = (node as { matches: Array<{ supplier: { id?: string }; matchedTerms: string[] }> }).matches.find((m) => m.supplier.id === expert.id);
  return { expertId: expert.id, terms: match?.matchedTerms ?? null };
}

test("two hubs on two databases do not share cached suppliers", async () => {
  const battery = await matchedTermsOf(first, {}, { industryChainCode: "NEW_ENERGY" });
  const wheat = await matchedTermsOf(
    second,
    { expertise: "从事小麦育种与玉米栽培研究，培育了多个抗旱高产小麦品种，开展盐碱地玉米栽培技术示范。", keywords: ["小麦育种", "玉米栽培"], industryChainCodes: ["AGRI_FOOD"] },
    { title: "抗旱小麦育种合作", description: "我公司希望合作开展抗旱高产小麦育种和良种繁育，建设小麦育种试验基地。", industryChainCode: "AGRI_FOOD", keywords: ["小麦育种"] },
  );
  // The same id in both databases: the case a shared cache would get wrong.
  expect(wheat.expertId).toBe(battery.expertId);
  expect(battery.terms).toEqual(expect.arrayContaining(["热失控"]));
  expect(wheat.terms).toEqual(expect.arrayContaining(["小麦", "育种"]));
  expect(wheat.terms).not.toEqual(expect.arrayContaining(["热失控"]));
});
