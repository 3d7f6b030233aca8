import { analyzeNeed, analyzeSupplier, BIGRAM_WEIGHT, FIELD_WEIGHT } from "./analyze";
import { conceptLabel } from "./concepts";
import { DISCIPLINE_PREFIX } from "./dictionaries";
import type { NeedDoc, SupplierDoc } from "./types";

const need = (over: Partial<NeedDoc>): NeedDoc => ({
  title: "", description: "", keywords: [], chainCode: "NEW_ENERGY", kind: "TECH_BREAKTHROUGH", regionCode: null, ...over,
});
const expert = (over: Partial<SupplierDoc>): SupplierDoc => ({
  kind: "EXPERT", name: "专家", text: "", keywords: [], chainCodes: ["NEW_ENERGY"], regionCode: null, ...over,
});

describe("analyzeNeed", () => {
  it("weighs keywords above the title and the title above the description", () => {
    const kw = analyzeNeed(need({ keywords: ["储能"] })).terms["储能"]!;
    const title = analyzeNeed(need({ title: "储能" })).terms["储能"]!;
    const body = analyzeNeed(need({ description: "电池储能出现故障。" })).terms["储能"]!;
    expect(kw).toBeGreaterThan(title);
    expect(title).toBeGreaterThan(body);
    expect(kw / body).toBeCloseTo(FIELD_WEIGHT.needKeyword / FIELD_WEIGHT.needDescription);
  });

  it("weighs bigrams below words", () => {
    const t = analyzeNeed(need({ title: "依克多因" })).terms;
    expect(t["#依克"]).toBeCloseTo(FIELD_WEIGHT.needTitle * BIGRAM_WEIGHT);
    expect(t["依克多因"]).toBeCloseTo(FIELD_WEIGHT.needTitle);
  });

  it("damps the company's own product (background) and lifts what it asks for", () => {
    const v = analyzeNeed(need({
      title: "前照灯配光镜起雾",
      description: "公司生产前照灯总成，主要供应主机厂。配光镜内侧出现白雾。希望查明起雾物质来源。",
    })).terms;
    const plain = analyzeNeed(need({ title: "前照灯配光镜起雾", description: "配光镜内侧出现白雾。" })).terms;
    expect(v["前照灯"]!).toBeLessThan(plain["前照灯"]!);
    expect(v["~溯源"]).toBeGreaterThan(0);
  });

  it("keeps the ask, without the product, as the focus query", () => {
    const v = analyzeNeed(need({
      description: "公司生产磷酸铁锂正极材料。成品中磁性异物超标。希望建立正极粉体的深度除铁工艺。",
    }));
    expect(v.focus).toBeDefined();
    expect(Object.keys(v.focus!)).toContain("~除铁");
    expect(Object.keys(v.focus!)).not.toContain("~正极材料");
    expect(analyzeNeed(need({ description: "成品中磁性异物超标。" })).focus).toBeUndefined();
  });

  // The product's field is context (the trap suppliers share it); the problem's field is what is asked.
  const askedDisciplines = (v: { focus?: Record<string, number> }) =>
    Object.keys(v.focus ?? {}).filter((k) => k.startsWith(DISCIPLINE_PREFIX)).map(conceptLabel).sort();

  it("does not ask for the discipline of the company's product, wherever the product is named again", () => {
    const v = analyzeNeed(need({
      title: "光伏组件装配线设备异响",
      description: "公司生产光伏组件。光伏组件装配时输送设备异响。希望找到原因。",
    }));
    expect(v.terms[DISCIPLINE_PREFIX + "光伏组件可靠性"]).toBeGreaterThan(0); // still a (damped) term of the need
    expect(askedDisciplines(v)).toContain("振动噪声"); // reached through the symptom
    expect(askedDisciplines(v)).not.toContain("光伏组件可靠性"); // reached only through the product
  });

  it("asks for the same discipline when the problem's words reach it", () => {
    const v = analyzeNeed(need({
      title: "光伏组件到电站后功率衰减",
      description: "公司生产光伏组件。组件到电站一年后出现热斑，功率衰减明显。希望找到原因。",
    }));
    expect(askedDisciplines(v)).toContain("光伏组件可靠性");
  });

  it("drops a discipline met only in what was already tried: that means did not solve it", () => {
    const tried = analyzeNeed(need({ chainCode: "EQUIPMENT", description: "销轴表面出现裂纹。曾尝试调整淬火工艺，改善有限。希望找出原因。" }));
    const named = analyzeNeed(need({ chainCode: "EQUIPMENT", description: "销轴淬火后表面出现裂纹。希望找出原因。" }));
    const id = DISCIPLINE_PREFIX + "热处理";
    expect(named.terms[id]).toBeGreaterThan(0);
    expect(tried.terms[id]).toBeUndefined();
    expect(tried.terms["淬火"]).toBeGreaterThan(0); // the words stay, at the tried clauses' weight
    expect(askedDisciplines(tried)).toContain("断裂与失效分析"); // the problem's discipline is still asked for
  });

  it("gives a length proportional to the weighted words", () => {
    const short = analyzeNeed(need({ description: "储能电站。" }));
    const long = analyzeNeed(need({ description: "储能电站热失控预警，电池管理系统，液冷散热，消防联动。" }));
    expect(long.length).toBeGreaterThan(short.length);
  });
});

describe("analyzeSupplier", () => {
  it("weighs expert keywords above expertise text", () => {
    const v = analyzeSupplier(expert({ text: "研究储能", keywords: ["热失控"] })).terms;
    expect(v["热失控"]!).toBeGreaterThan(v["储能"]!);
  });

  it("includes a platform's name but not an expert's", () => {
    expect(analyzeSupplier({ ...expert({}), kind: "PLATFORM", name: "中试基地", text: "发酵" }).terms["中试基地"]).toBeGreaterThan(0);
    expect(analyzeSupplier(expert({ name: "中试基地", text: "发酵" })).terms["中试基地"]).toBeUndefined();
  });

  it("matches a society through its members, taking each term at the strongest member (not the sum)", () => {
    const society = (members: string[]): SupplierDoc => ({
      kind: "SOCIETY", name: "河南省电机工程学会", text: "电机工程学会 电机", keywords: ["电机"], memberTexts: members,
      chainCodes: [], regionCode: null,
    });
    const one = analyzeSupplier(society(["从事滚动轴承状态监测"])).terms;
    const two = analyzeSupplier(society(["从事滚动轴承状态监测", "从事滚动轴承状态监测"])).terms;
    expect(one["滚动轴承"]).toBeGreaterThan(0);
    expect(two["滚动轴承"]).toBeCloseTo(one["滚动轴承"]!);
    expect(one["滚动轴承"]!).toBeLessThan(one["电机"]!);
  });
});
