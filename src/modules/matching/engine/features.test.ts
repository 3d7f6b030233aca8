import { capacityFit, industryChainFit, kindFit, OUTCOME_RANGE, outcomeFit, regionFit, scheduleFit, trackRecord, TRACK_PRIOR_RATE } from "./features";
import type { NeedDoc, SupplierDoc } from "./types";

const need = (over: Partial<NeedDoc> = {}): NeedDoc => ({
  title: "", description: "", keywords: [], chainCode: "NEW_ENERGY", kind: "TECH_BREAKTHROUGH", regionCode: "411302", ...over,
});
const supplier = (over: Partial<SupplierDoc> = {}): SupplierDoc => ({
  kind: "EXPERT", name: "x", text: "", keywords: [], chainCodes: ["NEW_ENERGY"], regionCode: null, ...over,
});

describe("industryChain", () => {
  it("is 1 for the same chain, partial for a related chain, 0 for an unrelated one", () => {
    expect(industryChainFit("NEW_ENERGY", ["NEW_ENERGY"])).toBe(1);
    const related = industryChainFit("NEW_ENERGY", ["NEW_MATERIALS"]);
    expect(related).toBeGreaterThan(0);
    expect(related).toBeLessThan(1);
    expect(industryChainFit("NEW_ENERGY", ["TCM_HEALTH"])).toBe(0);
  });
  it("takes the best of several chains and is symmetric", () => {
    expect(industryChainFit("NEW_ENERGY", ["TCM_HEALTH", "NEW_ENERGY"])).toBe(1);
    expect(industryChainFit("NEW_MATERIALS", ["NEW_ENERGY"])).toBe(industryChainFit("NEW_ENERGY", ["NEW_MATERIALS"]));
  });
  it("is neutral when the supplier records no chain", () => {
    const unknown = industryChainFit("NEW_ENERGY", []);
    expect(unknown).toBeGreaterThan(0);
    expect(unknown).toBeLessThan(1);
  });
});

describe("region", () => {
  it("prefers the same county, then the same city", () => {
    expect(regionFit("411302", "411302")).toBe(1);
    expect(regionFit("411302", "411303")).toBeLessThan(1);
    expect(regionFit("411302", "411303")).toBeGreaterThan(regionFit("411302", "410100"));
    expect(regionFit("411302", "NY-GXQ")).toBe(regionFit("411302", "411303"));
  });
  it("is neutral when a region is unknown", () => {
    expect(regionFit(null, "411302")).toBe(regionFit("411302", null));
    expect(regionFit(null, "411302")).toBeGreaterThan(regionFit("411302", "410100"));
  });
});

describe("capacity", () => {
  it("ranks an expert with all slots busy lowest", () => {
    expect(capacityFit(supplier({ capacity: 3, activeEngagements: 0 }))).toBe(1);
    const oneLeft = capacityFit(supplier({ capacity: 3, activeEngagements: 2 }));
    expect(oneLeft).toBeGreaterThan(0);
    expect(oneLeft).toBeLessThan(capacityFit(supplier({ capacity: 3, activeEngagements: 1 })));
    expect(capacityFit(supplier({ capacity: 3, activeEngagements: 3 }))).toBe(0);
  });
  it("does not apply to platforms and societies", () => {
    expect(capacityFit(supplier({ kind: "PLATFORM", capacity: 1, activeEngagements: 5 }))).toBe(1);
  });
});

describe("track record", () => {
  it("gives a newcomer the prior, not zero", () => {
    expect(trackRecord(supplier())).toBeCloseTo(TRACK_PRIOR_RATE);
  });
  it("moves towards the observed rate as responses accumulate", () => {
    const good = trackRecord(supplier({ responses: 20, acceptedResponses: 19 }));
    const bad = trackRecord(supplier({ responses: 20, acceptedResponses: 1 }));
    expect(good).toBeGreaterThan(TRACK_PRIOR_RATE);
    expect(bad).toBeLessThan(TRACK_PRIOR_RATE);
    expect(trackRecord(supplier({ responses: 1, acceptedResponses: 0 }))).toBeGreaterThan(bad);
  });
});

describe("kindFit", () => {
  it("answers a PILOT_TEST need with a pilot base first", () => {
    const n = need({ kind: "PILOT_TEST" });
    expect(kindFit(n, supplier({ kind: "PLATFORM", platformKind: "PILOT_BASE" }))).toBe(1);
    expect(kindFit(n, supplier({ kind: "EXPERT" }))).toBeLessThan(1);
    expect(kindFit(n, supplier({ kind: "PLATFORM", platformKind: "INCUBATOR" }))).toBeLessThan(kindFit(n, supplier()));
  });
  it("answers a consulting need on standards by a society, more so when the posting asks for one", () => {
    const n = need({ kind: "CONSULTING", description: "需要具备团体标准发布资质的社会组织牵头。" });
    expect(kindFit(n, supplier({ kind: "SOCIETY" }))).toBe(1);
    const expertPlain = kindFit(need({ kind: "CONSULTING" }), supplier());
    expect(kindFit(n, supplier())).toBeLessThan(expertPlain);
  });
  it("answers a talent need by an expert", () => {
    const n = need({ kind: "TALENT" });
    expect(kindFit(n, supplier())).toBeGreaterThan(kindFit(n, supplier({ kind: "PLATFORM", platformKind: "OTHER" })));
  });
});

describe("schedule", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  it("does not matter without a deadline or with a free slot", () => {
    expect(scheduleFit(need(), supplier({ capacity: 1, activeEngagements: 1 }), now)).toBe(1);
    expect(scheduleFit(need({ deadline: new Date("2026-01-10") }), supplier({ capacity: 2, activeEngagements: 0 }), now)).toBe(1);
  });
  it("penalises a busy expert for a need due soon", () => {
    const busy = supplier({ capacity: 1, activeEngagements: 1 });
    expect(scheduleFit(need({ deadline: new Date("2026-01-20") }), busy, now)).toBe(0);
    expect(scheduleFit(need({ deadline: new Date("2026-12-31") }), busy, now)).toBeGreaterThan(0);
  });
});

describe("outcome (decisions recorded on the chain)", () => {
  const on = (fit: number, misfit: number, chain = "NEW_ENERGY") => supplier({ outcomes: { [chain]: { fit, misfit } } });
  it("is 0 without records, on another chain's records, and when fits and misfits balance", () => {
    expect(outcomeFit("NEW_ENERGY", supplier())).toBe(0);
    expect(outcomeFit("NEW_ENERGY", on(0, 5, "EQUIPMENT"))).toBe(0);
    expect(outcomeFit("NEW_ENERGY", on(3, 3))).toBeCloseTo(0, 12);
  });
  it("is the Beta(2, 2) posterior mean less the prior's: one rejection moves it a little, many move it far", () => {
    expect(outcomeFit("NEW_ENERGY", on(0, 1))).toBeCloseTo(2 / 5 - 0.5, 12);
    expect(outcomeFit("NEW_ENERGY", on(0, 2))).toBeCloseTo(2 / 6 - 0.5, 12);
    expect(outcomeFit("NEW_ENERGY", on(3, 0))).toBeCloseTo(5 / 7 - 0.5, 12);
    expect(outcomeFit("NEW_ENERGY", on(1, 4))).toBeCloseTo(3 / 9 - 0.5, 12);
  });
  it("stays within its range however many decisions, and moves monotonically with them", () => {
    expect(outcomeFit("NEW_ENERGY", on(0, 10_000))).toBeGreaterThan(OUTCOME_RANGE.min);
    expect(outcomeFit("NEW_ENERGY", on(10_000, 0))).toBeLessThan(OUTCOME_RANGE.max);
    for (let n = 0; n < 10; n++) expect(outcomeFit("NEW_ENERGY", on(0, n + 1))).toBeLessThan(outcomeFit("NEW_ENERGY", on(0, n)));
  });
});
