// Writes a generated demo into the database: bulk inserts in batches (see bulk-insert.ts for why not
// createMany), local indices mapped to database ids, join tables included. Meant for an empty database (a
// new data folder, or `npm run seed`): names, credit codes and emails are unique, so loading the same demo
// twice fails on the first duplicate. Batches commit one by one: a failure leaves the batches before it.
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { insertReturningIds, insertRows, TABLES } from "../infra/db/bulk-insert";
import type { DemoData } from "./types";
import { unitOfWork } from "../infra/db/unit-of-work";

/** Password of every demo login (README documents it). Demo data only: never use it for a real account. */
export const DEMO_PASSWORD = "demo-password-2025";

export interface DemoCounts {
  societies: number;
  enterprises: number;
  enterpriseChains: number;
  platforms: number;
  platformChains: number;
  universities: number;
  experts: number;
  expertChains: number;
  societyMemberships: number;
  needs: number;
  responses: number;
  responseExperts: number;
  serviceRecords: number;
  users: number;
}

export interface LoadDemoOptions {
  /** Called after every batch; `total` is the number of rows of the whole demo, `phase` the table being filled. */
  onProgress?: (done: number, total: number, phase: string) => void;
  /** Parent rows per INSERT (and per transaction, with their join rows). Default 500. */
  batchSize?: number;
  /** The hub's password hasher (argon2 in production). Called once: every demo user shares the hash. */
  hashPassword: (plain: string) => Promise<string>;
  /** Default DEMO_PASSWORD. */
  password?: string;
}

/** Rows per table that loading `demo` inserts. */
export function countDemo(demo: DemoData): DemoCounts {
  const sum = <T>(items: T[], f: (item: T) => number) => items.reduce((n, item) => n + f(item), 0);
  return {
    societies: demo.societies.length,
    enterprises: demo.enterprises.length,
    enterpriseChains: sum(demo.enterprises, (e) => e.chainCodes.length),
    platforms: demo.platforms.length,
    platformChains: sum(demo.platforms, (p) => p.chainCodes.length),
    universities: demo.universities.length,
    experts: demo.experts.length,
    expertChains: sum(demo.experts, (e) => e.chainCodes.length),
    societyMemberships: sum(demo.experts, (e) => e.societyIdx.length),
    needs: demo.needs.length,
    responses: demo.responses.length,
    responseExperts: sum(demo.responses, (r) => r.expertIdx.length),
    serviceRecords: demo.serviceRecords.length,
    users: demo.users.length,
  };
}

export function totalRows(counts: DemoCounts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

type Tx = Prisma.TransactionClient;

/** Database ids of one table's rows, by local index; a bad index is a generator bug, so fail loudly. */
class IdMap {
  private readonly ids: number[] = [];

  constructor(private readonly table: string) {}

  add(ids: number[]): number[] {
    this.ids.push(...ids);
    return ids;
  }

  of(idx: number): number {
    const id = this.ids[idx];
    if (id === undefined) throw new Error(`${this.table}: no row at index ${idx}`);
    return id;
  }
}

/** Inserts the demo; returns the rows inserted per table. */
export async function loadDemo(prisma: PrismaClient, demo: DemoData, opts: LoadDemoOptions): Promise<DemoCounts> {
  const batchSize = opts.batchSize ?? 500;
  const counts = countDemo(demo);
  const total = totalRows(counts);
  let done = 0;
  // Each batch of parents commits together with its join rows, so no entity is ever left half-written;
  // the timeout is generous for large batches on a slow disk.
  const inBatches = async <T>(items: T[], phase: string, write: (tx: Tx, batch: T[]) => Promise<number>) => {
    for (let offset = 0; offset < items.length; offset += batchSize) {
      const batch = items.slice(offset, offset + batchSize);
      done += await unitOfWork(prisma, null, (tx) => write(tx, batch), { timeout: 120_000, maxWait: 30_000 });
      opts.onProgress?.(done, total, phase);
    }
  };

  const societyIds = new IdMap("Society");
  await inBatches(demo.societies, "societies", async (tx, batch) => {
    societyIds.add(await insertReturningIds(tx, TABLES.society, batch.map((s) => ({
      name: s.name, level: s.level, kind: s.kind, disciplines: s.disciplines, active: s.active,
      createdAt: s.createdAt, updatedAt: s.createdAt,
    }))));
    return batch.length;
  });

  const enterpriseIds = new IdMap("Enterprise");
  await inBatches(demo.enterprises, "enterprises", async (tx, batch) => {
    const ids = enterpriseIds.add(await insertReturningIds(tx, TABLES.enterprise, batch.map((e) => ({
      name: e.name, creditCode: e.creditCode, regionCode: e.regionCode, designations: e.designations,
      hasRdAccount: e.hasRdAccount, onKczg: e.onKczg, kczgSince: e.kczgSince, createdAt: e.createdAt, updatedAt: e.createdAt,
    }))));
    const chains = batch.flatMap((e, k) => e.chainCodes.map((chainCode) => ({ enterpriseId: ids[k]!, chainCode })));
    await insertRows(tx, TABLES.enterpriseChain, chains);
    return batch.length + chains.length;
  });

  await inBatches(demo.platforms, "platforms", async (tx, batch) => {
    const ids = await insertReturningIds(tx, TABLES.platform, batch.map((p) => ({
      name: p.name, kind: p.kind, capabilities: p.capabilities, regionCode: p.regionCode, onKczg: p.onKczg,
      kczgSince: p.kczgSince, active: true, createdAt: p.createdAt, updatedAt: p.createdAt,
    })));
    const chains = batch.flatMap((p, k) => p.chainCodes.map((chainCode) => ({ platformId: ids[k]!, chainCode })));
    await insertRows(tx, TABLES.platformChain, chains);
    return batch.length + chains.length;
  });

  await inBatches(demo.universities, "universities", async (tx, batch) => {
    await tx.university.createMany({ data: batch });
    return batch.length;
  });

  const expertIds = new IdMap("Expert");
  await inBatches(demo.experts, "experts", async (tx, batch) => {
    const ids = expertIds.add(await insertReturningIds(tx, TABLES.expert, batch.map((e) => ({
      name: e.name, title: e.title, affiliation: e.affiliation, expertise: e.expertise, keywords: e.keywords,
      isYoungTalent: e.isYoungTalent, capacity: e.capacity, email: e.email, phone: e.phone, active: e.active,
      employerId: e.employerIdx === null ? null : enterpriseIds.of(e.employerIdx), createdAt: e.createdAt, updatedAt: e.createdAt,
    }))));
    const chains = batch.flatMap((e, k) => e.chainCodes.map((chainCode) => ({ expertId: ids[k]!, chainCode })));
    const memberships = batch.flatMap((e, k) => e.societyIdx.map((s) => ({ expertId: ids[k]!, societyId: societyIds.of(s) })));
    await insertRows(tx, TABLES.expertChain, chains);
    await insertRows(tx, TABLES.societyMembership, memberships);
    return batch.length + chains.length + memberships.length;
  });

  const needIds = new IdMap("TechNeed");
  await inBatches(demo.needs, "needs", async (tx, batch) => {
    needIds.add(await insertReturningIds(tx, TABLES.need, batch.map((n) => ({
      enterpriseId: enterpriseIds.of(n.enterpriseIdx), title: n.title, description: n.description, chainCode: n.chainCode,
      kind: n.kind, status: n.status, visibility: n.visibility, keywords: n.keywords, budgetMin: n.budgetMin,
      budgetMax: n.budgetMax, deadline: n.deadline, isChallenge: n.isChallenge, challengeAward: n.challengeAward,
      createdAt: n.createdAt, updatedAt: latest(n.createdAt, n.firstResponseAt, n.dockedAt, n.resolvedAt, n.closedAt),
      openedAt: n.openedAt, firstResponseAt: n.firstResponseAt, dockedAt: n.dockedAt, resolvedAt: n.resolvedAt, closedAt: n.closedAt,
    }))));
    return batch.length;
  });

  await inBatches(demo.responses, "responses", async (tx, batch) => {
    const ids = await insertReturningIds(tx, TABLES.response, batch.map((r) => ({
      needId: needIds.of(r.needIdx), societyId: societyIds.of(r.societyIdx), proposal: r.proposal, status: r.status,
      declineReason: r.declineReason, createdAt: r.createdAt, updatedAt: r.createdAt,
    })));
    const offered = batch.flatMap((r, k) => r.expertIdx.map((e) => ({ responseId: ids[k]!, expertId: expertIds.of(e) })));
    await insertRows(tx, TABLES.responseExpert, offered);
    return batch.length + offered.length;
  });

  await inBatches(demo.serviceRecords, "service records", async (tx, batch) => {
    await insertRows(tx, TABLES.serviceRecord, batch.map((s) => ({
      societyId: societyIds.of(s.societyIdx), enterpriseId: enterpriseIds.of(s.enterpriseIdx),
      needId: s.needIdx === null ? null : needIds.of(s.needIdx), kind: s.kind, servedOn: s.servedOn, summary: s.summary,
      createdAt: s.servedOn, confirmedAt: s.servedOn, // the demo's service took place: confirmed, so it counts
    })));
    return batch.length;
  });

  // One hash for all demo users: a real KDF costs tens of milliseconds per call, which at 100× scale would
  // be most of the load time, and every demo user has the same documented password anyway.
  const passwordHash = await opts.hashPassword(opts.password ?? DEMO_PASSWORD);
  const now = new Date();
  await inBatches(demo.users, "users", async (tx, batch) => {
    await insertRows(tx, TABLES.user, batch.map((u) => ({
      email: u.email, passwordHash, role: u.role,
      enterpriseId: u.enterpriseIdx === null ? null : enterpriseIds.of(u.enterpriseIdx),
      societyId: u.societyIdx === null ? null : societyIds.of(u.societyIdx),
      expertId: u.expertIdx === null ? null : expertIds.of(u.expertIdx),
      createdAt: now, updatedAt: now,
    })));
    return batch.length;
  });

  return counts;
}

function latest(...dates: Array<Date | null>): Date {
  return new Date(Math.max(...dates.filter((d): d is Date => d !== null).map((d) => d.getTime())));
}
