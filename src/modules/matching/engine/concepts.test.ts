import { analyzeNeed, analyzeSupplier } from "./analyze";
import { COMPOUND_FACTOR, conceptLabel, detectConcepts, GAP_FACTOR, MODIFIER_FACTOR } from "./concepts";
import type { NeedDoc, SupplierDoc } from "./types";
import { DISCIPLINE_PREFIX } from "./dictionaries";
import layWords from "../data/lay-words.json";
import symptoms from "../data/symptoms.json";

const ids = (text: string) => new Set(detectConcepts(text).map((h) => h.id));
const shared = (a: string, b: string) => [...ids(a)].filter((id) => ids(b).has(id));
/** Labels of the concepts a need titled `needTitle` and an expert's profile `profile` both hold, as analysed. */
function sharedConceptLabels(needTitle: string, profile: string): string[] {
  const need: NeedDoc = { title: needTitle, description: "", keywords: [], chainCode: "NEW_ENERGY", kind: "TECH_BREAKTHROUGH", regionCode: null };
  const supplier: SupplierDoc = { kind: "EXPERT", name: "x", text: profile, keywords: [], chainCodes: [], regionCode: null };
  const n = analyzeNeed(need).terms;
  const s = analyzeSupplier(supplier).terms;
  return Object.keys(n).filter((k) => k.startsWith("~") && s[k] !== undefined).map(conceptLabel);
}

describe("concept (synonym) expansion", () => {
  it("散热, 热管理 and 冷却 share a concept", () => {
    expect(shared("散热", "热管理")).toHaveLength(1);
    expect(shared("冷却", "热管理")).toEqual(shared("散热", "热管理"));
    expect(conceptLabel(shared("散热", "热管理")[0]!)).toBe("热管理");
  });

  it("links 发酵 ≈ 生物转化, 热失控 ≈ 热安全, 回返光 ≈ 逆向传输光", () => {
    expect(shared("发酵", "生物转化").length).toBeGreaterThan(0);
    expect(shared("热失控", "热安全").length).toBeGreaterThan(0);
    expect(shared("回返光", "逆向传输光").length).toBeGreaterThan(0);
  });

  it("links a lay symptom to its technical cause at a lower weight (白雾 ↔ 低分子挥发物冷凝)", () => {
    const link = shared("配光镜内侧起白雾", "低分子挥发物的冷凝沉积");
    expect(link.length).toBeGreaterThan(0);
    const hit = detectConcepts("低分子挥发物").find((h) => h.id === link[0]);
    expect(hit!.weight).toBeLessThan(1);
  });

  it("does not link unrelated words", () => {
    expect(shared("散热", "发酵")).toHaveLength(0);
  });

  it("counts a concept once where its terms overlap (低分子挥发物 contains 挥发物)", () => {
    const hits = detectConcepts("低分子挥发物").filter((h) => conceptLabel(h.id) === "挥发物");
    expect(hits).toHaveLength(1);
    expect(hits[0]!.surface).toBe("低分子挥发物");
  });

  it("weighs a modifier inside a longer term less than the head (配光镜 is a lens, not 配光)", () => {
    const hits = detectConcepts("配光镜");
    const lens = hits.find((h) => conceptLabel(h.id) === "灯罩");
    const distribution = hits.find((h) => conceptLabel(h.id) === "配光");
    expect(lens!.weight).toBe(1);
    expect(distribution!.weight).toBeCloseTo(MODIFIER_FACTOR);
  });

  it("matches Latin terms as whole words only (ppb is not PP)", () => {
    expect([...ids("磁性异物≤50ppb")].map(conceptLabel)).not.toContain("聚丙烯");
    expect([...ids("PP熔喷专用料")].map(conceptLabel)).toContain("聚丙烯");
  });

  it("puts the shared concept into both the need and the supplier vectors", () => {
    expect(sharedConceptLabels("储能柜散热改进", "从事电池热管理研究")).toContain("热管理");
  });
});

describe("symptom → discipline (data/symptoms.json)", () => {
  it("joins a symptom a company reports and the discipline that treats it on one concept", () => {
    const symptom = ids("车内有尖锐的嗡嗡声和异响");
    const discipline = ids("从事汽车振动与噪声控制研究，擅长传递路径分析");
    expect([...symptom].filter((id) => discipline.has(id) && id.startsWith(DISCIPLINE_PREFIX))).toHaveLength(1);
  });
});

describe("lay words (data/lay-words.json)", () => {
  const disciplinesOf = (terms: Record<string, number>) => Object.keys(terms).filter((k) => k.startsWith(DISCIPLINE_PREFIX)).map(conceptLabel).sort();
  const need = (description: string): NeedDoc => ({ title: "", description, keywords: [], chainCode: "TCM_HEALTH", kind: "TECH_BREAKTHROUGH", regionCode: null });
  const supplier = (text: string): SupplierDoc => ({ kind: "EXPERT", name: "x", text, keywords: [], chainCodes: [], regionCode: null });

  it("brings a need in plain words to every discipline the word belongs to (成色: quality control and TCM quality)", () => {
    const n = analyzeNeed(need("收来的药材成色不好，批次之间差别大")).terms;
    expect(disciplinesOf(n)).toEqual(["中药质量评价", "检测与质量控制"].sort());
    const expert = analyzeSupplier(supplier("长期从事中药质量标准与指纹图谱研究")).terms;
    for (const id of Object.keys(n).filter((k) => k.startsWith(DISCIPLINE_PREFIX))) expect(expert[id]).toBeGreaterThan(0);
  });

  it("gives a supplier no discipline for a lay word in its profile: there it is a case, not expertise", () => {
    const s = analyzeSupplier(supplier("帮企业解决过药材成色问题")).terms;
    expect(disciplinesOf(s)).toEqual([]);
    expect(s["成色"]).toBeGreaterThan(0); // the word itself still matches a need that says it
  });

  it("lists each word under disciplines of symptoms.json in the same chain, two characters or more, once per discipline", () => {
    const chains = layWords.chains as Record<string, Array<{ discipline: string; words: string[] }>>;
    const known = symptoms.chains as Record<string, Array<{ discipline: string }>>;
    for (const [chain, entries] of Object.entries(chains)) {
      for (const e of entries) {
        expect(known[chain]?.some((k) => k.discipline === e.discipline)).toBe(true);
        expect(new Set(e.words).size).toBe(e.words.length);
        for (const w of e.words) expect(Array.from(w).length).toBeGreaterThanOrEqual(2);
      }
    }
  });
});

describe("words the dictionaries know only in another form", () => {
  const labels = (text: string) => detectConcepts(text).map((h) => conceptLabel(h.id));

  it("finds a two-character term split by one character (起小球 is 起球), at GAP_FACTOR of its weight", () => {
    const split = detectConcepts("穿几次表面就起小球").find((h) => h.surface === "起小球");
    const whole = detectConcepts("穿几次表面就起球").find((h) => h.surface === "起球");
    expect(split).toBeDefined();
    expect(split!.id).toBe(whole!.id);
    expect(split!.weight).toBeCloseTo(whole!.weight * GAP_FACTOR);
  });

  it("does not split a word the segmenter keeps whole (温度控制 is not 温控 split by 度)", () => {
    expect(detectConcepts("温度控制精度差").some((h) => h.surface === "温度控")).toBe(false);
  });

  it("counts a one-character term as a word of its own or the head of a longer word, not inside a two-character word", () => {
    // 翘 (warping, a moulding symptom) must not fire inside 连翘, the herb.
    const herb = ids("连翘提取物批次差异大");
    const warp = ids("外壳注塑后翘得厉害");
    const moulding = [...warp].filter((id) => id.startsWith(DISCIPLINE_PREFIX));
    expect(moulding.length).toBeGreaterThan(0);
    for (const id of moulding) expect(herb.has(id)).toBe(false);
    // 泵 as the head of 磁力泵 still counts.
    expect(labels("磁力泵密封泄漏")).toContain("泵");
  });

  it("reads a four-character compound of one term's modifier and another's head as their concept (视觉识别: 视觉检测 + 图像识别)", () => {
    const hit = detectConcepts("希望开发基于视觉识别的自动拆解装备").find((h) => h.surface === "视觉识别");
    expect(hit).toBeDefined();
    expect(conceptLabel(hit!.id)).toBe("机器视觉");
    expect(hit!.weight).toBeCloseTo(COMPOUND_FACTOR);
    // Named outright elsewhere in the text, the concept counts once, in full.
    const named = detectConcepts("机器视觉，视觉识别").filter((h) => conceptLabel(h.id) === "机器视觉");
    expect(named.map((h) => h.weight)).toEqual([1]);
  });

  it("reads such a compound in a supplier's profile too, so a need naming the term meets it (干涉检测 → 光学检测)", () => {
    expect(sharedConceptLabels("红外镜头光学检测", "擅长像差分析、干涉检测和面形控制")).toContain("光学检测");
  });

  it("does not read a compound that is a term of its own (光学设计 is optical design, not 光学薄膜's 光学 + 膜系设计)", () => {
    expect(labels("光学设计")).toContain("光学设计");
    expect(labels("光学设计")).not.toContain("光学薄膜");
  });

  it("does not read a compound whose halves belong to several concepts each (精密铸造 is not 压铸: 精密 and 铸造 say little)", () => {
    expect(labels("采用精密铸造工艺")).not.toContain("压铸");
  });
});
