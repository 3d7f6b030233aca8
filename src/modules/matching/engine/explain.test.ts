import { analyzeNeed, analyzeSupplier } from "./analyze";
import { InMemoryCorpus } from "./bm25";
import { conceptLabel } from "./concepts";
import { explain, matchedTermsOf, publicReason, RELATED_PREFIX } from "./explain";
import { scoreMatch } from "./score";
import type { NeedDoc, SupplierDoc } from "./types";

const need: NeedDoc = {
  title: "储能电站热失控预警", description: "希望开发储能电池热失控预警方法。", keywords: ["热失控", "储能"],
  chainCode: "NEW_ENERGY", kind: "TECH_BREAKTHROUGH", regionCode: "411302",
};
const values = { industryChain: 1, kindFit: 1, capacity: 1, region: 0.4 };

describe("reason line", () => {
  it("names the matched terms, the shared chain and the expert's load", () => {
    const s: SupplierDoc = { kind: "EXPERT", name: "x", text: "", keywords: [], chainCodes: ["NEW_ENERGY"], regionCode: null, capacity: 3, activeEngagements: 1 };
    expect(explain(need, s, ["热失控", "储能"], values)).toBe("命中：热失控、储能；同属新能源产业链；专家当前 1/3 在办");
  });

  it("names a related chain, a full expert, and a platform's kind and county", () => {
    const full: SupplierDoc = { kind: "EXPERT", name: "x", text: "", keywords: [], chainCodes: ["NEW_MATERIALS"], regionCode: null, capacity: 2, activeEngagements: 2 };
    expect(explain(need, full, ["热失控"], { ...values, industryChain: 0.6 })).toBe("命中：热失控；相关产业链：新材料；专家名额已满（2/2 在办）");
    const pilot: SupplierDoc = { kind: "PLATFORM", name: "p", text: "", keywords: [], chainCodes: ["NEW_ENERGY"], regionCode: "411302", platformKind: "PILOT_BASE" };
    expect(explain(need, pilot, ["储能"], values)).toBe("命中：储能；同属新能源产业链；中试基地，适合此类需求；同在宛城区");
  });

  it("lists words and concept labels by contribution, skipping bigrams and restatements", () => {
    const terms = matchedTermsOf([
      { term: "#热失", contribution: 9 },
      { term: "储能", contribution: 5 },
      { term: "~热失控", contribution: 7 },
      { term: "热失控", contribution: 3 },
    ]);
    expect(terms).toEqual(["热失控", "储能"]);
  });

  it("is produced by scoreMatch, in Chinese, on one line", () => {
    const s: SupplierDoc = { kind: "EXPERT", name: "x", text: "从事储能电池热失控预警研究", keywords: ["热失控"], chainCodes: ["NEW_ENERGY"], regionCode: null, capacity: 2, activeEngagements: 0 };
    const other: SupplierDoc = { kind: "EXPERT", name: "y", text: "从事仔猪营养研究", keywords: [], chainCodes: ["AGRI_FOOD"], regionCode: null };
    const corpus = new InMemoryCorpus([analyzeSupplier(s), analyzeSupplier(other)]);
    const m = scoreMatch(need, analyzeNeed(need), s, analyzeSupplier(s), corpus)!;
    expect(m.reason.startsWith("命中：")).toBe(true);
    expect(m.reason).toContain("热失控");
    expect(m.reason).not.toContain("\n");
    expect(m.matchedTerms).toContain("热失控");
  });

  it("names the related concepts (added from the top suppliers, feedback.ts) apart from what the need said", () => {
    const s: SupplierDoc = { kind: "EXPERT", name: "x", text: "从事锂离子电池储能热失控预警研究", keywords: [], chainCodes: ["NEW_ENERGY"], regionCode: null };
    const corpus = new InMemoryCorpus([analyzeSupplier(s)]);
    const silent = { ...need, description: "希望开发储能热失控预警方法。" }; // says no word of 锂离子电池
    const said = analyzeNeed(silent);
    expect(said.terms["~锂离子电池"]).toBeUndefined();
    const widened = { ...said, terms: { ...said.terms, "~锂离子电池": 0.1 }, related: ["~锂离子电池"] };
    const m = scoreMatch(silent, widened, s, analyzeSupplier(s), corpus)!;
    expect(m.reason).toContain(`${RELATED_PREFIX}${conceptLabel("~锂离子电池")}`);
    expect(m.matchedTerms).not.toContain(conceptLabel("~锂离子电池"));
    expect(m.matchedTerms).toContain("热失控");
  });
});

describe("decisions recorded on the chain", () => {
  const expert = (outcomes: SupplierDoc["outcomes"]): SupplierDoc => ({ kind: "EXPERT", name: "x", text: "", keywords: [], chainCodes: ["NEW_ENERGY"], regionCode: null, outcomes });
  it("are counted in the domain's words, last; another chain's are not named", () => {
    expect(explain(need, expert({ NEW_ENERGY: { fit: 3, misfit: 2 } }), ["热失控"], values)).toBe("命中：热失控；同属新能源产业链；本链记录：3 项需求邀请或对接过，2 项需求判为不对口");
    expect(explain(need, expert({ NEW_ENERGY: { fit: 0, misfit: 1 } }), ["热失控"], values)).toBe("命中：热失控；同属新能源产业链；本链记录：1 项需求判为不对口");
    expect(explain(need, expert({ EQUIPMENT: { fit: 0, misfit: 4 } }), ["热失控"], values)).toBe("命中：热失控；同属新能源产业链");
  });
  it("leave the public reason, and only they", () => {
    expect(publicReason("命中：热失控；同属新能源产业链；本链记录：1 项需求判为不对口")).toBe("命中：热失控；同属新能源产业链");
    expect(publicReason("命中：热失控；同属新能源产业链")).toBe("命中：热失控；同属新能源产业链");
  });
});
