import { feedbackExpansion } from "./feedback";
import type { TermVector } from "./types";

const vector = (terms: Record<string, number>): TermVector => ({ terms, length: Object.keys(terms).length });

describe("pseudo-relevance feedback", () => {
  const need = vector({ 异响: 2, "~振动": 1 });
  const top = [
    vector({ 振动: 1, "~振动": 1, "~~!振动噪声": 2, "~轴承": 1, 轴承: 1 }),
    vector({ "~~!振动噪声": 1, "~轴承": 1, 轴承: 1, "#轴承": 0.25 }),
    vector({ "~~!振动噪声": 1, "~齿轮": 1, 轴承: 1 }),
  ];

  it("adds the concepts most of the top suppliers hold, at share × weight × the need's mean term weight", () => {
    const widened = feedbackExpansion(need, top, { minShare: 0.6, weight: 0.3 });
    expect(widened.terms["~~!振动噪声"]).toBeCloseTo(0.3 * 1 * 1.5, 6);
    expect(widened.terms["~轴承"]).toBeCloseTo(0.3 * (2 / 3) * 1.5, 6);
    expect(widened.terms["~齿轮"]).toBeUndefined(); // one of three: no agreement
  });

  it("never adds words or bigrams (template words agree for other reasons), nor changes the need's own terms", () => {
    const widened = feedbackExpansion(need, top, { minShare: 0.3, weight: 0.3 });
    expect(widened.terms["轴承"]).toBeUndefined();
    expect(widened.terms["#轴承"]).toBeUndefined();
    expect(widened.terms["异响"]).toBe(2);
    expect(widened.terms["~振动"]).toBe(1);
  });

  it("can be limited to disciplines", () => {
    const widened = feedbackExpansion(need, top, { minShare: 0.6, prefix: "~~!" });
    expect(Object.keys(widened.terms).sort()).toEqual(["~~!振动噪声", "~振动", "异响"].sort());
  });

  it("leaves the need as it is when there is nothing to agree on", () => {
    expect(feedbackExpansion(need, [])).toBe(need);
    expect(feedbackExpansion(need, top, { minShare: 0.6, prefix: "~nothing" })).toBe(need);
    expect(feedbackExpansion(need, top.slice(0, 1))).toBe(need); // one supplier agrees with nobody
  });

  it("lists what it added as related, so that explanations do not say the need said it", () => {
    expect(feedbackExpansion(need, top, { minShare: 0.6 }).related).toEqual(["~~!振动噪声", "~轴承"].sort());
  });
});

describe("the hub's agreement rule (FEEDBACK_TOP, FEEDBACK_AGREEMENT)", () => {
  const need = vector({ 异响: 2 });
  const top = [vector({ "~~!振动噪声": 1, "~轴承": 1 }), vector({ "~~!振动噪声": 1, "~轴承": 1 }), vector({ "~~!振动噪声": 1, "~齿轮": 1 })];

  it("takes a concept only when all of the top three hold it: two of three lowered dev", () => {
    expect(feedbackExpansion(need, top).related).toEqual(["~~!振动噪声"]);
  });

  it("takes what both hold when there are only two to ask", () => {
    expect(feedbackExpansion(need, top.slice(0, 2)).related).toEqual(["~~!振动噪声", "~轴承"].sort());
  });
});
