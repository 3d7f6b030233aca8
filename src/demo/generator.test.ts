import { creditCodeProblem, organisationCodeProblem } from "../modules/enterprise/credit-code";
import { DEMO_BASE_COUNTS, DEMO_EMAIL_DOMAIN, generateDemo, readDemoReference } from "./generator";
import { EXPERTISE_MAX, EXPERTISE_MIN, NEED_DESCRIPTION_MAX, NEED_DESCRIPTION_MIN } from "./text";
import type { DemoData } from "./types";
import { CHAIN_VOCABULARIES } from "./vocabulary";

const NOW = new Date("2026-11-27T08:00:00Z");
const reference = readDemoReference();
const chainCodes = reference.chains.map((c) => c.code);
const regionCodes = new Set(reference.regions.map((r) => r.code));

let demo: DemoData;
beforeAll(() => {
  const started = Date.now();
  demo = generateDemo({ now: NOW, reference });
  console.log(`generated the scale-1 demo in ${Date.now() - started} ms`);
});

const share = <T>(items: T[], test: (item: T) => boolean) => items.filter(test).length / items.length;
const distinct = <T>(items: T[]) => new Set(items).size;

describe("size", () => {
  it("is the programme's own scale at scale 1", () => {
    expect(demo.societies).toHaveLength(DEMO_BASE_COUNTS.societies);
    expect(demo.enterprises).toHaveLength(1000);
    expect(demo.experts).toHaveLength(2000);
    expect(demo.platforms).toHaveLength(60);
    expect(demo.needs).toHaveLength(3000);
    expect(demo.serviceRecords).toHaveLength(DEMO_BASE_COUNTS.serviceRecords);
    expect(demo.responses.length).toBeGreaterThan(1000);
  });

  it("multiplies by scale and fraction, never dropping a part to zero", () => {
    const small = generateDemo({ now: NOW, reference, fraction: 0.1 });
    expect([small.societies.length, small.enterprises.length, small.needs.length]).toEqual([10, 100, 300]);
    const tiny = generateDemo({ now: NOW, reference, fraction: 0.001 });
    expect(tiny.societies.length).toBe(1);
    expect(tiny.platforms.length).toBe(1);
    expect(() => generateDemo({ now: NOW, reference, fraction: 0 })).toThrow("positive");
  });
});

describe("determinism", () => {
  it("gives the same demo for the same options and another for another seed", () => {
    const a = generateDemo({ now: NOW, reference, fraction: 0.05 });
    const b = generateDemo({ now: NOW, reference, fraction: 0.05 });
    const c = generateDemo({ now: NOW, reference, fraction: 0.05, seed: 7 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(c.needs[0]!.description).not.toBe(a.needs[0]!.description);
  });
});

describe("enterprises", () => {
  it("have valid, unique credit codes whose division code matches the region", () => {
    for (const e of demo.enterprises) {
      expect(creditCodeProblem(e.creditCode)).toBeNull();
      expect(organisationCodeProblem(e.creditCode)).toBeNull();
      if (/^\d{6}$/.test(e.regionCode)) expect(e.creditCode.slice(2, 8)).toBe(e.regionCode);
      else expect(e.creditCode.slice(2, 6)).toBe("4113");
    }
    expect(distinct(demo.enterprises.map((e) => e.creditCode))).toBe(demo.enterprises.length);
  });

  it("have unique fictional company names in Nanyang's regions, across all chains", () => {
    expect(distinct(demo.enterprises.map((e) => e.name))).toBe(demo.enterprises.length);
    expect(demo.enterprises.every((e) => /公司$/.test(e.name) && regionCodes.has(e.regionCode))).toBe(true);
    expect(distinct(demo.enterprises.map((e) => e.regionCode))).toBe(regionCodes.size);
    expect(new Set(demo.enterprises.flatMap((e) => e.chainCodes))).toEqual(new Set(chainCodes));
    expect(demo.enterprises.every((e) => distinct(e.chainCodes) === e.chainCodes.length)).toBe(true);
  });
});

describe("needs", () => {
  it("cover all nine chains with descriptions of 100–250 characters", () => {
    expect(new Set(demo.needs.map((n) => n.chainCode))).toEqual(new Set(chainCodes));
    for (const n of demo.needs) {
      expect(n.description.length).toBeGreaterThanOrEqual(NEED_DESCRIPTION_MIN);
      expect(n.description.length).toBeLessThanOrEqual(NEED_DESCRIPTION_MAX);
      expect(n.keywords.length).toBeGreaterThanOrEqual(2);
      expect(n.title.length).toBeGreaterThan(4);
    }
  });

  it("are varied, not a few templates repeated", () => {
    expect(distinct(demo.needs.map((n) => n.description))).toBe(demo.needs.length);
    expect(distinct(demo.needs.map((n) => n.title))).toBeGreaterThan(demo.needs.length * 0.4);
    const titleCounts = new Map<string, number>();
    for (const n of demo.needs) titleCounts.set(n.title, (titleCounts.get(n.title) ?? 0) + 1);
    expect(Math.max(...titleCounts.values())).toBeLessThan(demo.needs.length * 0.01);
    expect(distinct(demo.needs.map((n) => `${n.chainCode}/${n.keywords[1]}`))).toBeGreaterThan(55);
  });

  it("name their technique in the text, in the words of their chain's vocabulary", () => {
    for (const n of demo.needs) {
      const technique = n.keywords[1]!;
      expect(`${n.title}${n.description}`).toContain(technique);
      expect(CHAIN_VOCABULARIES[n.chainCode]!.techniques.some((t) => t.name === technique)).toBe(true);
    }
  });

  it("are mostly public and open, with about a tenth confidential and ~5% challenges", () => {
    expect(share(demo.needs, (n) => n.visibility === "PUBLIC")).toBeGreaterThan(0.6);
    expect(share(demo.needs, (n) => n.visibility === "MEMBERS")).toBeCloseTo(0.2, 1);
    expect(share(demo.needs, (n) => n.visibility === "CONFIDENTIAL")).toBeCloseTo(0.1, 1);
    expect(share(demo.needs, (n) => n.status === "OPEN")).toBeGreaterThan(0.5);
    for (const status of ["IN_DOCKING", "RESOLVED", "CLOSED", "EXPIRED", "DRAFT"]) {
      expect(demo.needs.some((n) => n.status === status)).toBe(true);
    }
    expect(share(demo.needs, (n) => n.isChallenge)).toBeCloseTo(0.05, 1);
    for (const n of demo.needs.filter((x) => x.isChallenge)) {
      expect(n.challengeAward).toBeGreaterThan(0);
      expect(n.visibility).toBe("PUBLIC");
      expect(n.title).toMatch(/^揭榜挂帅/);
    }
    expect(demo.needs.filter((n) => !n.isChallenge).every((n) => n.challengeAward === null)).toBe(true);
  });

  it("have budgets with 0 ≤ min ≤ max, or none (面议)", () => {
    for (const n of demo.needs) {
      expect(n.budgetMin === null).toBe(n.budgetMax === null);
      if (n.budgetMin !== null) {
        expect(n.budgetMin).toBeGreaterThan(0);
        expect(n.budgetMin).toBeLessThanOrEqual(n.budgetMax!);
      }
    }
    expect(share(demo.needs, (n) => n.budgetMin === null)).toBeGreaterThan(0.05);
  });

  it("have deadlines in the future while they are open, in the past once expired", () => {
    for (const n of demo.needs) {
      if (n.status === "OPEN" || n.status === "IN_DOCKING" || n.status === "DRAFT") {
        if (n.deadline) expect(n.deadline.getTime()).toBeGreaterThan(NOW.getTime());
      }
      if (n.status === "EXPIRED") expect(n.deadline!.getTime()).toBeLessThan(NOW.getTime());
    }
    const dated = demo.needs.filter((n) => n.deadline);
    expect(share(dated, (n) => n.deadline!.getTime() > NOW.getTime())).toBeGreaterThan(0.7);
  });

  it("have lifecycle times in order, never after now, matching their status", () => {
    const t = (d: Date | null) => d?.getTime() ?? null;
    for (const n of demo.needs) {
      const chain = [n.createdAt, n.openedAt, n.firstResponseAt, n.dockedAt, n.resolvedAt].map(t).filter((x) => x !== null);
      expect(chain).toEqual([...chain].sort((a, b) => a! - b!));
      for (const d of [n.createdAt, n.openedAt, n.firstResponseAt, n.dockedAt, n.resolvedAt, n.closedAt]) {
        if (d) expect(d.getTime()).toBeLessThanOrEqual(NOW.getTime());
      }
      expect(n.openedAt === null).toBe(n.status === "DRAFT");
      expect(n.dockedAt !== null).toBe(n.status === "IN_DOCKING" || n.status === "RESOLVED");
      expect(n.resolvedAt !== null).toBe(n.status === "RESOLVED");
      expect(n.closedAt !== null).toBe(n.status === "CLOSED");
      if (n.closedAt && n.firstResponseAt) expect(n.closedAt.getTime()).toBeGreaterThanOrEqual(n.firstResponseAt.getTime());
    }
  });
});

describe("responses", () => {
  it("come after the need opened, set its first-response time, and fit its status", () => {
    const byNeed = new Map<number, DemoData["responses"]>();
    for (const r of demo.responses) byNeed.set(r.needIdx, [...(byNeed.get(r.needIdx) ?? []), r]);
    demo.needs.forEach((n, i) => {
      const responses = byNeed.get(i) ?? [];
      if (n.status === "DRAFT") expect(responses).toHaveLength(0);
      if (n.status === "IN_DOCKING" || n.status === "RESOLVED") expect(responses.length).toBeGreaterThan(0);
      if (n.status === "RESOLVED") expect(responses.filter((r) => r.status === "ACCEPTED")).toHaveLength(1);
      if (responses.length === 0) return expect(n.firstResponseAt).toBeNull();
      expect(n.firstResponseAt!.getTime()).toBe(Math.min(...responses.map((r) => r.createdAt.getTime())));
      for (const r of responses) expect(r.createdAt.getTime()).toBeGreaterThanOrEqual(n.openedAt!.getTime());
      expect(distinct(responses.map((r) => r.societyIdx))).toBe(responses.length);
    });
  });

  it("offer 1–3 distinct existing experts, members of the society when it has members", () => {
    for (const r of demo.responses) {
      expect(r.expertIdx.length).toBeGreaterThanOrEqual(1);
      expect(r.expertIdx.length).toBeLessThanOrEqual(3);
      expect(distinct(r.expertIdx)).toBe(r.expertIdx.length);
      expect(r.expertIdx.every((e) => demo.experts[e] !== undefined)).toBe(true);
      expect(demo.societies[r.societyIdx]!.active).toBe(true);
      expect(r.declineReason !== null).toBe(r.status === "DECLINED");
    }
    expect(share(demo.responses, (r) => r.expertIdx.every((e) => demo.experts[e]!.societyIdx.includes(r.societyIdx)))).toBeGreaterThan(0.95);
  });
});

describe("experts, societies, platforms", () => {
  it("experts: 80–200 character expertise, capacity 1–5, about a quarter young talent, valid societies", () => {
    for (const e of demo.experts) {
      expect(e.expertise.length).toBeGreaterThanOrEqual(EXPERTISE_MIN);
      expect(e.expertise.length).toBeLessThanOrEqual(EXPERTISE_MAX);
      expect(e.capacity).toBeGreaterThanOrEqual(1);
      expect(e.capacity).toBeLessThanOrEqual(5);
      expect(distinct(e.societyIdx)).toBe(e.societyIdx.length);
      expect(e.societyIdx.every((s) => demo.societies[s] !== undefined)).toBe(true);
      expect(e.chainCodes.every((c) => chainCodes.includes(c))).toBe(true);
    }
    expect(share(demo.experts, (e) => e.isYoungTalent)).toBeCloseTo(0.25, 1);
    expect(distinct(demo.experts.map((e) => e.expertise))).toBeGreaterThan(demo.experts.length * 0.95);
    expect(new Set(demo.experts.flatMap((e) => e.chainCodes))).toEqual(new Set(chainCodes));
  });

  it("an expert of an enterprise's technical centre is that enterprise's employee (so never matched to its needs)", () => {
    const employed = demo.experts.filter((e) => e.employerIdx !== null);
    expect(employed.length).toBeGreaterThan(demo.experts.length * 0.1);
    for (const e of demo.experts) {
      const employer = e.employerIdx === null ? null : demo.enterprises[e.employerIdx]!;
      expect(e.affiliation === `${employer?.name}技术中心`).toBe(employer !== null);
    }
  });

  it("societies: unique names, disciplines, every level and kind", () => {
    expect(distinct(demo.societies.map((s) => s.name))).toBe(demo.societies.length);
    expect(demo.societies.every((s) => s.disciplines.length > 0)).toBe(true);
    expect(new Set(demo.societies.map((s) => s.level))).toEqual(new Set(["NATIONAL", "PROVINCIAL", "MUNICIPAL"]));
    expect(new Set(demo.societies.map((s) => s.kind)).size).toBe(3);
  });

  it("platforms: capabilities text and chains in every part of the programme", () => {
    expect(demo.platforms.every((p) => p.capabilities.length >= 60 && regionCodes.has(p.regionCode))).toBe(true);
    expect(new Set(demo.platforms.map((p) => p.kind)).size).toBeGreaterThanOrEqual(6);
    expect(distinct(demo.platforms.map((p) => p.name))).toBe(demo.platforms.length);
  });
});

describe("service records and users", () => {
  it("service records tie a need only of the enterprise served", () => {
    for (const s of demo.serviceRecords) {
      if (s.needIdx !== null) expect(demo.needs[s.needIdx]!.enterpriseIdx).toBe(s.enterpriseIdx);
      expect(s.servedOn.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
    expect(share(demo.serviceRecords, (s) => s.needIdx !== null)).toBeGreaterThan(0.2);
  });

  it("users: unique demo emails, one per society, some enterprises, a few analysts and experts", () => {
    expect(distinct(demo.users.map((u) => u.email))).toBe(demo.users.length);
    expect(demo.users.every((u) => u.email.endsWith(`@${DEMO_EMAIL_DOMAIN}`))).toBe(true);
    const society = demo.users.filter((u) => u.role === "SOCIETY");
    expect(society.map((u) => u.societyIdx).sort((a, b) => a! - b!)).toEqual(demo.societies.map((_, i) => i));
    expect(demo.users.find((u) => u.email === `society12@${DEMO_EMAIL_DOMAIN}`)?.societyIdx).toBe(11);
    expect(demo.users.find((u) => u.email === `enterprise1@${DEMO_EMAIL_DOMAIN}`)?.enterpriseIdx).toBe(0);
    const enterprise = demo.users.filter((u) => u.role === "ENTERPRISE");
    expect(enterprise.length).toBeGreaterThan(100);
    expect(enterprise.length).toBeLessThan(demo.enterprises.length);
    expect(demo.users.filter((u) => u.role === "ANALYST").length).toBeGreaterThanOrEqual(1);
    for (const u of demo.users.filter((x) => x.role === "EXPERT")) expect(demo.experts[u.expertIdx!]!.email).toBe(u.email);
  });
});

describe("reference data", () => {
  it("works with a chain that has no vocabulary of its own and with fewer regions", () => {
    const custom = generateDemo({
      now: NOW,
      fraction: 0.05,
      reference: { regions: [{ code: "411302", name: "宛城区" }], chains: [{ code: "HYDROGEN", name: "氢能" }] },
    });
    expect(new Set(custom.needs.map((n) => n.chainCode))).toEqual(new Set(["HYDROGEN"]));
    expect(new Set(custom.enterprises.map((e) => e.regionCode))).toEqual(new Set(["411302"]));
  });
});
