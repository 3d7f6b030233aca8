import { auc, featureInputs, FEATURES, fitLogistic, fitOnTimeSplit, weightsFromFit, type Decision } from "./learn-weights";
import { prng } from "./prng";

describe("logistic fit", () => {
  it("recovers the coefficients of a known model from its samples", () => {
    const random = prng(29);
    const truth = { bias: -1, coefficients: [3, -2] };
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 6000; i++) {
      const row = [random() * 2 - 1, random() * 2 - 1];
      const p = 1 / (1 + Math.exp(-(truth.bias + truth.coefficients[0] * row[0] + truth.coefficients[1] * row[1])));
      x.push(row);
      y.push(random() < p ? 1 : 0);
    }
    const fit = fitLogistic(x, y, { l2: 1e-6 });
    expect(fit.bias).toBeCloseTo(truth.bias, 0);
    expect(fit.coefficients[0]).toBeGreaterThan(2.6);
    expect(fit.coefficients[0]).toBeLessThan(3.4);
    expect(fit.coefficients[1]).toBeGreaterThan(-2.4);
    expect(fit.coefficients[1]).toBeLessThan(-1.6);
    expect(fit.iterations).toBeLessThan(50); // Newton converges in a handful of steps
  });

  it("stays finite on separable data (the L2 term)", () => {
    const fit = fitLogistic([[0], [0.1], [0.9], [1]], [0, 0, 1, 1], { l2: 1e-2 });
    expect(Number.isFinite(fit.coefficients[0])).toBe(true);
    expect(fit.coefficients[0]).toBeGreaterThan(0);
  });

  it("counts a row of weight 2 as two rows (sampleWeights)", () => {
    const x = [[0], [0.2], [0.5], [0.7], [1]];
    const y = [0, 1, 0, 1, 1];
    const twice = fitLogistic([...x, [0.5]], [...y, 0], { l2: 1e-3 });
    const weighted = fitLogistic(x, y, { l2: 1e-3, sampleWeights: [1, 1, 2, 1, 1] });
    expect(weighted.bias).toBeCloseTo(twice.bias, 8);
    expect(weighted.coefficients[0]).toBeCloseTo(twice.coefficients[0], 8);
    expect(weighted.coefficients[0]).not.toBeCloseTo(fitLogistic(x, y, { l2: 1e-3 }).coefficients[0], 2);
  });

  it("auc: 1 when every fit scores above every misfit, 0.5 for ties, 0 reversed", () => {
    expect(auc([0.9, 0.8, 0.1, 0.2], [true, true, false, false])).toBe(1);
    expect(auc([0.5, 0.5], [true, false])).toBe(0.5);
    expect(auc([0.1, 0.9], [true, false])).toBe(0);
    expect(auc([0.9, 0.3, 0.5], [true, true, false])).toBe(0.5);
  });
});

describe("weights from decisions", () => {
  const breakdown = (text: number, outcome: number) => [
    { feature: "text", value: text, weight: 0.55, contribution: 0.55 * text },
    { feature: "kindFit", value: 0.5, weight: 0.22 * text, contribution: 0.11 * text },
    { feature: "outcome", value: outcome, weight: 0.3 * text, contribution: 0.3 * text * outcome },
  ];

  it("gates every feature but text by text relevance, as the score does", () => {
    const inputs = featureInputs(breakdown(0.6, -0.2));
    expect(inputs[FEATURES.indexOf("text")]).toBeCloseTo(0.6, 12);
    expect(inputs[FEATURES.indexOf("kindFit")]).toBeCloseTo(0.3, 12);
    expect(inputs[FEATURES.indexOf("outcome")]).toBeCloseTo(-0.12, 12);
    expect(inputs[FEATURES.indexOf("region")]).toBe(0); // absent from the breakdown: 0
  });

  it("fits on the earlier decisions, measures on the later, and scales text and the others to add up to 1", () => {
    const random = prng(7);
    const decisions: Decision[] = [];
    for (let i = 0; i < 400; i++) {
      const text = 0.2 + 0.8 * random();
      const outcome = random() - 0.5;
      // The need sides here decide on the outcome's evidence above all: a fit must weigh it.
      const fit = random() < 1 / (1 + Math.exp(-(4 * text + 12 * outcome * text - 2.5)));
      decisions.push({ breakdown: breakdown(text, outcome), fit, at: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000) });
    }
    const report = fitOnTimeSplit(decisions, { share: 0.7 });
    expect([report.earlier, report.later]).toEqual([280, 120]);
    expect(report.weights).not.toBeNull();
    const w = report.weights!;
    expect(w.outcome).toBeGreaterThan(w.text);
    const scale = FEATURES.filter((f) => f !== "outcome").reduce((s, f) => s + Math.abs(w[f]), 0);
    expect(scale).toBeCloseTo(1, 3);
    expect(report.aucFitted).toBeGreaterThan(report.aucInUse - 0.02);
    expect(report.aucFitted).toBeGreaterThan(0.7);
  });

  it("refuses a fit that gives text relevance no positive weight", () => {
    expect(weightsFromFit({ bias: 0, coefficients: FEATURES.map((f) => (f === "text" ? -1 : 1)), iterations: 1 })).toBeNull();
  });
});
