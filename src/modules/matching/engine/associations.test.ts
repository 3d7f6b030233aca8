import { expandQuery, learnAssociations } from "./associations";

describe("term associations (PPMI)", () => {
  const texts = [
    ...Array.from({ length: 4 }, (_, i) => `发酵 补料 溶氧 样品${i}`),
    ...Array.from({ length: 4 }, (_, i) => `镀膜 膜层 镜片 样品${i}`),
    ...Array.from({ length: 40 }, (_, i) => `其他领域${i} 主题${i}`),
  ];
  const table = learnAssociations(texts, { minCount: 3, minPair: 3, maxShare: 0.2 });

  it("associates words that occur together and not words that never do", () => {
    expect(table["发酵"]?.map(([w]) => w)).toContain("补料");
    expect(table["发酵"]?.map(([w]) => w) ?? []).not.toContain("镀膜");
  });

  it("widens a query at a low weight without lowering its own terms", () => {
    const expanded = expandQuery({ 发酵: 2 }, table, 0.25);
    expect(expanded["发酵"]).toBe(2);
    expect(expanded["补料"]).toBeGreaterThan(0);
    expect(expanded["补料"]).toBeLessThanOrEqual(0.5);
    expect(expanded["镀膜"]).toBeUndefined();
  });
});
