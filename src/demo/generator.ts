// A deterministic demo of the 百会链千企 programme at its own scale: 100 societies, 1,000 enterprises,
// about 2,000 experts, 60 platforms, 3,000 needs, with responses, service records and logins. The same
// options always give the same demo. Matches are not generated: the matching engine computes them.
import { DEMO_UNIVERSITIES } from "./universities";
import fs from "node:fs";
import path from "node:path";
import type {
  EnterpriseDesignation,
  NeedKind,
  NeedStatus,
  PlatformKind,
  ResponseStatus,
  ServiceKind,
  SocietyKind,
  SocietyLevel,
  Visibility,
} from "../generated/prisma/enums";
import { PROJECT_ROOT } from "../infra/paths";
import { CREDIT_CODE_ALPHABET, makeCreditCode, makeOrganisationCode } from "../modules/enterprise/credit-code";
import { companyName, institutionName, personName, PLACE_WORDS, tradeName } from "./names";
import { Random, WeightedIndex } from "./random";
import {
  composeCapabilities,
  composeExpertise,
  composeNeed,
  composeProposal,
  composeServiceSummary,
  DECLINE_REASONS,
  type NeedTopic,
} from "./text";
import type {
  DemoData,
  DemoEnterprise,
  DemoExpert,
  DemoNeed,
  DemoPlatform,
  DemoResponse,
  DemoServiceRecord,
  DemoSociety,
  DemoUser,
} from "./types";
import { vocabularyOf } from "./vocabulary";

/** The programme's own scale (scale 1, fraction 1). */
export const DEMO_BASE_COUNTS = {
  societies: 100,
  enterprises: 1000,
  experts: 2000,
  platforms: 60,
  needs: 3000,
  serviceRecords: 1500,
} as const;

/** Every demo login ends in this domain (a reserved-for-local name, so no mail ever leaves). */
export const DEMO_EMAIL_DOMAIN = "demo.kechuang.local";

export interface DemoReference {
  regions: Array<{ code: string; name: string }>;
  chains: Array<{ code: string; name: string }>;
}

export interface DemoOptions {
  /** Seed of the pseudo-random generator (default 2023, the plan's first year). */
  seed?: number;
  /** Multiplies every count (`npm run seed -- --scale N`). Default 1. */
  scale?: number;
  /** A part of the demo, e.g. 0.1 for the small demo loaded on first start. Default 1. */
  fraction?: number;
  /** "Today" of the demo: deadlines and lifecycle dates are relative to it. Default: the current time. */
  now?: Date;
  /** Regions and chains to use; default: prisma/reference/*.json. */
  reference?: DemoReference;
}

const DAY = 24 * 60 * 60 * 1000;

export function readDemoReference(dir = path.join(PROJECT_ROOT, "prisma", "reference")): DemoReference {
  const regions = JSON.parse(fs.readFileSync(path.join(dir, "regions.json"), "utf8")) as { regions: DemoReference["regions"] };
  const chains = JSON.parse(fs.readFileSync(path.join(dir, "industry-chains.json"), "utf8")) as {
    industryChains: DemoReference["chains"];
  };
  return { regions: regions.regions, chains: chains.industryChains };
}

/** Generates the demo. Deterministic in (seed, scale, fraction, now, reference). */
export function generateDemo(options: DemoOptions = {}): DemoData {
  const scale = options.scale ?? 1;
  const fraction = options.fraction ?? 1;
  if (!(scale > 0) || !(fraction > 0)) throw new Error("scale and fraction must be positive");
  const count = (base: number) => Math.max(1, Math.round(base * scale * fraction));
  const ctx = new Context(options.reference ?? readDemoReference(), options.now ?? new Date(), options.seed ?? 2023);

  const societies = generateSocieties(ctx, count(DEMO_BASE_COUNTS.societies));
  const enterprises = generateEnterprises(ctx, count(DEMO_BASE_COUNTS.enterprises));
  const platforms = generatePlatforms(ctx, count(DEMO_BASE_COUNTS.platforms));
  const experts = generateExperts(ctx, count(DEMO_BASE_COUNTS.experts), societies, enterprises, platforms);
  const { needs, topics } = generateNeeds(ctx, count(DEMO_BASE_COUNTS.needs), enterprises);
  const responses = generateResponses(ctx, needs, topics, societies, experts);
  const serviceRecords = generateServiceRecords(ctx, count(DEMO_BASE_COUNTS.serviceRecords), societies, enterprises, needs, topics);
  const users = generateUsers(ctx, societies, enterprises, experts, needs, Math.max(1, Math.round(3 * scale)));
  return { societies, universities: DEMO_UNIVERSITIES, enterprises, experts, platforms, needs, responses, serviceRecords, users };
}

/** Shared state of one generation run. */
class Context {
  readonly chainCodes: string[];
  readonly chainNames: Map<string, string>;
  private readonly chainWeights: Record<string, number>;

  constructor(
    readonly reference: DemoReference,
    readonly now: Date,
    private readonly seed: number,
  ) {
    this.chainCodes = reference.chains.map((c) => c.code);
    this.chainNames = new Map(reference.chains.map((c) => [c.code, c.name]));
    this.chainWeights = Object.fromEntries(this.chainCodes.map((c) => [c, vocabularyOf(c).weight]));
  }

  /** One generator per part, so that changing how one part is drawn does not reshuffle the others. */
  random(part: string): Random {
    return new Random(this.seed).fork(part);
  }

  pickChain(random: Random): string {
    return random.weighted(this.chainWeights);
  }

  /** 1 or 2 distinct chains, the first weighted by the chain's share. */
  pickChains(random: Random, secondChance: number): string[] {
    const main = this.pickChain(random);
    if (!random.chance(secondChance) || this.chainCodes.length < 2) return [main];
    let second = this.pickChain(random);
    while (second === main) second = random.pick(this.chainCodes);
    return [main, second];
  }

  pickRegion(random: Random, chainCode: string): { code: string; name: string } {
    const affine = vocabularyOf(chainCode).regionAffinity.filter((code) => this.reference.regions.some((r) => r.code === code));
    const code = affine.length > 0 && random.chance(0.5) ? random.pick(affine) : random.pick(this.reference.regions).code;
    return this.reference.regions.find((r) => r.code === code)!;
  }

  daysAgo(random: Random, minDays: number, maxDays: number): Date {
    return new Date(this.now.getTime() - random.int(minDays * 24, maxDays * 24) * (DAY / 24));
  }

  /** A date `minDays`–`maxDays` after `from`, never later than now. */
  after(random: Random, from: Date, minDays: number, maxDays: number): Date {
    return this.clamp(new Date(from.getTime() + random.int(minDays * 24, maxDays * 24) * (DAY / 24)));
  }

  clamp(date: Date): Date {
    return date.getTime() > this.now.getTime() ? new Date(this.now) : date;
  }
}

/** Draws names until one is new; after many collisions (very large scales) numbers it. */
function uniqueName(taken: Set<string>, make: () => string, attempts = 30): string {
  for (let i = 0; i < attempts; i++) {
    const name = make();
    if (!taken.has(name)) return remember(taken, name);
  }
  const base = make();
  for (let n = 2; ; n++) if (!taken.has(`${base}（${n}）`)) return remember(taken, `${base}（${n}）`);
}

function remember(taken: Set<string>, name: string): string {
  taken.add(name);
  return name;
}

// ---------- societies ----------

const LEVEL_PREFIX: Record<SocietyLevel, string> = { NATIONAL: "中国", PROVINCIAL: "河南省", MUNICIPAL: "南阳市" };

// Society names are generic "<level><discipline>学会" names, as the programme's societies are named; a national
// one can coincide with a real society's name, but everything it does in the demo (responses, services) is invented.
function generateSocieties(ctx: Context, n: number): DemoSociety[] {
  const random = ctx.random("societies");
  const taken = new Set<string>();
  const societies: DemoSociety[] = [];
  for (let i = 0; i < n; i++) {
    const kind = random.weighted<SocietyKind>({ ACADEMIC_SOCIETY: 70, ENTERPRISE_ASSOCIATION: 12, INDUSTRY_ASSOCIATION: 18 });
    // Learned societies may span two chains; associations belong to one industry.
    const focusChains = ctx.pickChains(random, kind === "ACADEMIC_SOCIETY" ? 0.3 : 0);
    const vocabulary = vocabularyOf(focusChains[0]!);
    const level: SocietyLevel =
      kind === "ACADEMIC_SOCIETY"
        ? random.weighted<SocietyLevel>({ NATIONAL: 35, PROVINCIAL: 35, MUNICIPAL: 30 })
        : kind === "INDUSTRY_ASSOCIATION"
          ? random.weighted<SocietyLevel>({ PROVINCIAL: 30, MUNICIPAL: 70 })
          : "MUNICIPAL";
    const disciplines = [...new Set(focusChains.flatMap((c) => random.sample(vocabularyOf(c).disciplines, random.int(1, 2))))];
    const name = uniqueName(taken, () => {
      switch (kind) {
        case "ACADEMIC_SOCIETY": {
          const base = `${LEVEL_PREFIX[level]}${random.pick(disciplines)}学会`;
          // Later draws of a taken name become a specialised committee (专业委员会) of the society.
          return taken.has(base) ? `${base}${random.pick(vocabulary.techniques).name}专业委员会` : base;
        }
        case "ENTERPRISE_ASSOCIATION":
          return `南阳市${tradeName(random)}${random.pick(vocabulary.businessWords)}有限公司科协`;
        case "INDUSTRY_ASSOCIATION": {
          // Municipal associations are often a county's own (西峡县汽车配件行业协会).
          const county = ctx.reference.regions.filter((r) => /^\d{6}$/.test(r.code) && !r.name.endsWith("区"));
          const prefix = level === "MUNICIPAL" && county.length > 0 && random.chance(0.5) ? random.pick(county).name : LEVEL_PREFIX[level];
          return `${prefix}${random.pick(vocabulary.businessWords)}行业协会`;
        }
      }
    });
    societies.push({
      name,
      level,
      kind,
      disciplines,
      active: random.chance(0.95),
      focusChains,
      createdAt: ctx.daysAgo(random, 400, 1000),
    });
  }
  return societies;
}

// ---------- enterprises ----------

/**
 * Division code for positions 3–8 of a credit code. Special zones have no GB/T 2260 code: the two with a
 * statistical division code get it (411371 高新区, 411372 城乡一体化示范区), the others register with the city.
 */
const SPECIAL_ZONE_DIVISIONS: Record<string, string> = { "NY-GXQ": "411371", "NY-CXYTH": "411372" };

function divisionCode(regionCode: string): string {
  return /^\d{6}$/.test(regionCode) ? regionCode : (SPECIAL_ZONE_DIVISIONS[regionCode] ?? "411300");
}

/** A valid, unique credit code of an enterprise (authority 9 = market regulation, type 1 = enterprise). */
const ALPHABET = [...CREDIT_CODE_ALPHABET];

function creditCode(random: Random, regionCode: string, taken: Set<string>): string {
  for (;;) {
    // Since 2015 new organisation codes start "MA"; older enterprises kept their numeric GB 11714 code.
    const body = random.chance(0.7)
      ? "MA" + Array.from({ length: 6 }, () => random.pick(ALPHABET)).join("")
      : String(random.int(5, 7)) + String(random.int(0, 9_999_999)).padStart(7, "0");
    const code = makeCreditCode("91" + divisionCode(regionCode) + makeOrganisationCode(body));
    if (!taken.has(code)) return remember(taken, code);
  }
}

function designationsOf(random: Random): EnterpriseDesignation[] {
  const d: EnterpriseDesignation[] = [];
  const leader = random.chance(0.02);
  if (leader || random.chance(0.35)) d.push("HIGH_TECH");
  if (!leader && random.chance(0.5)) d.push("TECH_SME");
  if (leader || random.chance(0.4)) d.push("ABOVE_SCALE");
  if (random.chance(0.15)) d.push("SPECIALIZED_NEW");
  if (random.chance(0.05)) d.push("GAZELLE");
  if (leader) d.push("INNOVATION_LEADER");
  return d;
}

function generateEnterprises(ctx: Context, n: number): DemoEnterprise[] {
  const random = ctx.random("enterprises");
  const names = new Set<string>();
  const codes = new Set<string>();
  const enterprises: DemoEnterprise[] = [];
  for (let i = 0; i < n; i++) {
    const chainCodes = ctx.pickChains(random, 0.2);
    const region = ctx.pickRegion(random, chainCodes[0]!);
    const isCounty = /^\d{6}$/.test(region.code) && !region.name.endsWith("区");
    const businessWord = random.pick(vocabularyOf(chainCodes[0]!).businessWords);
    const designations = designationsOf(random);
    const createdAt = ctx.daysAgo(random, 30, 1000);
    const onKczg = random.chance(0.12);
    enterprises.push({
      name: uniqueName(names, () => companyName(random, region.name, isCounty, businessWord)),
      creditCode: creditCode(random, region.code, codes),
      regionCode: region.code,
      designations,
      hasRdAccount: random.chance(designations.includes("HIGH_TECH") ? 0.7 : 0.25),
      onKczg,
      kczgSince: onKczg ? ctx.after(random, createdAt, 0, 400) : null,
      chainCodes,
      createdAt,
    });
  }
  return enterprises;
}

// ---------- platforms ----------

const PLATFORM_SUFFIX: Record<PlatformKind, string> = {
  NATIONAL_KEY_LAB: "国家重点实验室",
  PROVINCIAL_LAB: "省重点实验室",
  TECH_INNOVATION_CENTER: "技术创新中心",
  INDUSTRY_RESEARCH_INSTITUTE: "产业研究院",
  PILOT_BASE: "中试基地",
  INCUBATOR: "科技企业孵化器",
  EXPERT_WORKSTATION: "学会专家工作站",
  OTHER: "公共服务平台",
};

function generatePlatforms(ctx: Context, n: number): DemoPlatform[] {
  const random = ctx.random("platforms");
  const taken = new Set<string>();
  const platforms: DemoPlatform[] = [];
  for (let i = 0; i < n; i++) {
    const chainCodes = ctx.pickChains(random, 0.25);
    const vocabulary = vocabularyOf(chainCodes[0]!);
    const kind = random.weighted<PlatformKind>({
      NATIONAL_KEY_LAB: 3, PROVINCIAL_LAB: 7, TECH_INNOVATION_CENTER: 20, INDUSTRY_RESEARCH_INSTITUTE: 18,
      PILOT_BASE: 16, INCUBATOR: 10, EXPERT_WORKSTATION: 22, OTHER: 4,
    });
    const name = uniqueName(taken, () =>
      kind === "EXPERT_WORKSTATION"
        ? `${tradeName(random)}${random.pick(vocabulary.businessWords)}${PLATFORM_SUFFIX[kind]}`
        : `${random.pick(PLACE_WORDS)}${random.pick(vocabulary.platformDomains)}${PLATFORM_SUFFIX[kind]}`,
    );
    const createdAt = ctx.daysAgo(random, 200, 1000);
    const onKczg = random.chance(0.3);
    platforms.push({
      name,
      kind,
      capabilities: composeCapabilities(random, vocabulary, kind),
      regionCode: ctx.pickRegion(random, chainCodes[0]!).code,
      onKczg,
      kczgSince: onKczg ? ctx.after(random, createdAt, 0, 300) : null,
      chainCodes,
      createdAt,
    });
  }
  return platforms;
}

// ---------- experts ----------

const SENIOR_TITLES = ["教授", "研究员", "正高级工程师", "高级工程师", "副教授", "副研究员"];
const YOUNG_TITLES = ["讲师", "工程师", "助理研究员", "副教授", "博士后"];

function indexBy<T>(items: readonly T[], keys: (item: T) => readonly string[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  items.forEach((item, i) => {
    for (const key of keys(item)) {
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
  });
  return index;
}

function generateExperts(
  ctx: Context,
  n: number,
  societies: DemoSociety[],
  enterprises: DemoEnterprise[],
  platforms: DemoPlatform[],
): DemoExpert[] {
  const random = ctx.random("experts");
  const societiesByChain = indexBy(societies, (s) => s.focusChains);
  const enterprisesByChain = indexBy(enterprises, (e) => e.chainCodes.slice(0, 1));
  const platformsByChain = indexBy(platforms, (p) => p.chainCodes);
  const allSocieties = societies.map((_, i) => i);
  const experts: DemoExpert[] = [];
  for (let i = 0; i < n; i++) {
    const chainCodes = ctx.pickChains(random, 0.2);
    const main = chainCodes[0]!;
    const vocabulary = vocabularyOf(main);
    const isYoungTalent = random.chance(0.25);
    const { expertise, keywords } = composeExpertise(random, vocabulary, isYoungTalent);
    const where = random.next();
    const chainEnterprises = enterprisesByChain.get(main);
    const chainPlatforms = platformsByChain.get(main);
    const employerIdx = where < 0.2 && chainEnterprises ? random.pick(chainEnterprises) : null;
    const affiliation =
      employerIdx !== null
        ? `${enterprises[employerIdx]!.name}技术中心`
        : where < 0.3 && chainPlatforms
          ? platforms[random.pick(chainPlatforms)]!.name
          : institutionName(random, vocabulary.institutionForms, random.pick(vocabulary.disciplines));
    // Most experts reach the hub through a society of their field; a few are registered directly.
    const candidates = societiesByChain.get(main) ?? allSocieties;
    const societyIdx = random.chance(0.92) ? random.sample(candidates, random.chance(0.3) ? 2 : 1).sort((a, b) => a - b) : [];
    experts.push({
      name: personName(random),
      title: random.pick(isYoungTalent ? YOUNG_TITLES : SENIOR_TITLES),
      affiliation,
      employerIdx,
      expertise,
      keywords,
      isYoungTalent,
      capacity: Number(random.weighted({ "1": 10, "2": 25, "3": 35, "4": 20, "5": 10 })),
      email: `expert${i + 1}@${DEMO_EMAIL_DOMAIN}`,
      // 0377 is Nanyang's area code; local numbers never start with 0, so these cannot ring anyone.
      phone: `0377-0${String(random.int(0, 9_999_999)).padStart(7, "0")}`,
      active: random.chance(0.97),
      chainCodes,
      societyIdx,
      createdAt: ctx.daysAgo(random, 10, 900),
    });
  }
  return experts;
}

// ---------- needs ----------

function generateNeeds(ctx: Context, n: number, enterprises: DemoEnterprise[]): { needs: DemoNeed[]; topics: NeedTopic[] } {
  const random = ctx.random("needs");
  // A few enterprises post many needs, most post one or two: weight ~ a skewed draw, leaders more.
  const activity = new WeightedIndex(
    enterprises.map((e) => 0.3 + 8 * random.next() ** 4 + (e.designations.includes("HIGH_TECH") ? 1 : 0)),
  );
  const needs: DemoNeed[] = [];
  const topics: NeedTopic[] = [];
  for (let i = 0; i < n; i++) {
    const enterpriseIdx = activity.pick(random);
    const enterprise = enterprises[enterpriseIdx]!;
    const chainCode = enterprise.chainCodes.length > 1 && random.chance(0.2) ? enterprise.chainCodes[1]! : enterprise.chainCodes[0]!;
    const kind = random.weighted<NeedKind>({ TECH_BREAKTHROUGH: 30, JOINT_RD: 20, CONSULTING: 15, TECH_TRANSFER: 12, PILOT_TEST: 12, TALENT: 11 });
    // 揭榜挂帅 is for hard problems: about one in ten breakthroughs and joint R&D, ~5% of all needs.
    const isChallenge = (kind === "TECH_BREAKTHROUGH" || kind === "JOINT_RD") && random.chance(0.1);
    const challengeAward = isChallenge ? random.int(5, 50) * 100_000 : null;
    const status = random.weighted<NeedStatus>({ OPEN: 58, IN_DOCKING: 15, RESOLVED: 10, CLOSED: 6, EXPIRED: 5, DRAFT: 6 });
    const visibility: Visibility = isChallenge ? "PUBLIC" : random.weighted<Visibility>({ PUBLIC: 70, MEMBERS: 20, CONFIDENTIAL: 10 });
    const text = composeNeed(random, ctx.chainNames.get(chainCode) ?? chainCode, vocabularyOf(chainCode), kind, challengeAward);

    const createdAt =
      status === "DRAFT" ? ctx.daysAgo(random, 0, 60)
      : status === "OPEN" ? ctx.daysAgo(random, 1, 300)
      : ctx.daysAgo(random, 60, 720);
    const openedAt = status === "DRAFT" ? null : ctx.after(random, createdAt, 0, 2);
    const deadline =
      status === "EXPIRED" ? new Date(ctx.now.getTime() - random.int(1, 50) * DAY)
      : status === "RESOLVED" || status === "CLOSED" ? new Date(createdAt.getTime() + random.int(60, 400) * DAY)
      : !isChallenge && random.chance(0.08) ? null
      : new Date(ctx.now.getTime() + random.int(15, 365) * DAY);

    let budgetMin: number | null = null;
    let budgetMax: number | null = null;
    if (isChallenge || random.chance(0.85)) {
      // Log-uniform 50k–2M yuan, rounded to 10k; the upper bound 1–3× the lower.
      budgetMin = Math.round(Math.exp(Math.log(50_000) + random.next() * Math.log(40)) / 10_000) * 10_000;
      budgetMax = Math.round((budgetMin * (1 + 2 * random.next())) / 10_000) * 10_000;
    }
    needs.push({
      enterpriseIdx,
      title: text.title,
      description: text.description,
      chainCode,
      kind,
      status,
      visibility,
      keywords: text.keywords,
      budgetMin,
      budgetMax,
      deadline,
      isChallenge,
      challengeAward,
      createdAt,
      openedAt,
      firstResponseAt: null, // set with the responses
      dockedAt: null,
      resolvedAt: null,
      closedAt: status === "CLOSED" ? ctx.after(random, openedAt!, 30, 300) : null,
    });
    topics.push(text.topic);
  }
  return { needs, topics };
}

// ---------- responses ----------

/** How many societies answer a need in each state (the lifecycle needs at least one before docking). */
function responseCount(random: Random, status: NeedStatus): number {
  switch (status) {
    case "IN_DOCKING":
    case "RESOLVED":
      return random.int(1, 3);
    case "CLOSED":
      return random.chance(0.5) ? random.int(1, 2) : 0;
    case "OPEN":
      return random.chance(0.3) ? random.int(1, 2) : 0;
    case "EXPIRED":
      return random.chance(0.1) ? 1 : 0;
    case "DRAFT":
      return 0;
  }
}

function responseStatus(random: Random, needStatus: NeedStatus, first: boolean): ResponseStatus {
  switch (needStatus) {
    case "RESOLVED":
      return first ? "ACCEPTED" : random.chance(0.7) ? "DECLINED" : "WITHDRAWN";
    case "IN_DOCKING":
      return first ? (random.chance(0.7) ? "ACCEPTED" : "SHORTLISTED") : random.chance(0.5) ? "SHORTLISTED" : "SUBMITTED";
    case "CLOSED":
      return random.chance(0.6) ? "DECLINED" : "WITHDRAWN";
    case "EXPIRED":
      return random.chance(0.5) ? "SUBMITTED" : "WITHDRAWN";
    default:
      return random.chance(0.7) ? "SUBMITTED" : "SHORTLISTED";
  }
}

function generateResponses(
  ctx: Context,
  needs: DemoNeed[],
  topics: NeedTopic[],
  societies: DemoSociety[],
  experts: DemoExpert[],
): DemoResponse[] {
  const random = ctx.random("responses");
  const activeSocieties = societies.map((_, i) => i).filter((i) => societies[i]!.active);
  const societiesByChain = indexBy(activeSocieties, (i) => societies[i]!.focusChains);
  const membersBySociety = indexBy(experts, (e) => e.societyIdx.map(String));
  const expertsByChain = indexBy(experts, (e) => e.chainCodes);
  const responses: DemoResponse[] = [];

  needs.forEach((need, needIdx) => {
    const n = responseCount(random, need.status);
    if (n === 0 || activeSocieties.length === 0) return;
    const candidates = (societiesByChain.get(need.chainCode) ?? []).map((k) => activeSocieties[k]!);
    const chosen = random.sample(candidates.length >= n ? candidates : activeSocieties, n);
    const times: Date[] = [];
    chosen.forEach((societyIdx, k) => {
      // Offer members of the society who work on the need's chain; else any member; else experts of the chain.
      const members = membersBySociety.get(String(societyIdx)) ?? [];
      const inChain = members.filter((e) => experts[e]!.chainCodes.includes(need.chainCode));
      const pool = inChain.length > 0 ? inChain : members.length > 0 ? members : (expertsByChain.get(need.chainCode) ?? []);
      const expertIdx = random.sample(pool, random.int(1, 3)).sort((a, b) => a - b);
      const status = responseStatus(random, need.status, k === 0);
      const createdAt = ctx.after(random, need.openedAt!, 1, 20);
      times.push(createdAt);
      responses.push({
        needIdx,
        societyIdx,
        expertIdx,
        proposal: composeProposal(random, societies[societyIdx]!.name, expertIdx.map((e) => experts[e]!.name), topics[needIdx]!),
        status,
        declineReason: status === "DECLINED" ? random.pick(DECLINE_REASONS) : null,
        createdAt,
      });
    });
    // Lifecycle timers follow the responses: first response → docking → resolution (never after now).
    need.firstResponseAt = new Date(Math.min(...times.map((t) => t.getTime())));
    if (need.status === "IN_DOCKING" || need.status === "RESOLVED") {
      need.dockedAt = ctx.after(random, need.firstResponseAt, 3, 30);
    }
    if (need.status === "RESOLVED") need.resolvedAt = ctx.after(random, need.dockedAt!, 20, 200);
    if (need.closedAt && need.closedAt < need.firstResponseAt) need.closedAt = ctx.after(random, need.firstResponseAt, 1, 60);
  });
  return responses;
}

// ---------- service records ----------

function generateServiceRecords(
  ctx: Context,
  n: number,
  societies: DemoSociety[],
  enterprises: DemoEnterprise[],
  needs: DemoNeed[],
  topics: NeedTopic[],
): DemoServiceRecord[] {
  const random = ctx.random("services");
  const enterprisesByChain = indexBy(enterprises, (e) => e.chainCodes);
  const needsByEnterprise = indexBy(needs, (need) => [String(need.enterpriseIdx)]);
  const records: DemoServiceRecord[] = [];
  for (let i = 0; i < n; i++) {
    const societyIdx = random.int(0, societies.length - 1);
    const chain = random.pick(societies[societyIdx]!.focusChains);
    const inChain = enterprisesByChain.get(chain);
    const enterpriseIdx = inChain ? random.pick(inChain) : random.int(0, enterprises.length - 1);
    const ownNeeds = (needsByEnterprise.get(String(enterpriseIdx)) ?? []).filter((k) => needs[k]!.status !== "DRAFT");
    const needIdx = ownNeeds.length > 0 && random.chance(0.4) ? random.pick(ownNeeds) : null;
    const kind = random.weighted<ServiceKind>({ CONSULTING: 30, GUIDANCE: 30, POLICY_BRIEFING: 15, RESEARCH_VISIT: 15, WORKSTATION: 10 });
    const servedOn = needIdx === null ? ctx.daysAgo(random, 1, 700) : ctx.after(random, needs[needIdx]!.openedAt!, 1, 90);
    records.push({
      societyIdx,
      enterpriseIdx,
      needIdx,
      kind,
      servedOn,
      summary: composeServiceSummary(random, kind, vocabularyOf(chain), needIdx === null ? null : topics[needIdx]!),
    });
  }
  return records;
}

// ---------- users ----------

function generateUsers(
  ctx: Context,
  societies: DemoSociety[],
  enterprises: DemoEnterprise[],
  experts: DemoExpert[],
  needs: DemoNeed[],
  analysts: number,
): DemoUser[] {
  const random = ctx.random("users");
  const users: DemoUser[] = [];
  const none = { enterpriseIdx: null, societyIdx: null, expertIdx: null };
  for (let k = 1; k <= analysts; k++) users.push({ ...none, email: `analyst${k}@${DEMO_EMAIL_DOMAIN}`, role: "ANALYST" });
  societies.forEach((_, i) => users.push({ ...none, email: `society${i + 1}@${DEMO_EMAIL_DOMAIN}`, role: "SOCIETY", societyIdx: i }));
  // Enterprises that posted needs have someone to log in for them, most of the time; enterprise1 always does.
  const posting = new Set(needs.map((n) => n.enterpriseIdx));
  enterprises.forEach((_, i) => {
    if (i === 0 || (posting.has(i) && random.chance(0.6))) {
      users.push({ ...none, email: `enterprise${i + 1}@${DEMO_EMAIL_DOMAIN}`, role: "ENTERPRISE", enterpriseIdx: i });
    }
  });
  // A few experts log in themselves (same address as on their profile).
  experts.forEach((e, i) => {
    if (i === 0 || random.chance(0.03)) users.push({ ...none, email: e.email, role: "EXPERT", expertIdx: i });
  });
  return users;
}
