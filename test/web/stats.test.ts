// Programme statistics against counts computed here, independently, from the rows this test writes.
import { ProgrammeFunnelDocument, ProgrammeResponseTimesDocument, ProgrammeStatsDocument } from "../generated/operations";
import { errorOf } from "../support/client";
import { startTestHub, type TestHub } from "../support/hub";

type Designation = "INNOVATION_LEADER" | "GAZELLE" | "TECH_SME" | "HIGH_TECH" | "ABOVE_SCALE" | "SPECIALIZED_NEW";
type NeedStatus = "DRAFT" | "OPEN" | "IN_DOCKING" | "RESOLVED" | "CLOSED" | "EXPIRED";
type MatchStatus = "SUGGESTED" | "VIEWED" | "CONTACTED" | "ACCEPTED" | "REJECTED" | "DOCKED" | "CLOSED";
type SupplierKind = "EXPERT" | "PLATFORM" | "SOCIETY" | "UNIVERSITY";
type ResponseStatus = "SUBMITTED" | "SHORTLISTED" | "ACCEPTED" | "DECLINED" | "WITHDRAWN";

const REGIONS = ["411302", "411303", "411381"];
const CHAINS = ["NEW_ENERGY", "BIO", "AUTO_PARTS"];
const DESIGNATIONS: Designation[][] = [["HIGH_TECH"], ["HIGH_TECH", "GAZELLE"], [], ["TECH_SME"], ["GAZELLE", "SPECIALIZED_NEW"], ["HIGH_TECH"]];
const NEED_STATUSES: NeedStatus[] = ["DRAFT", "OPEN", "IN_DOCKING", "RESOLVED", "CLOSED", "EXPIRED"];
const MATCH_STATUSES: MatchStatus[] = ["SUGGESTED", "VIEWED", "CONTACTED", "ACCEPTED", "REJECTED", "DOCKED", "CLOSED"];
const RESPONSE_STATUSES: ResponseStatus[] = ["SUBMITTED", "SHORTLISTED", "ACCEPTED", "DECLINED", "WITHDRAWN"];
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Deterministic pseudo-random numbers (mulberry32), so a failure replays. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** percentile_cont: linear interpolation between the closest ranks. */
function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const pos = p * (v.length - 1);
  const lo = Math.floor(pos);
  return lo + 1 < v.length ? v[lo]! + (v[lo + 1]! - v[lo]!) * (pos - lo) : v[lo]!;
}

let t: TestHub;
const created = {
  enterprises: [] as Array<{ id: number; regionCode: string; designations: Designation[]; chains: string[]; onKczg: boolean; kczgSince: Date | null; createdAt: Date }>,
  platforms: [] as Array<{ id: number; name: string; onKczg: boolean; kczgSince: Date | null; createdAt: Date }>,
  societies: [] as Array<{ id: number; name: string }>,
  needs: [] as Array<{ id: number; enterpriseId: number; chainCode: string; status: NeedStatus; createdAt: Date; openedAt: Date | null; firstResponseAt: Date | null; dockedAt: Date | null }>,
  matches: [] as Array<{ needId: number; status: MatchStatus; supplierKind: SupplierKind; supplierId: number; createdAt: Date }>,
  responses: [] as Array<{ needId: number; societyId: number; status: ResponseStatus; createdAt: Date }>,
  services: [] as Array<{ societyId: number; enterpriseId: number; servedOn: Date; confirmedAt: Date | null }>,
  deals: [] as Array<{ needId: number }>,
};

beforeAll(async () => {
  t = await startTestHub({ HUB_TIME_ZONE: "Asia/Shanghai" });
  const prisma = t.hub.database.prisma;
  const random = rng(20250701);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const base = new Date("2024-06-01T00:00:00Z").getTime();
  const at = (maxDays: number) => new Date(base + Math.floor(random() * maxDays * DAY));

  for (let i = 0; i < 3; i++) created.societies.push(await prisma.society.create({ data: { name: `统计测试学会${i}`, level: "PROVINCIAL", disciplines: [] } }));
  const expert = await prisma.expert.create({ data: { name: "统计测试专家", expertise: "储能" } });
  for (let i = 0; i < 3; i++) {
    const onKczg = i !== 1;
    const createdAt = at(400);
    const p = await prisma.innovationPlatform.create({
      data: { name: `统计测试平台${i}`, kind: "PILOT_BASE", capabilities: "中试", onKczg, kczgSince: onKczg && i === 0 ? at(500) : null, createdAt },
    });
    created.platforms.push(p);
  }
  for (let i = 0; i < DESIGNATIONS.length; i++) {
    const chains = [CHAINS[i % CHAINS.length]!];
    const onKczg = i % 2 === 0;
    const e = await prisma.enterprise.create({
      data: {
        name: `统计测试企业${i}`,
        creditCode: `STATS-TEST-${String(i).padStart(6, "0")}`,
        regionCode: REGIONS[i % REGIONS.length]!,
        designations: DESIGNATIONS[i]!,
        onKczg,
        kczgSince: onKczg ? at(550) : null,
        createdAt: at(100),
        chains: { create: chains.map((chainCode) => ({ chainCode })) },
      },
    });
    created.enterprises.push({ ...e, designations: e.designations as Designation[], chains });
  }
  for (let i = 0; i < 40; i++) {
    const status = pick(NEED_STATUSES);
    const createdAt = at(540);
    const openedAt = status === "DRAFT" ? null : random() < 0.15 ? null : new Date(createdAt.getTime() + Math.floor(random() * 3 * DAY));
    const firstResponseAt = openedAt && random() < 0.6 ? new Date(openedAt.getTime() + Math.floor(random() * 400 * HOUR)) : null;
    const dockedAt = firstResponseAt && random() < 0.5 ? new Date(firstResponseAt.getTime() + Math.floor(random() * 900 * HOUR)) : null;
    const enterprise = pick(created.enterprises);
    const need = await prisma.techNeed.create({
      data: {
        enterpriseId: enterprise.id,
        title: `统计测试需求${i}`,
        description: "用于统计测试",
        chainCode: random() < 0.8 ? enterprise.chains[0]! : pick(CHAINS),
        kind: "CONSULTING",
        status,
        visibility: random() < 0.3 ? "CONFIDENTIAL" : "PUBLIC",
        createdAt,
        openedAt,
        firstResponseAt,
        dockedAt,
      },
    });
    created.needs.push(need);
    const suppliers = [
      { supplierKind: "EXPERT" as const, supplierId: expert.id },
      ...created.platforms.map((p) => ({ supplierKind: "PLATFORM" as const, supplierId: p.id })),
      ...created.societies.map((s) => ({ supplierKind: "SOCIETY" as const, supplierId: s.id })),
    ].filter(() => random() < 0.35);
    for (const [rank, s] of suppliers.entries()) {
      const m = await prisma.match.create({
        data: { needId: need.id, ...s, score: random(), rank: rank + 1, breakdown: [], status: pick(MATCH_STATUSES), createdAt: new Date(createdAt.getTime() + HOUR) },
      });
      created.matches.push(m);
    }
    for (const society of created.societies.filter(() => random() < 0.3)) {
      const r = await prisma.response.create({
        data: { needId: need.id, societyId: society.id, proposal: "方案", status: pick(RESPONSE_STATUSES), createdAt: new Date(createdAt.getTime() + 2 * DAY) },
      });
      created.responses.push(r);
    }
    // Deals on some needs only: an accepted response or a docked match alone is not a deal (issue 27).
    if (random() < 0.3) created.deals.push(await prisma.deal.create({ data: { needId: need.id, mode: "JOINT_RD", summary: "联合研发" } }));
  }
  for (let i = 0; i < 15; i++) {
    const s = await prisma.serviceRecord.create({
      // Unconfirmed records count nowhere (issue 27).
      data: { societyId: pick(created.societies).id, enterpriseId: pick(created.enterprises).id, kind: "CONSULTING", servedOn: at(560), summary: "科技咨询", hours: 2, confirmedAt: random() < 0.7 ? new Date() : null },
    });
    created.services.push(s);
  }
});

afterAll(() => t?.stop());

// ---------- the expected values, from the rows above ----------

interface Window {
  from: Date | null;
  to: Date;
}

const postedAt = (n: (typeof created.needs)[number]) => n.openedAt ?? n.createdAt;
const inWindow = (d: Date, w: Window) => (!w.from || d >= w.from) && d < w.to;

function needsIn(w: Window) {
  return created.needs.filter((n) => n.status !== "DRAFT" && inWindow(postedAt(n), w));
}

function stageOf(n: (typeof created.needs)[number]): number {
  const ms = created.matches.filter((m) => m.needId === n.id);
  const rs = created.responses.filter((r) => r.needId === n.id);
  if (created.deals.some((d) => d.needId === n.id)) return 4;
  if (
    n.dockedAt ||
    n.status === "IN_DOCKING" ||
    n.status === "RESOLVED" ||
    ms.some((m) => ["ACCEPTED", "DOCKED", "CLOSED"].includes(m.status)) ||
    rs.some((r) => r.status === "ACCEPTED")
  )
    return 3;
  if (rs.length) return 2;
  if (ms.length) return 1;
  return 0;
}

function dimension(needs: ReturnType<typeof needsIn>) {
  const ids = new Set(needs.map((n) => n.id));
  const ms = created.matches.filter((m) => ids.has(m.needId));
  const rs = created.responses.filter((r) => ids.has(r.needId));
  return {
    needs: needs.length,
    openNeeds: needs.filter((n) => n.status === "OPEN").length,
    resolvedNeeds: needs.filter((n) => n.status === "RESOLVED").length,
    matches: ms.length,
    acceptedMatches: ms.filter((m) => ["ACCEPTED", "DOCKED", "CLOSED"].includes(m.status)).length,
    responses: rs.length,
    acceptedResponses: rs.filter((r) => r.status === "ACCEPTED").length,
    deals: needs.filter((n) => stageOf(n) === 4).length,
  };
}

function enterpriseOf(id: number) {
  return created.enterprises.find((e) => e.id === id)!;
}

const WINDOWS: Window[] = [
  { from: null, to: new Date("2030-01-01T00:00:00Z") },
  // Local months (HUB_TIME_ZONE Asia/Shanghai, UTC+8 all year).
  { from: new Date("2025-01-01T00:00:00+08:00"), to: new Date("2025-07-01T00:00:00+08:00") },
];

describe.each(WINDOWS)("programmeStats in window %o", (w) => {
  const vars = () => ({ from: w.from?.toISOString() ?? null, to: w.to.toISOString(), societies: 100, platforms: 100 });

  it("counts needs, matches, responses and deals by chain, region and designation", async () => {
    const { programmeStats: ps } = await t.admin.data(ProgrammeStatsDocument, vars());
    const needs = needsIn(w);
    for (const chain of CHAINS) {
      const row = ps.byIndustryChain.find((r) => r.key === chain)!;
      expect({ ...row, key: undefined, name: undefined, enterprises: undefined }).toEqual({
        ...dimension(needs.filter((n) => n.chainCode === chain)),
        key: undefined,
        name: undefined,
        enterprises: undefined,
      });
      expect(row.enterprises).toBe(created.enterprises.filter((e) => e.chains.includes(chain)).length);
    }
    // Chains this test did not use are all zero (the hub holds no other needs).
    expect(ps.byIndustryChain.filter((r) => !CHAINS.includes(r.key)).every((r) => r.needs === 0 && r.matches === 0)).toBe(true);
    for (const region of REGIONS) {
      const row = ps.byRegion.find((r) => r.key === region)!;
      expect(row).toMatchObject(dimension(needs.filter((n) => enterpriseOf(n.enterpriseId).regionCode === region)));
      expect(row.enterprises).toBe(created.enterprises.filter((e) => e.regionCode === region).length);
    }
    for (const d of ["HIGH_TECH", "GAZELLE", "TECH_SME", "SPECIALIZED_NEW", "INNOVATION_LEADER", "ABOVE_SCALE"] as Designation[]) {
      const row = ps.byDesignation.find((r) => r.key === d)!;
      expect(row).toMatchObject(dimension(needs.filter((n) => enterpriseOf(n.enterpriseId).designations.includes(d))));
      expect(row.enterprises).toBe(created.enterprises.filter((e) => e.designations.includes(d)).length);
    }
    expect(ps.byDesignation.find((r) => r.key === "HIGH_TECH")!.name).toBe("高新技术企业");
  });

  it("computes the funnel with conversion rates", async () => {
    const { programmeStats: ps } = await t.admin.data(ProgrammeFunnelDocument, { from: vars().from, to: vars().to });
    const stages = needsIn(w).map(stageOf);
    const expected = [0, 1, 2, 3, 4].map((k) => stages.filter((s) => s >= k).length);
    expect(ps.funnel.map((f) => f.stage)).toEqual(["POSTED", "MATCHED", "RESPONDED", "DOCKING", "DEAL"]);
    expect(ps.funnel.map((f) => f.needs)).toEqual(expected);
    ps.funnel.forEach((f, i) => {
      if (i === 0) expect(f.conversionFromPrevious).toBeNull();
      else if (expected[i - 1]) expect(f.conversionFromPrevious).toBeCloseTo(expected[i]! / expected[i - 1]!, 10);
      if (expected[0]) expect(f.conversionFromStart).toBeCloseTo(expected[i]! / expected[0]!, 10);
    });
    expect(expected[0]).toBeGreaterThan(0);
  });

  it("gives response and docking times as median and p90 (percentile_cont)", async () => {
    const { programmeStats: ps } = await t.admin.data(ProgrammeStatsDocument, vars());
    const opened = created.needs.filter((n) => n.status !== "DRAFT" && n.openedAt && inWindow(n.openedAt, w));
    const hours = (end: "firstResponseAt" | "dockedAt") => opened.filter((n) => n[end]).map((n) => (n[end]!.getTime() - n.openedAt!.getTime()) / HOUR);
    for (const [field, end] of [["responseTime", "firstResponseAt"], ["dockingTime", "dockedAt"]] as const) {
      const h = hours(end);
      expect(ps[field].count).toBe(h.length);
      if (h.length) {
        expect(ps[field].medianHours).toBeCloseTo(percentile(h, 0.5)!, 6);
        expect(ps[field].p90Hours).toBeCloseTo(percentile(h, 0.9)!, 6);
        expect(ps[field].averageHours).toBeCloseTo(h.reduce((a, b) => a + b, 0) / h.length, 6);
      } else {
        expect(ps[field].medianHours).toBeNull();
      }
    }
  });

  it("gives the time to the first response per chain and per society, and the share answered within 48 hours (issue 27)", async () => {
    const { programmeStats: ps } = await t.admin.data(ProgrammeResponseTimesDocument, { from: vars().from, to: vars().to });
    const opened = created.needs.filter((n) => n.status !== "DRAFT" && n.openedAt && inWindow(n.openedAt, w));
    const check = (row: { count: number; medianHours: number | null; p90Hours: number | null }, hours: number[]) => {
      expect(row.count).toBe(hours.length);
      if (hours.length) {
        expect(row.medianHours).toBeCloseTo(percentile(hours, 0.5)!, 6);
        expect(row.p90Hours).toBeCloseTo(percentile(hours, 0.9)!, 6);
      } else expect(row.medianHours).toBeNull();
    };
    for (const chain of CHAINS) {
      const hours = opened.filter((n) => n.chainCode === chain && n.firstResponseAt).map((n) => (n.firstResponseAt!.getTime() - n.openedAt!.getTime()) / HOUR);
      check(ps.responseTimeByIndustryChain.find((r) => r.key === chain)!, hours);
    }
    for (const society of created.societies) {
      const hours = opened.flatMap((n) => {
        const rs = created.responses.filter((r) => r.needId === n.id && r.societyId === society.id);
        return rs.length ? [Math.max(0, Math.min(...rs.map((r) => r.createdAt.getTime())) - n.openedAt!.getTime()) / HOUR] : [];
      });
      const row = ps.responseTimeBySociety.find((r) => r.name === society.name);
      if (hours.length) check(row!, hours);
      else expect(row).toBeUndefined();
    }
    const answered = (n: (typeof opened)[number]) => Boolean(n.firstResponseAt && n.firstResponseAt.getTime() - n.openedAt!.getTime() <= 48 * HOUR && n.firstResponseAt < w.to);
    const counted = opened.filter((n) => answered(n) || n.openedAt!.getTime() + 48 * HOUR <= w.to.getTime());
    expect(ps.answeredWithin48Hours).toMatchObject({ hours: 48, needs: counted.length, answered: counted.filter(answered).length });
    expect(counted.filter(answered).length).toBeGreaterThan(0);
  });

  it("ranks societies by accepted responses, responses and service records; counts platform matches", async () => {
    const { programmeStats: ps } = await t.admin.data(ProgrammeStatsDocument, vars());
    const expected = created.societies.map((s) => {
      const rs = created.responses.filter((r) => r.societyId === s.id && inWindow(r.createdAt, w));
      const sv = created.services.filter((r) => r.societyId === s.id && r.confirmedAt && inWindow(r.servedOn, w));
      return {
        name: s.name,
        responses: rs.length,
        acceptedResponses: rs.filter((r) => r.status === "ACCEPTED").length,
        serviceRecords: sv.length,
        enterprisesServed: new Set(sv.map((r) => r.enterpriseId)).size,
        serviceHours: 2 * sv.length,
        matches: created.matches.filter((m) => m.supplierKind === "SOCIETY" && m.supplierId === s.id && inWindow(m.createdAt, w)).length,
      };
    });
    const ours = ps.societies.filter((s) => s.name.startsWith("统计测试学会"));
    expect(ours).toHaveLength(3);
    for (const e of expected) expect(ours.find((s) => s.name === e.name)).toMatchObject(e);
    // Ranked: accepted responses, then responses, then service records, descending.
    const key = (s: (typeof ours)[number]) => [s.acceptedResponses, s.responses, s.serviceRecords];
    for (let i = 1; i < ps.societies.length; i++) {
      const [a, b] = [key(ps.societies[i - 1]!), key(ps.societies[i]!)];
      const cmp = a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
      expect(cmp).toBeGreaterThanOrEqual(0);
      expect(ps.societies[i]!.rank >= ps.societies[i - 1]!.rank).toBe(true);
    }
    for (const p of created.platforms) {
      const ms = created.matches.filter((m) => m.supplierKind === "PLATFORM" && m.supplierId === p.id && inWindow(m.createdAt, w));
      expect(ps.platforms.find((x) => x.name === p.name)).toMatchObject({
        matches: ms.length,
        acceptedMatches: ms.filter((m) => ["ACCEPTED", "DOCKED", "CLOSED"].includes(m.status)).length,
        dockedMatches: ms.filter((m) => m.status === "DOCKED").length,
      });
    }
  });

  it("tracks the plan's indicators with target, current value and a monthly trend", async () => {
    const { programmeStats: ps } = await t.admin.data(ProgrammeStatsDocument, vars());
    const kczgDates = [
      ...created.enterprises.filter((e) => e.onKczg).map((e) => e.kczgSince ?? e.createdAt),
      ...created.platforms.filter((p) => p.onKczg).map((p) => p.kczgSince ?? p.createdAt),
    ];
    const firstBy = <T>(rows: T[], key: (r: T) => number, at: (r: T) => Date) => {
      const first = new Map<number, number>();
      for (const r of rows) first.set(key(r), Math.min(first.get(key(r)) ?? Infinity, at(r).getTime()));
      return [...first.values()].map((v) => new Date(v));
    };
    const societyDates = firstBy<{ societyId: number; at: Date }>(
      [...created.responses.map((r) => ({ societyId: r.societyId, at: r.createdAt })), ...created.services.filter((s) => s.confirmedAt).map((s) => ({ societyId: s.societyId, at: s.servedOn }))],
      (r) => r.societyId,
      (r) => r.at,
    );
    const enterpriseDates = firstBy<{ enterpriseId: number; at: Date }>(
      [
        ...created.responses.map((r) => ({ enterpriseId: created.needs.find((n) => n.id === r.needId)!.enterpriseId, at: r.createdAt })),
        ...created.services.filter((s) => s.confirmedAt).map((s) => ({ enterpriseId: s.enterpriseId, at: s.servedOn })),
      ],
      (r) => r.enterpriseId,
      (r) => r.at,
    );
    const expected: Record<string, { target: number; dates: Date[] }> = {
      KCZG_ENTITIES: { target: 100, dates: kczgDates },
      SOCIETIES_ENGAGED: { target: 100, dates: societyDates },
      ENTERPRISES_LINKED: { target: 1000, dates: enterpriseDates },
    };
    expect(ps.indicators.map((i) => i.key).sort()).toEqual(Object.keys(expected).sort());
    for (const indicator of ps.indicators) {
      const e = expected[indicator.key]!;
      const current = e.dates.filter((d) => d < w.to).length;
      expect(indicator).toMatchObject({ target: e.target, current });
      expect(indicator.progress).toBeCloseTo(current / e.target, 10);
      expect(indicator.targetDate.startsWith("2025-12-31")).toBe(true);
      // Every month of the trend: entities counted by the end of that month (and before the window's end).
      expect(indicator.trend.length).toBeGreaterThan(0);
      for (const { month, value } of indicator.trend) {
        const [y, m] = month.split("-").map(Number);
        const end = new Date(Math.min(Date.UTC(y!, m!, 1) - 8 * HOUR, w.to.getTime()));
        expect({ month, value }).toEqual({ month, value: e.dates.filter((d) => d < end).length });
      }
    }
    if (w.from) {
      expect(ps.indicators[0]!.trend.map((x) => x.month)).toEqual(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]);
    } else {
      expect(ps.indicators[0]!.trend).toHaveLength(12);
    }
  });
});

it("is for ANALYST and ADMIN only (issue 22, 3.3), and shows counts, never the confidential needs' content", async () => {
  expect(errorOf(await t.anonymous.request(ProgrammeFunnelDocument, {}))).toMatchObject({ code: "UNAUTHENTICATED" });
  const { programmeStats } = await t.admin.data(ProgrammeStatsDocument, {});
  expect(programmeStats.funnel[0]!.needs).toBe(created.needs.filter((n) => n.status !== "DRAFT").length);
  expect(JSON.stringify(programmeStats)).not.toContain("统计测试需求");
});

it("rejects a window that ends before it starts, and rankings above 100", async () => {
  const bad = await t.admin.request(ProgrammeFunnelDocument, { from: "2025-06-01T00:00:00Z", to: "2025-01-01T00:00:00Z" });
  expect(errorOf(bad)).toMatchObject({ code: "BAD_USER_INPUT", field: "from" });
  const tooMany = await t.admin.request(ProgrammeStatsDocument, { societies: 101 });
  expect(errorOf(tooMany)).toMatchObject({ code: "BAD_USER_INPUT", field: "societies" });
});

it("computes in SQL: a handful of statements, however many rows", async () => {
  const before = t.hub.database.statements();
  await t.admin.data(ProgrammeStatsDocument, {});
  const statements = t.hub.database.statements() - before;
  // 3 dimensions + funnel + 2 durations + societies + platforms + 3 indicators × 2 (+ the viewer's lookup).
  expect(statements).toBeLessThanOrEqual(16);
});
