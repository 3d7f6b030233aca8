import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import { characterBigrams, segmentWords } from "./tokenizer";

describe("segmentation with the domain dictionary", () => {
  it("keeps 热失控, 热管理 and 膜电极 whole, which plain jieba splits", () => {
    const plain = Jieba.withDict(dict).cut("电池热失控与热管理，燃料电池膜电极", true);
    expect(plain).not.toContain("热失控");
    const words = segmentWords("电池热失控与热管理，燃料电池膜电极");
    expect(words).toEqual(expect.arrayContaining(["热失控", "热管理", "膜电极"]));
    expect(words).not.toContain("失控");
  });

  it("drops stop words and generic need words", () => {
    const words = segmentWords("公司需要合作开发新技术，解决储能问题，提高研究水平");
    for (const w of ["公司", "需要", "合作", "开发", "技术", "解决", "问题", "提高", "研究"]) expect(words).not.toContain(w);
    expect(words).toContain("储能");
  });

  it("keeps Latin abbreviations, lower-cased, and drops measurements", () => {
    const words = segmentWords("LED模组 200kg 0.3μm PC灯罩 ≤50ppb");
    expect(words).toContain("led");
    expect(words).toContain("pc");
    expect(words).not.toContain("200kg");
    expect(words.some((w) => /ppb|μm/.test(w))).toBe(false);
  });

  it("normalises full-width characters", () => {
    expect(segmentWords("ＬＥＤ前照灯")).toEqual(segmentWords("LED前照灯"));
  });
});

describe("character bigrams (fallback)", () => {
  it("covers text the dictionary does not know", () => {
    const bigrams = characterBigrams("氟硼酸盐晶须");
    expect(bigrams).toEqual(["氟硼", "硼酸", "酸盐", "盐晶", "晶须"]);
  });

  it("drops bigrams with a function character unless the bigram is a domain word", () => {
    const bigrams = characterBigrams("电池的中试");
    expect(bigrams).not.toContain("池的");
    expect(bigrams).not.toContain("的中");
    expect(bigrams).toContain("中试");
  });
});
